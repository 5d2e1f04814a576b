/**
 * `Lịch sử`: the units' earlier years (MEETING.md, "A new year"). Written by `thidua
 * new-year`, never by a run; an optional tab (a first-year workbook has none).
 */
import { HISTORY_HEADERS, TAB } from '../../../sheets-schema/layout.js';
import { Year } from '../../../sheets-schema/schemas.js';
import type { TabSnapshot } from '../cell.js';
import type { IssueList } from '../issues.js';
import type { HistoryEntry, HistoryRow } from '../model.js';
import { normalizeName } from '../text.js';
import { readNumber } from '../values/numbers.js';
import { cellAt, headerColumns, isBlank, textOf } from './grid.js';

export type HistoryField = keyof typeof HISTORY_HEADERS;
/** The columns in their order on the tab, as `new-year` writes them. */
export const HISTORY_FIELDS = Object.keys(HISTORY_HEADERS) as HistoryField[];

export interface HistoryRead {
  rows: HistoryRow[];
  /** Every row with something in it: its text per field, as a person sees it (for the hand-edit check). */
  typed: { row: number; texts: string[] }[];
  /** Column of each field, where the header was found. */
  cols: Partial<Record<HistoryField, number>>;
}

const NONE: HistoryRead = { rows: [], typed: [], cols: {} };

export function readHistory(tab: TabSnapshot | undefined, issues: IssueList): HistoryRead {
  if (!tab) return NONE;
  const { cols, missing } = headerColumns(tab, HISTORY_HEADERS);
  const width = (tab.rows[0] ?? []).length;
  for (const k of missing) {
    issues.warning({
      unit: null, tab: TAB.history, row: 0, col: width, criterion: null, code: 'missing-header',
      params: { tab: TAB.history, header: HISTORY_HEADERS[k], hint: 'column-empty' },
    });
  }
  if (cols.year === undefined || cols.code === undefined) return { ...NONE, cols };

  const rows: HistoryRow[] = [];
  const typed: HistoryRead['typed'] = [];
  const bad = (row: number, field: HistoryField, typedText: string) =>
    issues.warning({
      unit: null, tab: TAB.history, row, col: cols[field] ?? null, criterion: null, code: 'bad-history',
      params: { field: HISTORY_HEADERS[field], typed: typedText },
    });
  for (let r = 1; r < tab.rows.length; r++) {
    const texts = HISTORY_FIELDS.map((f) => textOf(cellAt(tab, r, cols[f])));
    if (texts.every((t) => t === '')) continue;
    typed.push({ row: r, texts });
    const yearCell = cellAt(tab, r, cols.year);
    const code = textOf(cellAt(tab, r, cols.code));
    const year = readNumber(yearCell);
    if (year.kind !== 'value' || !Year.safeParse(year.value).success) {
      bad(r, 'year', textOf(yearCell));
      continue;
    }
    if (code === '') continue;
    const rank = optionalNumber(tab, r, cols.rank);
    const total = optionalNumber(tab, r, cols.total);
    if (rank === undefined || (rank !== null && !Number.isInteger(rank))) bad(r, 'rank', textOf(cellAt(tab, r, cols.rank)));
    if (total === undefined) bad(r, 'total', textOf(cellAt(tab, r, cols.total)));
    const text = (f: HistoryField) => textOf(cellAt(tab, r, cols[f])) || null;
    rows.push({
      year: year.value,
      code,
      name: text('name') ?? code,
      rank: rank !== undefined && rank !== null && Number.isInteger(rank) ? rank : null,
      total: total ?? null,
      grade: text('grade'),
      award: text('award'),
      role: text('role'),
      row: r,
    });
  }
  return { rows, typed, cols };
}

/** null when empty, undefined when not a number. */
function optionalNumber(tab: TabSnapshot, row: number, col: number | undefined): number | null | undefined {
  const c = cellAt(tab, row, col);
  if (isBlank(c)) return null;
  const r = readNumber(c);
  return r.kind === 'value' ? r.value : undefined;
}

/** A unit's years before `year` (all years when it is unknown), oldest first. */
export function historyOf(rows: readonly HistoryRow[], code: string, year: number | null): HistoryEntry[] {
  const key = normalizeName(code);
  return rows
    .filter((h) => normalizeName(h.code) === key && (year === null || h.year < year))
    .sort((a, b) => a.year - b.year || a.row - b.row)
    .map(({ year: y, rank, total, grade, award, role }) => ({ year: y, rank, total, grade, award, role }));
}
