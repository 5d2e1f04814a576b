/**
 * What a run writes back (WORKBOOK.md, "What a run may write"): `Điểm` and `Kiểm tra` on
 * unit tabs, the `Xếp hạng` and `Kiểm tra` tabs rewritten, lines appended to `Nhật ký`,
 * and notes on input cells with an issue. Pure: the run's time and source come in.
 */
import { ISSUE_HEADERS, LOG_HEADERS, NEEDS_VOTE, REVOTE, TAB } from '../../sheets-schema/layout.js';
import { meetingLines } from './meeting/aside.js';
import { LINE_HEIGHT, printHeader } from '../../sheets-schema/page.js';
import { ASIDE, asideColumn, headerHeight, rankingColumns, SYSTEM_NOTE, wrappedLines, type AsideLine, type RankingColumn, type RankingKey } from '../../sheets-schema/ranking.js';
import type { CellNote, ColumnLayout, OutValue, SheetEdits, TabLayout } from './cell.js';
import { centsToNumber, dateTimeSerial, formatDateTime, formatPoints } from './format.js';
import type { EvaluationDetail } from './evaluate.js';
import { growEdits, type Growth } from './grow.js';
import type { Criterion, Evaluation, Lang, UnitResult } from './model.js';

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
  const grown = growEdits(detail);
  return {
    cells: [...unitCells(detail), ...grown.cells],
    tabs: [
      rankingTab(ev, ctx),
      { name: TAB.issues, rows: issueRows(ev) },
    ],
    ...(grown.addTabs.length ? { addTabs: grown.addTabs } : {}),
    append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: logRows(ev, { ...ctx, log: [...ctx.log, ...growthLines(grown, lang)] }, lang) }],
    notes: unitNotes(detail),
  };
}

/** What the workbook gained, for `Nhật ký`. */
function growthLines(g: Growth, lang: Lang): string[] {
  return [
    ...g.addTabs.map((t) => (lang === 'vi' ? `Tạo trang ${t.name} cho đơn vị mới (${t.rows.length - 1} dòng tiêu chí).` : `Created tab ${t.name} for a new unit (${t.rows.length - 1} criteria rows).`)),
    ...g.appended.map((a) => (lang === 'vi' ? `Thêm dòng tiêu chí ${a.codes.join(', ')} vào trang ${a.tab}.` : `Added criteria rows ${a.codes.join(', ')} to tab ${a.tab}.`)),
  ];
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
  const rows = rowIndex(ev.criteria);
  for (const unit of ev.units) {
    const e = detail.entries.get(unit.code);
    if (!e) continue;
    const points = new Map(unit.scores.map((s) => [s.code, s.points]));
    const { points: pCol, check: cCol } = e.cols;
    for (let n = 0; n < e.codedRows.length; n++) {
      const row = e.codedRows[n]!, code = e.rowCodes[n]!;
      if (pCol !== undefined) {
        const value = unit.status === 'missing' ? null : pointsOfRow(code, points, rows);
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

/** `Tiêu chí` looked up by a unit tab's row code, built once per run (not per unit and row). */
interface RowIndex {
  /** Code → the first criterion so coded. */
  byCode: Map<string, Criterion>;
  /** Code → the non-group criteria under it (`1` → 1.1, 1.2, 1.2.1 …), in sheet order. */
  under: Map<string, Criterion[]>;
}

function rowIndex(criteria: readonly Criterion[]): RowIndex {
  const byCode = new Map<string, Criterion>();
  const under = new Map<string, Criterion[]>();
  for (const c of criteria) {
    if (!byCode.has(c.code)) byCode.set(c.code, c);
    if (c.isGroup) continue;
    // Every code that c's code continues with "." (1.2.1 → 1, 1.2).
    for (let i = c.code.indexOf('.'); i >= 0; i = c.code.indexOf('.', i + 1)) {
      const head = c.code.slice(0, i);
      const list = under.get(head);
      if (list) list.push(c);
      else under.set(head, [c]);
    }
  }
  return { byCode, under };
}

/** A criterion's points, or a group's subtotal (bonus added, deductions subtracted). */
function pointsOfRow(code: string, points: Map<string, number>, index: RowIndex): OutValue {
  const own = points.get(code);
  if (own !== undefined) {
    const c = index.byCode.get(code);
    return centsToNumber(c?.rule === 'deduction' ? -own : own);
  }
  const children = index.under.get(code);
  if (!children) return null;
  let sum = 0;
  for (const c of children) sum += (c.rule === 'deduction' ? -1 : 1) * (points.get(c.code) ?? 0);
  return centsToNumber(sum);
}

/** Each `Xếp hạng` column's value for a unit (keys from sheets-schema/ranking.ts). */
const RANKING_VALUES: Record<Exclude<RankingKey, 'group'>, (u: UnitResult, lang: Lang) => OutValue> = {
  rank: (u) => u.rank,
  code: (u) => u.code,
  name: (u) => u.name,
  bonus: (u) => (u.status === 'missing' ? null : centsToNumber(u.bonus)),
  deduction: (u) => (u.status === 'missing' ? null : centsToNumber(u.deduction)),
  total: (u) => (u.status === 'missing' ? null : centsToNumber(u.total)),
  grade: (u) => u.grade,
  award: (u, lang) => awardCell(u, lang),
  voteResult: (u) => u.voteResult,
  status: (u, lang) => statusText(u, lang),
};

/** `Xếp hạng`, values and layout, from the one definition of its columns. */
export function rankingTab(ev: Evaluation, ctx: RunContext): RankingTab {
  const lang = ev.settings.language;
  const columns = rankingColumns(ev.groups);
  const body = ev.units.map((u) => columns.map((c) => c.key === 'group'
    ? (u.status === 'missing' ? null : centsToNumber(u.groups[c.group!] ?? 0))
    : RANKING_VALUES[c.key](u, lang)));
  return layRanking(columns, body, asideLines(ev, ctx), {
    header: printHeader(ev.settings.name, ev.settings.year),
    chartTitle: lang === 'vi' ? 'Tổng điểm' : 'Total points',
  });
}

export interface RankingTab {
  name: string;
  rows: OutValue[][];
  layout: TabLayout;
}

/**
 * The tab from its columns, unit rows and the lines beside it (also what `thidua init`
 * writes, with no units yet): widths, notes, formats, row heights, print setup, chart.
 */
export function layRanking(columns: RankingColumn[], body: OutValue[][], aside: AsideLine[], o: { header: string; chartTitle: string }): RankingTab {
  const rows: OutValue[][] = [columns.map((c) => c.header), ...body];
  const heights: (number | null)[] = rows.map((row, r) => {
    if (r === 0) return null;
    const lines = Math.max(1, ...columns.map((c, i) => (c.wrap ? wrappedLines(String(row[i] ?? ''), c.width) : 1)));
    return lines > 1 ? lines * LINE_HEIGHT + 2 : null;
  });
  const layoutColumns: ColumnLayout[] = columns.map((c) => ({
    width: c.width, format: c.format, wrap: c.wrap, align: c.align, note: c.note ? `${c.note} ${SYSTEM_NOTE}` : SYSTEM_NOTE,
  }));
  // The lines beside the table, one empty column apart.
  const at = asideColumn(columns.length);
  const cellFormats: TabLayout['cellFormats'] = [];
  aside.forEach((line, i) => {
    const row = rows[i] ?? (rows[i] = []);
    while (row.length < at) row.push(null);
    row[at] = line.label;
    row[at + 1] = line.value;
    cellFormats.push({ row: i, col: at, format: 'text', bold: true }, { row: i, col: at + 1, format: line.format });
  });
  if (aside.length) {
    layoutColumns.push(
      { width: ASIDE.gap, format: 'text', wrap: false, align: 'left', note: null },
      { width: ASIDE.labelWidth, format: 'text', wrap: false, align: 'left', note: null },
      { width: ASIDE.valueWidth, format: 'text', wrap: true, align: 'left', note: null },
    );
  }
  const units = body.length;
  return {
    name: TAB.ranking,
    rows,
    layout: {
      columns: layoutColumns,
      table: { rows: units + 1, cols: columns.length },
      cellFormats,
      headerHeight: headerHeight(columns, LINE_HEIGHT),
      rowHeights: heights,
      print: { landscape: true, titleRows: 1, header: o.header },
      ...(units > 0
        ? { chart: {
          title: o.chartTitle,
          categoryCol: columns.findIndex((c) => c.key === 'code'),
          valueCol: columns.findIndex((c) => c.key === 'total'),
          rows: units + 1,
          anchorCol: 0,
          anchorRow: Math.max(units, aside.length) + 2,
        } }
        : {}),
    },
  };
}

/** When and from what the ranking was computed; a list so that others can add lines. */
export function asideLines(ev: Evaluation, ctx: RunContext): AsideLine[] {
  const lang = ev.settings.language;
  const period = `${ev.settings.period} ${ev.settings.year ?? ''}`.trim();
  // The meeting's lines (MEETING.md): "Đã chốt lúc …" while locked, and next year's head and deputy.
  const meeting: AsideLine[] = meetingLines(ev).map((l) => ({ label: l.label, value: l.value, format: 'text' }));
  return [...(lang === 'vi'
    ? [
      { label: 'Cập nhật lúc', value: dateTimeSerial(ctx.now), format: 'dateTime' },
      { label: 'Tính từ', value: ctx.source, format: 'text' },
      { label: 'Kỳ đánh giá', value: period, format: 'text' },
      { label: 'Thang điểm', value: centsToNumber(ev.settings.scale * 100), format: 'points' },
    ]
    : [
      { label: 'Updated at', value: dateTimeSerial(ctx.now), format: 'dateTime' },
      { label: 'Computed from', value: ctx.source, format: 'text' },
      { label: 'Period', value: period, format: 'text' },
      { label: 'Scale', value: centsToNumber(ev.settings.scale * 100), format: 'points' },
    ]) satisfies AsideLine[], ...meeting];
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
