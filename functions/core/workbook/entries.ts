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
  /** criterion code → its row (0-based). */
  rowOf: Map<string, number>;
  /** Codes that appear on more than one row: scored 0 until fixed. */
  duplicated: Set<string>;
  /** Every row with a Mã, in sheet order (known, group or unknown), for writing `Điểm`. */
  codedRows: { row: number; code: string }[];
  /** True when the unit typed something in Thực hiện, Tự chấm or Cụm chấm for some criterion. */
  hasData: boolean;
}

/** Code → criterion, once per criteria list (not once per unit's tab). */
const criteriaByCode = new WeakMap<readonly Criterion[], Map<string, Criterion>>();

export function readEntries(unit: string, tab: TabSnapshot, criteria: Criterion[], issues: IssueList): EntryTab {
  const { cols, missing } = headerColumns(tab, ENTRY_HEADERS);
  const headerWidth = (tab.rows[0] ?? []).length;
  for (const k of missing) {
    issues.error({
      unit, tab: tab.name, row: 0, col: headerWidth, criterion: null, code: 'missing-header',
      params: { tab: tab.name, header: ENTRY_HEADERS[k], hint: 'add-column' },
    });
  }

  let byCode = criteriaByCode.get(criteria);
  if (!byCode) criteriaByCode.set(criteria, (byCode = new Map(criteria.map((c) => [c.code, c]))));
  const rowOf = new Map<string, number>();
  const duplicated = new Set<string>();
  const codedRows: { row: number; code: string }[] = [];
  let hasData = false;
  for (let r = 1; r < tab.rows.length; r++) {
    const c = cellAt(tab, r, cols.code);
    if (isBlank(c)) continue;
    const code = codeText(c);
    codedRows.push({ row: r, code });
    const criterion = byCode.get(code);
    if (!criterion) {
      issues.warning({ unit, tab: tab.name, row: r, col: cols.code ?? null, criterion: null, code: 'unknown-row', params: { typed: code } });
      continue;
    }
    if (criterion.isGroup) continue;
    if (rowOf.has(code)) {
      duplicated.add(code);
      issues.error({
        unit, tab: tab.name, row: r, col: cols.code ?? null, criterion: code, code: 'duplicate-row',
        params: { typed: code, rows: `${rowOf.get(code)! + 1}, ${r + 1}` },
      });
      continue;
    }
    rowOf.set(code, r);
    if (!isBlank(cellAt(tab, r, cols.actual)) || !isBlank(cellAt(tab, r, cols.selfScore)) || !isBlank(cellAt(tab, r, cols.reviewScore))) {
      hasData = true;
    }
  }
  return { tab, cols, rowOf, duplicated, codedRows, hasData };
}
