/**
 * The ranking as a terminal table, for `thidua run` without `--json`: it fits the
 * terminal (80 columns when not a terminal), long names shortened with "…", colour where
 * the terminal shows it (NO_COLOR respected).
 */
import { meetingLines } from '../core/meeting/aside.js';
import { printable } from '../core/text.js';
import { formatPoints } from '../core/format.js';
import type { Evaluation } from '../core/model.js';
import { statusText } from '../core/edits.js';

export interface TableOptions {
  /** Columns available (default 80). */
  width?: number;
  colour?: boolean;
}

/** The line a run prints when Excel holds the file. */
export const OPEN_IN_EXCEL = (path: string) => `Tệp ${path} đang mở trong Excel nên chưa ghi được kết quả vào bảng tính (bảng trên là kết quả tính được).`;

/** The terminal's width, or 80 when the output is not a terminal. */
export function terminalWidth(out: NodeJS.WritableStream): number {
  const cols = (out as NodeJS.WriteStream).columns;
  return typeof cols === 'number' && cols >= 40 ? cols : 80;
}

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org) or TERM is dumb; FORCE_COLOR forces it. */
export function useColour(out: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return (out as NodeJS.WriteStream).isTTY === true && env.TERM !== 'dumb';
}

const ESC = '\u001b[';
const paint = (on: boolean, code: string, s: string) => (on && s.trim() ? `${ESC}${code}m${s}${ESC}0m` : s);

/** `s` cut to `n` characters, the last one "…" when cut. */
export function shorten(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : n <= 1 ? '…' : chars.slice(0, n - 1).join('').trimEnd() + '…';
}

const len = (s: string) => [...s].length;

/** Words onto lines of at most `width` characters (a longer word is shortened). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const w = shorten(word, width);
    if (!cur) cur = w;
    else if (len(cur) + 1 + len(w) <= width) cur += ` ${w}`;
    else {
      out.push(cur);
      cur = w;
    }
  }
  if (cur) out.push(cur);
  return out;
}

export function rankingTable(ev: Evaluation, o: TableOptions = {}): string {
  const width = o.width ?? 80;
  const colour = o.colour ?? false;
  const lang = ev.settings.language;
  const head = lang === 'vi'
    ? ['Hạng', 'Mã', 'Tên đơn vị', 'Điểm', 'Xếp loại', 'Đề nghị', 'Trạng thái']
    : ['Rank', 'Code', 'Unit', 'Total', 'Grade', 'Proposal', 'Status'];
  // Sheet text reaches a terminal here: no control character (an ESC could drive it).
  const rows = ev.units.map((u) => [
    u.rank === null ? '—' : String(u.rank),
    u.code,
    u.name,
    u.status === 'missing' ? '—' : formatPoints(u.total, lang),
    u.grade ?? '—',
    u.award ?? '',
    statusText(u, lang),
  ].map((c) => printable(c).replace(/\s+/g, ' ')));
  let gap = 2;
  const widths = head.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i]!))));
  // Too wide: the proposal gives way (to 14), then the name (to 18), then both further.
  const NAME = 2;
  const AWARD = 5;
  let over = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1) - width;
  for (const [col, min] of [[AWARD, 14], [NAME, 18], [AWARD, 8], [NAME, 10]] as const) {
    if (over <= 0) break;
    const give = Math.min(over, Math.max(0, widths[col]! - min));
    widths[col]! -= give;
    over -= give;
  }
  // A narrow terminal: one space between columns.
  if (over > 0) gap = 1;
  const right = new Set([0, 3]);
  const cell = (c: string, i: number) => {
    const t = shorten(c, widths[i]!);
    return right.has(i) ? t.padStart(widths[i]!) : t.padEnd(widths[i]!);
  };
  const line = (cells: string[], style?: (s: string, i: number, raw: string) => string) =>
    cells.map((c, i) => (style ? style(cell(c, i), i, c) : cell(c, i))).join(' '.repeat(gap)).trimEnd();
  const styleRow = (u: Evaluation['units'][number]) => (s: string, i: number) => {
    if (i === 6) return paint(colour, u.status === 'ok' ? '32' : u.status === 'missing' ? '2' : '31', s);
    if (i === 5 && u.award) return paint(colour, '33', s);
    if (i === 0 && u.rank === 1) return paint(colour, '1', s);
    return s;
  };
  const title = shorten(printable(`${ev.settings.name} — ${ev.settings.period} ${ev.settings.year ?? ''}`.trim()), width);
  const errors = ev.issues.filter((i) => i.severity === 'error').length;
  const warnings = ev.issues.length - errors;
  const footer = lang === 'vi'
    ? `${errors} lỗi, ${warnings} cảnh báo${ev.issues.length ? ' — chi tiết ở tab Kiểm tra' : ''}`
    : `${errors} errors, ${warnings} warnings${ev.issues.length ? ' — see the Kiểm tra tab' : ''}`;
  return [
    paint(colour, '1', title),
    '',
    line(head, (s) => paint(colour, '1', s)),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map((r, k) => line(r, styleRow(ev.units[k]!))),
    '',
    // The meeting's lines (MEETING.md): the lock, next year's head and deputy.
    ...meetingLines(ev).flatMap((l) => wrap(printable(l.value), width)),
    paint(colour, errors ? '31' : '32', footer),
  ].join('\n');
}
