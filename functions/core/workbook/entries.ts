/**
 * A unit's own tab: one row per criterion, matched to `Tiêu chí` by `Mã`, never by
 * position, so a sorted or re-ordered tab scores the same.
 */
import { ENTRY_HEADERS } from '../../../sheets-schema/layout.js';
import type { TabSnapshot } from '../cell.js';
import type { IssueList } from '../issues.js';
import type { Criterion } from '../model.js';
import { codeText } from './criteria.js';
import { cellAt, headerColumns, isBlank } from './grid.js';

export type EntryCols = Partial<Record<keyof typeof ENTRY_HEADERS, number>>;

export interface EntryTab {
  tab: TabSnapshot;
  cols: EntryCols;
  /**
   * Each criterion's row (0-based), by its position in the criteria list read with the
   * tab; -1 when it has none (nor for a group). Flat, one array per tab: a Map per unit
   * tab, grown entry by entry, was a tenth of the bytes a run allocates at 2.000 units.
   */
  rowAt: Int32Array;
  /** Code → position in that criteria list: one map shared by every tab read with it. */
  positions: ReadonlyMap<string, number>;
  /** Codes that appear on more than one row: scored 0 until fixed. */
  duplicated: Set<string>;
  /** Every row with a Mã, in sheet order (known, group or unknown), for writing `Điểm`. */
  codedRows: number[];
  /** The Mã of each of `codedRows`, as read: two flat lists, not an object per row. */
  rowCodes: string[];
  /** True when the unit typed something in Thực hiện, Tự chấm or Cụm chấm for some criterion. */
  hasData: boolean;
}

/** Code → position in the criteria list, once per list (not once per unit's tab). */
const positionByCode = new WeakMap<readonly Criterion[], Map<string, number>>();

export function readEntries(unit: string, tab: TabSnapshot, criteria: Criterion[], issues: IssueList): EntryTab {
  const { cols, missing } = headerColumns(tab, ENTRY_HEADERS);
  const headerWidth = (tab.rows[0] ?? []).length;
  for (const k of missing) {
    issues.error({
      unit, tab: tab.name, row: 0, col: headerWidth, criterion: null, code: 'missing-header',
      params: { tab: tab.name, header: ENTRY_HEADERS[k], hint: 'add-column' },
    });
  }

  let byCode = positionByCode.get(criteria);
  if (!byCode) positionByCode.set(criteria, (byCode = new Map(criteria.map((c, n) => [c.code, n]))));
  const rowAt = new Int32Array(criteria.length).fill(-1);
  const duplicated = new Set<string>();
  const codedRows: number[] = [];
  const rowCodes: string[] = [];
  let hasData = false;
  for (let r = 1; r < tab.rows.length; r++) {
    const c = cellAt(tab, r, cols.code);
    if (isBlank(c)) continue;
    const code = codeText(c);
    codedRows.push(r);
    rowCodes.push(code);
    const at = byCode.get(code);
    if (at === undefined) {
      issues.warning({ unit, tab: tab.name, row: r, col: cols.code ?? null, criterion: null, code: 'unknown-row', params: { typed: code } });
      continue;
    }
    if (criteria[at]!.isGroup) continue;
    if (rowAt[at]! >= 0) {
      duplicated.add(code);
      issues.error({
        unit, tab: tab.name, row: r, col: cols.code ?? null, criterion: code, code: 'duplicate-row',
        params: { typed: code, rows: `${rowAt[at]! + 1}, ${r + 1}` },
      });
      continue;
    }
    rowAt[at] = r;
    if (!isBlank(cellAt(tab, r, cols.actual)) || !isBlank(cellAt(tab, r, cols.selfScore)) || !isBlank(cellAt(tab, r, cols.reviewScore))) {
      hasData = true;
    }
  }
  return { tab, cols, rowAt, positions: byCode, duplicated, codedRows, rowCodes, hasData };
}

/** The row (0-based) of the criterion with this code, or null when the tab has none. */
export function rowOf(e: EntryTab, code: string): number | null {
  const at = e.positions.get(code);
  const row = at === undefined ? -1 : e.rowAt[at]!;
  return row < 0 ? null : row;
}
