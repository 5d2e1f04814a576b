/**
 * The workbook grows by itself (core/grow.ts): a unit added to `Đơn vị` gets its tab on
 * the next run, laid out as init lays one out; a criterion added to `Tiêu chí` gets a row
 * appended to every unit tab lacking it; every input cell that was there stays as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell, WorkbookSnapshot } from '../../functions/core/cell.js';
import { buildEdits } from '../../functions/core/edits.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { createWorkbook } from '../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../functions/sheets/xlsx/write.js';
import { ENTRY_HEADERS, TAB } from '../../sheets-schema/layout.js';
import { SAMPLE } from '../../sheets-schema/sample.js';
import { entryText, sheetPart } from '../sheets/xlsx/helpers.js';

const NOW = Date.UTC(2023, 11, 20, 3, 0);
const POINTS = Object.keys(ENTRY_HEADERS).indexOf('points');
const CHECK = Object.keys(ENTRY_HEADERS).indexOf('check');

function run(bytes: Uint8Array): Uint8Array {
  return applyEdits(bytes, buildEdits(evaluate(readXlsx(bytes, 'khoi')), { now: NOW, trigger: 'cli', source: 'khoi', log: [] }));
}

function rowsOf(s: WorkbookSnapshot, tab: string): Cell[][] {
  return s.tabs.find((t) => t.name === tab)!.rows;
}

/** Everything of a worksheet but its cell values: columns, notes' anchors, formats, print setup. */
function skeleton(xml: string): string {
  // Row counts differ (HSV has one criterion more): the highlight reaches as many spare rows below.
  return xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, "").replace(/<dataValidations[\s\S]*<\/dataValidations>/, "").replace(/r:id="rId\d+"/g, "").replace(/<dimension ref="[^"]*"\/>/, "").replace(/sqref="A2:J\d+"/, "");
}

describe('growEdits through a run on an .xlsx', () => {
  let before: Uint8Array;
  let after: Uint8Array;
  const unitsRow = SAMPLE.units.length + 1;
  const criteriaRow = SAMPLE.criteria.length + 1;

  beforeAll(async () => {
    const made = run(await createWorkbook(SAMPLE));
    // A person adds a unit and a criterion (2.4, ordinary) below the last rows.
    before = applyEdits(made, {
      cells: [
        { tab: TAB.units, row: unitsRow, col: 0, value: 'HSV' },
        { tab: TAB.units, row: unitsRow, col: 1, value: 'Hội Sinh viên tỉnh' },
        { tab: TAB.units, row: unitsRow, col: 2, value: 'hsv@thidua.example' },
        { tab: TAB.criteria, row: criteriaRow, col: 0, value: '2.4' },
        { tab: TAB.criteria, row: criteriaRow, col: 1, value: 'Tham gia chương trình chuyển đổi số của tỉnh' },
        { tab: TAB.criteria, row: criteriaRow, col: 2, value: 5 },
        { tab: TAB.criteria, row: criteriaRow, col: 3, value: 'Tự chấm' },
      ],
      tabs: [], append: [], notes: [],
    });
    after = run(before);
  });

  it('gives the new unit its tab, with a row per criterion, laid out as init lays one out', () => {
    const s = readXlsx(after, 'khoi');
    const rows = rowsOf(s, 'HSV');
    expect(rows[0]!.map((c) => (c as { v: string }).v)).toEqual(Object.values(ENTRY_HEADERS));
    const scored = [...SAMPLE.criteria.filter((c) => !SAMPLE.criteria.some((o) => o.code.startsWith(`${c.code}.`))).map((c) => c.code), '2.4'];
    expect(rows.slice(1).map((r) => (r[0] as { v: string }).v).sort()).toEqual(scored.sort());
    // The same columns, notes, highlight and print setup as HND's tab made by init.
    expect(skeleton(entryText(after, sheetPart(after, 'HSV')))).toBe(skeleton(entryText(after, sheetPart(after, 'HND'))));
    // And a line in Nhật ký says so.
    const log = rowsOf(s, TAB.log).map((r) => (r[2] as { v: string } | null)?.v ?? '');
    expect(log.some((l) => l.includes('Tạo trang HSV'))).toBe(true);
  });

  it('appends the new criterion to every unit tab that lacks it, once', () => {
    const s = readXlsx(after, 'khoi');
    for (const u of SAMPLE.units) {
      const rows = rowsOf(s, u.code);
      const hits = rows.filter((r) => (r[0] as { v: string } | null)?.v === '2.4');
      expect(hits, u.code).toHaveLength(1);
      expect(rows[rows.length - 1]!.slice(0, 3)).toEqual([{ t: 's', v: '2.4' }, { t: 's', v: 'Tham gia chương trình chuyển đổi số của tỉnh' }, { t: 'n', v: 5 }]);
    }
    // A second run adds nothing more.
    const again = readXlsx(run(after), 'khoi');
    for (const u of SAMPLE.units) expect(rowsOf(again, u.code)).toHaveLength(rowsOf(s, u.code).length);
  });

  it('leaves every input cell that was there exactly as it was', () => {
    const a = readXlsx(before, 'khoi');
    const b = readXlsx(after, 'khoi');
    let checked = 0;
    for (const tab of a.tabs) {
      if ([TAB.ranking, TAB.issues, TAB.log].includes(tab.name as never)) continue;
      const isUnit = SAMPLE.units.some((u) => u.code === tab.name);
      tab.rows.forEach((row, r) => row.forEach((cell, c) => {
        if (isUnit && (c === POINTS || c === CHECK)) return;
        expect(rowsOf(b, tab.name)[r]?.[c] ?? null, `${tab.name} r${r} c${c}`).toEqual(cell ?? null);
        checked++;
      }));
    }
    expect(checked).toBeGreaterThan(300);
  });
});
