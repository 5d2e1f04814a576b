import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle, seedSpreadsheet } from '../../support/fake-google/index.js';
import { sheetsClient } from '../../../functions/google/clients.js';
import { readSpreadsheet, type SheetRef } from '../../../functions/sheets/google/read.js';
import { buildWriteRequests, chooseSheetId, rectangles } from '../../../functions/sheets/google/write.js';
import type { SheetEdits } from '../../../functions/core/cell.js';
import { ISSUE_HEADERS, LOG_HEADERS, TAB } from '../../../sheets-schema/layout.js';
import { COL, clusterWorkbook, runEdits } from './fixture.js';

const empty: SheetEdits = { cells: [], tabs: [], append: [], notes: [] };

let fake: FakeGoogle;
beforeAll(async () => void (fake = await FakeGoogle.start()));
afterAll(async () => fake.close());

/** Read, build, send one batchUpdate: what the adapter does, spelled out. */
async function writeThrough(id: string, edits: SheetEdits) {
  const client = sheetsClient({ rootUrl: fake.rootUrl });
  const { sheets } = await readSpreadsheet(client, id);
  const requests = buildWriteRequests(edits, sheets);
  fake.resetCounts();
  await client.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests } });
  return requests;
}

describe('buildWriteRequests', () => {
  const unitTab: SheetRef = { sheetId: 7, title: 'HND', rowCount: 50, columnCount: 10, usedRows: 6 };

  it('groups edited cells into rectangles that hold edited cells only', () => {
    const cells = [
      ...[1, 2, 3].flatMap((row) => [
        { tab: 'HND', row, col: 8, value: row },
        { tab: 'HND', row, col: 9, value: null },
      ]),
      { tab: 'HND', row: 5, col: 8, value: 'x' }, // gap at row 4: a new rectangle
    ];
    expect(rectangles(cells)).toEqual([
      { row: 1, col: 8, values: [[1, null], [2, null], [3, null]] },
      { row: 5, col: 8, values: [['x']] },
    ]);
  });

  it('adds a missing system tab with an id of our choosing that later requests use', () => {
    const requests = buildWriteRequests({ ...empty, tabs: [{ name: TAB.ranking, rows: [['Hạng']] }] }, [unitTab]);
    const id = requests[0]!.addSheet!.properties!.sheetId!;
    expect(requests[0]!.addSheet!.properties!.title).toBe(TAB.ranking);
    expect(id).toBe(chooseSheetId(TAB.ranking, new Set([7])));
    expect(requests.slice(1).every((r) => r.updateCells?.range?.sheetId === id || r.updateCells?.start?.sheetId === id)).toBe(true);
  });

  it('never picks a sheetId already in use', () => {
    const taken = chooseSheetId(TAB.ranking, new Set());
    expect(chooseSheetId(TAB.ranking, new Set([taken]))).not.toBe(taken);
  });

  it('writes text as stringValue whatever it looks like, numbers as numberValue, null as a clear', () => {
    const [req] = buildWriteRequests(
      { ...empty, cells: [{ tab: 'HND', row: 1, col: 8, value: 5 }, { tab: 'HND', row: 1, col: 9, value: '=HYPERLINK("x")' }, { tab: 'HND', row: 1, col: 10, value: null }] },
      [{ ...unitTab, columnCount: 11 }],
    );
    expect(req!.updateCells!.rows).toEqual([{ values: [{ userEnteredValue: { numberValue: 5 } }, { userEnteredValue: { stringValue: '=HYPERLINK("x")' } }, {}] }]);
    expect(req!.updateCells!.fields).toBe('userEnteredValue');
  });

  it('refuses a number that is not finite', () => {
    expect(() => buildWriteRequests({ ...empty, cells: [{ tab: 'HND', row: 1, col: 8, value: NaN }] }, [unitTab])).toThrow(/finite/);
  });

  it('grows a grid too small for the rows it must hold', () => {
    const ranking: SheetRef = { sheetId: 3, title: TAB.ranking, rowCount: 2, columnCount: 3, usedRows: 2 };
    const requests = buildWriteRequests({ ...empty, tabs: [{ name: TAB.ranking, rows: [[1, 2, 3, 4], [1], [1], [1]] }] }, [ranking]);
    expect(requests.slice(0, 2)).toEqual([
      { appendDimension: { sheetId: 3, dimension: 'ROWS', length: 2 } },
      { appendDimension: { sheetId: 3, dimension: 'COLUMNS', length: 1 } },
    ]);
  });

  it('fails loudly on a unit tab that is not there', () => {
    expect(() => buildWriteRequests({ ...empty, cells: [{ tab: 'XYZ', row: 1, col: 1, value: 1 }] }, [unitTab])).toThrow(/XYZ/);
  });

  it('makes no request for no edits', () => {
    expect(buildWriteRequests(empty, [unitTab])).toEqual([]);
  });
});

describe('a run\'s write through the real Sheets client', () => {
  it('is exactly one batchUpdate, and the sheet then shows the values', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(3));
    const edits = runEdits(3);
    edits.tabs[0]!.rows[1]![2] = '=IMPORTXML("http://evil")'; // a unit name that looks like a formula
    await writeThrough(id, edits);

    expect(fake.count('sheets.batchUpdate')).toBe(1);
    expect(fake.sheetsCalls()).toBe(1);
    // Điểm / Kiểm tra of unit tabs
    expect(fake.entered(id, 'DV01', 'I2')).toEqual({ numberValue: 9 });
    expect(fake.entered(id, 'DV01', 'J2')).toEqual({ stringValue: 'Lỗi: Thực hiện không phải là số' });
    expect(fake.entered(id, 'DV02', 'J2')).toBeUndefined();
    expect(fake.entered(id, 'DV03', 'I5')).toEqual({ numberValue: 9 });
    // Input cells untouched
    expect(fake.entered(id, 'DV01', 'E2')).toEqual({ numberValue: 90 });
    // New system tabs, with their rows; RAW text stays text
    expect(fake.entered(id, TAB.ranking, 'A1')).toEqual({ stringValue: 'Hạng' });
    expect(fake.entered(id, TAB.ranking, 'C2')).toEqual({ stringValue: '=IMPORTXML("http://evil")' });
    expect(fake.cell(id, TAB.ranking, 'C2')!.effectiveValue).toEqual({ stringValue: '=IMPORTXML("http://evil")' });
    expect(fake.entered(id, TAB.issues, 'B2')).toEqual({ stringValue: 'E2' });
    expect(fake.entered(id, TAB.log, 'A1')).toEqual({ stringValue: LOG_HEADERS[0] });
    expect(fake.entered(id, TAB.log, 'C2')).toEqual({ stringValue: 'Chấm 3 đơn vị' });
    // Notes on the input cells with issues
    expect(fake.cell(id, 'DV01', 'E2')!.note).toBe('Lỗi: Thực hiện không phải là số');
    expect(fake.cell(id, 'DV02', 'E2')?.note).toBeUndefined();
  });

  it('rewrites a system tab whole: old rows go, formatting people gave it stays', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(1));
    await writeThrough(id, { ...empty, tabs: [{ name: TAB.issues, rows: [[...ISSUE_HEADERS], ['DV01', 'E2', '1.1', 'Lỗi', 'a'], ['DV01', 'E3', '1.2', 'Lỗi', 'b']] }] });
    fake.putCell(id, TAB.issues, 'A1', { ...fake.cell(id, TAB.issues, 'A1')!, userEnteredFormat: { textFormat: { bold: true } } });

    await writeThrough(id, { ...empty, tabs: [{ name: TAB.issues, rows: [[...ISSUE_HEADERS]] }] });

    expect(fake.entered(id, TAB.issues, 'A2')).toBeUndefined();
    expect(fake.entered(id, TAB.issues, 'E3')).toBeUndefined();
    expect(fake.entered(id, TAB.issues, 'A1')).toEqual({ stringValue: ISSUE_HEADERS[0] });
    expect(fake.cell(id, TAB.issues, 'A1')!.userEnteredFormat).toEqual({ textFormat: { bold: true } });
  });

  it('appends to Nhật ký below what is there, without repeating the header', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(1));
    const log = (text: string): SheetEdits => ({ ...empty, append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: [['t', 'thử nghiệm', text]] }] });
    await writeThrough(id, log('lần 1'));
    await writeThrough(id, log('lần 2'));
    expect(fake.entered(id, TAB.log, 'A1')).toEqual({ stringValue: LOG_HEADERS[0] });
    expect(fake.entered(id, TAB.log, 'C2')).toEqual({ stringValue: 'lần 1' });
    expect(fake.entered(id, TAB.log, 'C3')).toEqual({ stringValue: 'lần 2' });
    expect(fake.entered(id, TAB.log, 'C4')).toBeUndefined();
  });

  it('sets current notes and clears stale ones in the owned range only', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(1));
    fake.putCell(id, 'DV01', 'F3', { note: 'ghi chú cũ của hệ thống' }); // stale, in an owned column
    fake.putCell(id, 'DV01', 'B3', { userEnteredValue: { stringValue: 'x' }, effectiveValue: { stringValue: 'x' }, note: 'ghi chú của người dùng' });
    await writeThrough(id, {
      ...empty,
      notes: [{
        tab: 'DV01',
        rows: 5,
        cols: [COL.target, COL.actual, COL.selfScore, COL.evidence],
        items: [
          { tab: 'DV01', row: 2, col: COL.actual, severity: 'error', text: 'Không phải số' },
          { tab: 'DV01', row: 2, col: COL.actual, severity: 'warning', text: 'Dấu chấm thập phân' },
          { tab: 'DV01', row: 4, col: COL.evidence, severity: 'warning', text: 'Thiếu minh chứng' },
        ],
      }],
    });
    expect(fake.cell(id, 'DV01', 'E3')!.note).toBe('Lỗi: Không phải số\nCảnh báo: Dấu chấm thập phân');
    expect(fake.cell(id, 'DV01', 'G5')!.note).toBe('Cảnh báo: Thiếu minh chứng');
    expect(fake.cell(id, 'DV01', 'F3')?.note).toBeUndefined();
    expect(fake.cell(id, 'DV01', 'B3')!.note).toBe('ghi chú của người dùng');
    // Values under the notes are untouched
    expect(fake.entered(id, 'DV01', 'E3')).toEqual({ stringValue: 'Đạt' });
  });

  it('makes room when the ranking outgrows its tab', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(1));
    await writeThrough(id, { ...empty, tabs: [{ name: TAB.ranking, rows: [['Hạng']] }] });
    // A person shrank the tab to 3 rows × 2 columns.
    const g = fake.tab(id, TAB.ranking).properties.gridProperties;
    g.rowCount = 3;
    g.columnCount = 2;
    const rows = Array.from({ length: 10 }, (_, i) => [i, 'a', 'b']);
    await writeThrough(id, { ...empty, tabs: [{ name: TAB.ranking, rows }] });
    expect(fake.entered(id, TAB.ranking, 'C10')).toEqual({ stringValue: 'b' });
  });
});
