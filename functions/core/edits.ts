/**
 * What a run writes back (WORKBOOK.md, "What a run may write"): `Điểm` and `Kiểm tra` on
 * unit tabs, the `Xếp hạng` and `Kiểm tra` tabs rewritten, lines appended to `Nhật ký`,
 * and notes on input cells with an issue. Pure: the run's time and source come in.
 */
import { ISSUE_HEADERS, LOG_HEADERS, NEEDS_VOTE, RANKING_HEADERS, REVOTE, TAB } from '../../sheets-schema/layout.js';
import type { CellNote, OutValue, SheetEdits } from './cell.js';
import { centsToNumber, formatDateTime, formatPoints } from './format.js';
import type { EvaluationDetail } from './evaluate.js';
import type { Evaluation, Lang, UnitResult } from './model.js';
import { meetingLines } from './meeting/aside.js';

export type TriggerLabel = 'cli' | 'watch' | 'edit' | 'reconcile' | 'schedule' | 'manual';

export interface RunContext {
  /** The run's time, epoch ms. */
  now: number;
  trigger: TriggerLabel;
  /** The workbook's name, for "computed from". */
  source: string;
  /** Lines for `Nhật ký` besides the run summary (what changed, deliveries). */
  log: string[];
}

export function buildEdits(detail: EvaluationDetail, ctx: RunContext): SheetEdits {
  const ev = detail.evaluation;
  const lang = ev.settings.language;
  return {
    cells: unitCells(detail),
    tabs: [
      { name: TAB.ranking, rows: rankingRows(ev, ctx) },
      { name: TAB.issues, rows: issueRows(ev) },
    ],
    append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: logRows(ev, ctx, lang) }],
    notes: unitNotes(detail),
  };
}

function unitCells(detail: EvaluationDetail): SheetEdits['cells'] {
  const ev = detail.evaluation;
  const cells: SheetEdits['cells'] = [];
  const messagesAt = new Map<string, string[]>();
  detail.rawIssues.forEach((raw, n) => {
    if (raw.unit === null || raw.row === null) return;
    const key = `${raw.unit}\u0000${raw.row}`;
    messagesAt.set(key, [...(messagesAt.get(key) ?? []), ev.issues[n]!.message]);
  });
  for (const unit of ev.units) {
    const e = detail.entries.get(unit.code);
    if (!e) continue;
    const points = new Map(unit.scores.map((s) => [s.code, s.points]));
    const { points: pCol, check: cCol } = e.cols;
    for (const { row, code } of e.codedRows) {
      if (pCol !== undefined) {
        const value = unit.status === 'missing' ? null : pointsOfRow(code, points, ev);
        cells.push({ tab: e.tab.name, row, col: pCol, value });
      }
      if (cCol !== undefined) {
        const msgs = messagesAt.get(`${unit.code}\u0000${row}`);
        cells.push({ tab: e.tab.name, row, col: cCol, value: msgs ? msgs.join('\n') : null });
      }
    }
  }
  return cells;
}

/** A criterion's points, or a group's subtotal (bonus added, deductions subtracted). */
function pointsOfRow(code: string, points: Map<string, number>, ev: Evaluation): OutValue {
  const own = points.get(code);
  if (own !== undefined) {
    const c = ev.criteria.find((x) => x.code === code);
    return centsToNumber(c?.rule === 'deduction' ? -own : own);
  }
  const children = ev.criteria.filter((c) => !c.isGroup && c.code.startsWith(code + '.'));
  if (!children.length) return null;
  let sum = 0;
  for (const c of children) sum += (c.rule === 'deduction' ? -1 : 1) * (points.get(c.code) ?? 0);
  return centsToNumber(sum);
}

function rankingRows(ev: Evaluation, ctx: RunContext): OutValue[][] {
  const lang = ev.settings.language;
  const H = RANKING_HEADERS;
  const header: OutValue[] = [
    H.rank, H.code, H.name,
    ...ev.groups.map((g) => (g.content ? `${g.code}. ${g.content}` : `Nhóm ${g.code}`)),
    H.bonus, H.deduction, H.total, H.grade, H.award, H.voteResult, H.status,
  ];
  const rows: OutValue[][] = [header];
  for (const u of ev.units) {
    rows.push([
      u.rank, u.code, u.name,
      ...ev.groups.map((g) => (u.status === 'missing' ? null : centsToNumber(u.groups[g.code] ?? 0))),
      ...(u.status === 'missing' ? [null, null, null] : [centsToNumber(u.bonus), centsToNumber(u.deduction), centsToNumber(u.total)]),
      u.grade, awardCell(u, lang), u.voteResult, statusText(u, lang),
    ]);
  }
  // When and from what, beside the table, one empty column apart.
  const at = header.length + 1;
  const about: [string, string][] = lang === 'vi'
    ? [['Cập nhật lúc', formatDateTime(ctx.now)], ['Tính từ', ctx.source], ['Kỳ đánh giá', `${ev.settings.period} ${ev.settings.year ?? ''}`.trim()], ['Thang điểm', formatPoints(ev.settings.scale * 100)]]
    : [['Updated at', formatDateTime(ctx.now)], ['Computed from', ctx.source], ['Period', `${ev.settings.period} ${ev.settings.year ?? ''}`.trim()], ['Scale', formatPoints(ev.settings.scale * 100, 'en')]];
  for (const l of meetingLines(ev)) about.push([l.label, l.value]);
  about.forEach(([k, v], i) => {
    const row = rows[i] ?? (rows[i] = []);
    while (row.length < at) row.push(null);
    row[at] = k;
    row[at + 1] = v;
  });
  return rows;
}

function awardCell(u: UnitResult, lang: Lang): string {
  if (u.award && u.award !== NEEDS_VOTE && u.award !== REVOTE) return u.award;
  if (u.award) return `${u.award}: ${u.awardReason}`;
  return lang === 'vi' ? `Không đề nghị: ${u.awardReason}` : `Not proposed: ${u.awardReason}`;
}

export function statusText(u: UnitResult, lang: Lang): string {
  if (lang === 'en') return u.status === 'ok' ? 'OK' : u.status === 'missing' ? 'Not submitted' : `${u.errorCount} errors`;
  return u.status === 'ok' ? 'Hợp lệ' : u.status === 'missing' ? 'Chưa nộp' : `Còn ${u.errorCount} lỗi`;
}

function issueRows(ev: Evaluation): OutValue[][] {
  const level = (s: 'error' | 'warning') => (s === 'error' ? 'Lỗi' : 'Cảnh báo');
  return [[...ISSUE_HEADERS], ...ev.issues.map((i) => [i.unit ?? i.tab, i.cell, i.criterion, level(i.severity), i.message])];
}

const SOURCE: Record<Lang, Record<TriggerLabel, string>> = {
  vi: { cli: 'Dòng lệnh', watch: 'Tự động (lưu tệp)', edit: 'Tự động (sửa bảng tính)', reconcile: 'Kiểm tra định kỳ', schedule: 'Theo lịch', manual: 'Chấm điểm ngay' },
  en: { cli: 'Command line', watch: 'Automatic (file saved)', edit: 'Automatic (sheet edited)', reconcile: 'Periodic check', schedule: 'Scheduled', manual: 'Run now' },
};

function logRows(ev: Evaluation, ctx: RunContext, lang: Lang): OutValue[][] {
  const when = formatDateTime(ctx.now);
  const source = SOURCE[lang][ctx.trigger];
  const submitted = ev.units.filter((u) => u.status !== 'missing').length;
  const errors = ev.issues.filter((i) => i.severity === 'error').length;
  const warnings = ev.issues.length - errors;
  const leader = ev.units[0] && ev.units[0].rank !== null ? ev.units[0] : null;
  const summary = lang === 'vi'
    ? `Chấm điểm ${ev.units.length} đơn vị (${submitted} đã nộp): ${errors} lỗi, ${warnings} cảnh báo.` +
      (leader ? ` Dẫn đầu: ${leader.name} (${formatPoints(leader.total)} điểm).` : '')
    : `Scored ${ev.units.length} units (${submitted} submitted): ${errors} errors, ${warnings} warnings.` +
      (leader ? ` Leading: ${leader.name} (${formatPoints(leader.total, 'en')} points).` : '');
  return [[when, source, summary], ...ctx.log.map((line) => [when, source, line])];
}

function unitNotes(detail: EvaluationDetail): SheetEdits['notes'] {
  const ev = detail.evaluation;
  const out: SheetEdits['notes'] = [];
  for (const unit of ev.units) {
    const e = detail.entries.get(unit.code);
    if (!e) continue;
    const c = e.cols;
    const cols = [c.target, c.actual, c.selfScore, c.evidence, c.reviewScore].filter((x): x is number => x !== undefined);
    const items: CellNote[] = [];
    detail.rawIssues.forEach((raw, n) => {
      if (raw.unit === unit.code && raw.row !== null && raw.col !== null && cols.includes(raw.col)) {
        items.push({ tab: e.tab.name, row: raw.row, col: raw.col, severity: raw.severity, text: ev.issues[n]!.message });
      }
    });
    out.push({ tab: e.tab.name, rows: e.tab.rows.length, cols, items });
  }
  return out;
}
