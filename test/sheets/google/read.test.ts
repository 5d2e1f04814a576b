import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle, seedSpreadsheet } from '../../support/fake-google/index.js';
import { sheetsClient } from '../../../functions/google/clients.js';
import { READ_FIELDS, cellFrom, readSpreadsheet } from '../../../functions/sheets/google/read.js';
import { clusterWorkbook } from './fixture.js';
import { TAB } from '../../../sheets-schema/layout.js';

let fake: FakeGoogle;
beforeAll(async () => void (fake = await FakeGoogle.start()));
afterAll(async () => fake.close());

describe('readSpreadsheet through the real Sheets client', () => {
  it('maps every kind of cell to what the core reads', async () => {
    const id = fake.addSpreadsheet('Kinds', [{ name: 'HND' }]);
    const put = (a1: string, cell: Parameters<FakeGoogle['putCell']>[3]) => fake.putCell(id, 'HND', a1, cell);
    put('A1', { userEnteredValue: { stringValue: 'Hội Nông dân' }, effectiveValue: { stringValue: 'Hội Nông dân' } });
    put('B1', { userEnteredValue: { numberValue: 12.5 }, effectiveValue: { numberValue: 12.5 } });
    put('C1', { userEnteredValue: { boolValue: true }, effectiveValue: { boolValue: true } });
    // 45292 = 2024-01-01, so 45306 = 2024-01-15; a DATE_TIME keeps only the day.
    put('D1', { userEnteredValue: { numberValue: 45306 }, effectiveValue: { numberValue: 45306 }, userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'dd/mm/yyyy' } } });
    put('E1', { userEnteredValue: { numberValue: 45306.75 }, effectiveValue: { numberValue: 45306.75 }, userEnteredFormat: { numberFormat: { type: 'DATE_TIME' } } });
    // A percent-formatted number is still a number.
    put('F1', { userEnteredValue: { numberValue: 0.5 }, effectiveValue: { numberValue: 0.5 }, userEnteredFormat: { numberFormat: { type: 'PERCENT' } } });
    put('A2', { userEnteredValue: { formulaValue: '=B1*2' }, effectiveValue: { numberValue: 25 } });
    put('B2', { userEnteredValue: { formulaValue: '=1/0' }, effectiveValue: { errorValue: { type: 'DIVIDE_BY_ZERO', message: 'Chia cho 0' } } });
    put('C2', { userEnteredValue: { formulaValue: '=VLOOKUP(1,X:Y,2)' }, effectiveValue: { errorValue: { type: 'N_A', message: '' } } });
    put('D2', { userEnteredValue: { formulaValue: '=A1&"!"' }, effectiveValue: { stringValue: 'Hội Nông dân!' } });
    put('E2', { userEnteredValue: { formulaValue: '=IF(TRUE,"",1)' } }); // empty result
    put('F2', { userEnteredValue: { formulaValue: '=TODAY()' }, effectiveValue: { numberValue: 45400 }, userEnteredFormat: { numberFormat: { type: 'DATE' } } });
    // Text that looks like a formula or a number stays text.
    put('A4', { userEnteredValue: { stringValue: '=SUM(A1:A3)' }, effectiveValue: { stringValue: '=SUM(A1:A3)' } });
    put('B4', { userEnteredValue: { stringValue: '58.782' }, effectiveValue: { stringValue: '58.782' } });
    fake.resetCounts();

    const { snapshot, sheets } = await readSpreadsheet(sheetsClient({ rootUrl: fake.rootUrl }), id);

    expect(fake.count('sheets.get')).toBe(1);
    expect(snapshot.title).toBe('Kinds');
    expect(snapshot.url).toBe(`https://docs.google.com/spreadsheets/d/${id}/edit`);
    expect(snapshot.tabs).toEqual([
      {
        name: 'HND',
        rows: [
          [{ t: 's', v: 'Hội Nông dân' }, { t: 'n', v: 12.5 }, { t: 'b', v: true }, { t: 'd', v: '2024-01-15' }, { t: 'd', v: '2024-01-15' }, { t: 'n', v: 0.5 }],
          [{ t: 'n', v: 25, f: true }, { t: 'e', v: '#DIV/0!', f: true }, { t: 'e', v: '#N/A', f: true }, { t: 's', v: 'Hội Nông dân!', f: true }, null, { t: 'd', v: '2024-04-18', f: true }],
          [],
          [{ t: 's', v: '=SUM(A1:A3)' }, { t: 's', v: '58.782' }],
        ],
      },
    ]);
    expect(sheets).toEqual([{ sheetId: 0, title: 'HND', rowCount: 1000, columnCount: 26, usedRows: 4 }]);
  });

  it('asks for grid data with a tight field mask, in one request for all tabs', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(3));
    fake.resetCounts();
    const { snapshot, sheets } = await readSpreadsheet(sheetsClient({ rootUrl: fake.rootUrl }), id);
    const [req] = fake.requests('sheets.get');
    expect(fake.count('sheets.get')).toBe(1);
    expect(req!.query.get('includeGridData')).toBe('true');
    expect(req!.query.get('fields')).toBe(READ_FIELDS);
    expect(snapshot.tabs.map((t) => t.name)).toEqual([TAB.settings, TAB.units, TAB.criteria, 'DV01', 'DV02', 'DV03']);
    expect(snapshot.tabs[0]!.rows[3]).toEqual([{ t: 's', v: 'Hạn nộp' }, { t: 'd', v: '2024-12-15' }]);
    // Every tab keeps its sheetId, for the write.
    expect(new Set(sheets.map((s) => s.sheetId)).size).toBe(6);
  });

  it('the field mask names the parts it relies on', () => {
    for (const part of ['sheetId', 'title', 'gridProperties', 'effectiveValue', 'userEnteredValue.formulaValue', 'effectiveFormat.numberFormat.type']) {
      expect(READ_FIELDS).toContain(part);
    }
  });

  it('an unknown error type still reads as an error, LOADING as one without a value', () => {
    expect(cellFrom({ effectiveValue: { errorValue: { type: 'SOMETHING_NEW' } } })).toEqual({ t: 'e', v: '#ERROR!' });
    expect(cellFrom({ userEnteredValue: { formulaValue: '=IMPORTRANGE(1)' }, effectiveValue: { errorValue: { type: 'LOADING' } } })).toEqual({ t: 'e', v: '', f: true });
  });
});
