/** The ranking as a terminal table, for `thidua run` without `--json`. */
import { meetingLines } from '../core/meeting/aside.js';
import { printable } from '../core/text.js';
import { formatPoints } from '../core/format.js';
import type { Evaluation } from '../core/model.js';
import { statusText } from '../core/edits.js';

export function rankingTable(ev: Evaluation): string {
  const lang = ev.settings.language;
  const head = lang === 'vi'
    ? ['Hạng', 'Mã', 'Tên đơn vị', 'Tổng điểm', 'Xếp loại', 'Đề nghị khen thưởng', 'Trạng thái']
    : ['Rank', 'Code', 'Unit', 'Total', 'Grade', 'Proposal', 'Status'];
  const rows = ev.units.map((u) => [
    u.rank === null ? '—' : String(u.rank),
    u.code,
    u.name,
    u.status === 'missing' ? '—' : formatPoints(u.total, lang),
    u.grade ?? '—',
    u.award ?? '',
    statusText(u, lang),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([0, 3]);
  const line = (cells: string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const title = `${ev.settings.name} — ${ev.settings.period} ${ev.settings.year ?? ''}`.trim();
  const errors = ev.issues.filter((i) => i.severity === 'error').length;
  const warnings = ev.issues.length - errors;
  const footer = lang === 'vi'
    ? `${errors} lỗi, ${warnings} cảnh báo${ev.issues.length ? ' — chi tiết ở tab Kiểm tra' : ''}`
    : `${errors} errors, ${warnings} warnings${ev.issues.length ? ' — see the Kiểm tra tab' : ''}`;
  // Sheet text reaches a terminal here: no control character (an ESC could drive it).
  // The meeting's lines (MEETING.md): the lock, next year's head and deputy.
  const meeting = meetingLines(ev).map((l) => l.value);
  return printable([title, '', line(head), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line), '', ...meeting, footer].join('\n'));
}
