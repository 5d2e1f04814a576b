/**
 * A unit's tab laid out whole (sheets-schema/unit-tab.ts): what `thidua init` writes for
 * each unit, and what a run writes for a unit added to `Đơn vị` that has no tab yet.
 * Pure: criteria and any pre-filled inputs in, rows and layout out.
 */
import { ENTRY_HEADERS } from '../../sheets-schema/layout.js';
import { LINE_HEIGHT, printHeader } from '../../sheets-schema/page.js';
import { wrappedLines } from '../../sheets-schema/ranking.js';
import { COLOURS, PASS_FAIL, SPARE_ROWS, UNIT_COLUMNS, type EntryKey } from '../../sheets-schema/unit-tab.js';
import type { OutValue, TabLayout } from './cell.js';

export interface UnitTabCriterion {
  code: string;
  content: string;
  /** Điểm chuẩn (points, or as typed), or null. */
  max: OutValue;
  /** `Thực hiện` takes Đạt / Không đạt: it gets a dropdown. */
  passFail: boolean;
}

export type UnitTabInputs = Partial<Record<EntryKey, OutValue>>;

export function layUnitTab(
  code: string,
  criteria: readonly UnitTabCriterion[],
  inputs: ReadonlyMap<string, UnitTabInputs>,
  cluster: { name: string; year: number | string | null },
): { name: string; rows: OutValue[][]; layout: TabLayout } {
  const keys = UNIT_COLUMNS.map((c) => c.key);
  const col = (k: EntryKey) => keys.indexOf(k);
  const rows: OutValue[][] = [keys.map((k) => ENTRY_HEADERS[k])];
  const heights: (number | null)[] = [null];
  const passFailRows: number[] = [];
  for (const c of criteria) {
    const given = inputs.get(c.code) ?? {};
    const row: OutValue[] = keys.map((k) => (k === 'code' ? c.code : k === 'content' ? c.content : k === 'maxPoints' ? c.max : (given[k] ?? null)));
    rows.push(row);
    const lines = Math.max(1, ...UNIT_COLUMNS.map((u, i) => (u.wrap && row[i] !== null ? wrappedLines(String(row[i]), u.width - 1) : 1)));
    heights.push(lines > 1 ? lines * LINE_HEIGHT + 2 : null);
    if (c.passFail) passFailRows.push(rows.length - 1);
  }
  const last = criteria.length + SPARE_ROWS;
  return {
    name: code,
    rows,
    layout: {
      columns: UNIT_COLUMNS.map((c) => ({ width: c.width, format: c.number === 'points' ? 'points' : 'text', wrap: c.wrap, align: c.number ? 'right' : 'left', note: c.note })),
      table: { rows: rows.length, cols: UNIT_COLUMNS.length },
      cellFormats: [],
      headerHeight: 2 * LINE_HEIGHT,
      rowHeights: heights,
      print: { landscape: true, titleRows: 1, header: printHeader(cluster.name, cluster.year) },
      borders: false,
      headerFills: UNIT_COLUMNS.map((c) => (c.system ? COLOURS.systemHeader : COLOURS.header)),
      systemColumns: UNIT_COLUMNS.flatMap((c, i) => (c.system ? [{ col: i, fill: COLOURS.system, color: COLOURS.systemText }] : [])),
      bodyRows: last + 1,
      validations: passFailRows.length
        ? [{ col: col('actual'), rows: passFailRows, list: PASS_FAIL, error: 'Chọn Đạt hoặc Không đạt.' }]
        : [],
      highlight: { lastRow: last, lastCol: UNIT_COLUMNS.length - 1, formula: `LEN($${String.fromCharCode(65 + col('check'))}2)>0`, fill: COLOURS.issueRow },
    },
  };
}
