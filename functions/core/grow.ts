/**
 * The workbook grows by itself (WORKBOOK.md version 2, "What a run may write"): a unit
 * listed in `Đơn vị` without a tab gets one, laid out as `thidua init` lays it out; a
 * criterion of `Tiêu chí` missing from a unit tab gets a row appended below the tab's
 * last row (`Mã`, `Nội dung`, `Điểm chuẩn`; inputs empty). Existing rows are never
 * touched. Pure.
 */
import type { CellEdit, OutValue, SheetEdits } from './cell.js';
import { cellText } from './cell.js';
import { centsToNumber } from './format.js';
import type { EvaluationDetail } from './evaluate.js';
import type { Criterion } from './model.js';
import { layUnitTab, type UnitTabCriterion } from './unit-tab.js';
import { rowOf } from './workbook/entries.js';

export interface Growth {
  addTabs: NonNullable<SheetEdits['addTabs']>;
  cells: CellEdit[];
  /** Criteria codes appended, per unit tab. */
  appended: { tab: string; codes: string[] }[];
}

export function growEdits(detail: EvaluationDetail): Growth {
  const ev = detail.evaluation;
  const scored = ev.criteria.filter((c) => !c.isGroup);
  const addTabs: NonNullable<SheetEdits['addTabs']> = [];
  const cells: CellEdit[] = [];
  const appended: Growth['appended'] = [];
  for (const u of ev.units) {
    const e = detail.entries.get(u.code);
    if (e === undefined) continue;
    if (e === null) {
      addTabs.push({ ...layUnitTab(u.code, scored.map(asUnitCriterion), new Map(), { name: ev.settings.name, year: ev.settings.year }), editors: detail.editors.get(u.code) ?? [] });
      continue;
    }
    const missing = scored.filter((c) => rowOf(e, c.code) === null && !e.duplicated.has(c.code));
    const { code, content, maxPoints } = e.cols;
    if (!missing.length || code === undefined) continue;
    let row = lastFilledRow(e.tab.rows) + 1;
    for (const c of missing) {
      const put = (col: number | undefined, value: OutValue) => col !== undefined && value !== null && cells.push({ tab: e.tab.name, row, col, value });
      put(code, c.code);
      put(content, c.content);
      put(maxPoints, c.max === null ? null : centsToNumber(c.max));
      row++;
    }
    appended.push({ tab: e.tab.name, codes: missing.map((c) => c.code) });
  }
  return { addTabs, cells, appended };
}

function asUnitCriterion(c: Criterion): UnitTabCriterion {
  return { code: c.code, content: c.content, max: c.max === null ? null : centsToNumber(c.max), passFail: c.rule === 'passFail' };
}

function lastFilledRow(rows: readonly (readonly unknown[])[]): number {
  for (let r = rows.length - 1; r >= 0; r--) {
    if ((rows[r] ?? []).some((c) => c !== null && c !== undefined && cellText(c as never) !== '')) return r;
  }
  return 0;
}
