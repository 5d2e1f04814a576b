/** The fake must be as strict as Sheets where thidua relies on it, or the adapter tests prove nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle } from './index.js';
import { driveClient, sheetsClient } from '../../../functions/google/clients.js';

let fake: FakeGoogle;
beforeAll(async () => void (fake = await FakeGoogle.start()));
afterAll(async () => fake.close());

const sheets = () => sheetsClient({ rootUrl: fake.rootUrl });
const text = (v: string) => ({ userEnteredValue: { stringValue: v }, effectiveValue: { stringValue: v } });

describe('fake Google', () => {
  it('rejects an unknown request kind with 400 and applies nothing of the batch', async () => {
    const id = fake.addSpreadsheet('T', [{ name: 'A' }]);
    const err = await sheets()
      .spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            { updateCells: { start: { sheetId: 0, rowIndex: 0, columnIndex: 0 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'x' } }] }], fields: 'userEnteredValue' } },
            { deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 1 } } },
          ],
        },
      })
      .catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/requests\[1\]/);
    expect(fake.entered(id, 'A', 'A1')).toBeUndefined();
    expect(fake.spreadsheet(id).version).toBe(1);
  });

  it('enforces grid limits like Sheets', async () => {
    const id = fake.addSpreadsheet('T', [{ name: 'A', rowCount: 2, columnCount: 2 }]);
    const err = await sheets()
      .spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: { requests: [{ updateCells: { start: { sheetId: 0, rowIndex: 2, columnIndex: 0 }, rows: [{ values: [{}] }], fields: 'userEnteredValue' } }] },
      })
      .catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/exceeds grid limits/);
  });

  it('honours `ranges` on get', async () => {
    const id = fake.addSpreadsheet('T', [{ name: 'A' }, { name: 'Bảng B' }]);
    fake.putCell(id, 'Bảng B', 'B2', text('b2'));
    fake.putCell(id, 'Bảng B', 'C3', text('c3'));
    fake.putCell(id, 'A', 'A1', text('a1'));
    const res = await sheets().spreadsheets.get({ spreadsheetId: id, ranges: ["'Bảng B'!B2:B3"], includeGridData: true });
    expect(res.data.sheets!.map((s) => s.properties!.title)).toEqual(['Bảng B']);
    expect(res.data.sheets![0]!.data).toEqual([{ startRow: 1, startColumn: 1, rowData: [{ values: [{ userEnteredValue: { stringValue: 'b2' }, effectiveValue: { stringValue: 'b2' } }] }] }]);
  });

  it('Drive version goes up on every change, as a string', async () => {
    const id = fake.addSpreadsheet('T', [{ name: 'A' }]);
    const drive = driveClient({ rootUrl: fake.rootUrl });
    const v1 = (await drive.files.get({ fileId: id, fields: 'version' })).data.version;
    fake.editAsPerson(id, 'A', 'A1', 'x');
    const v2 = (await drive.files.get({ fileId: id, fields: 'version' })).data.version;
    expect(typeof v1).toBe('string');
    expect(Number(v2)).toBe(Number(v1) + 1);
  });

  it('answers injected faults for the matching endpoint only, then recovers', async () => {
    const id = fake.addSpreadsheet('T', [{ name: 'A' }]);
    fake.inject({ endpoint: 'drive.files.get', status: 503, times: 2 });
    const get = () => sheets().spreadsheets.get({ spreadsheetId: id }).then((r) => r.status);
    expect(await get()).toBe(200);
    const drive = driveClient({ rootUrl: fake.rootUrl });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await drive.files.get({ fileId: id }).then((r) => r.status, (e) => e.status));
    expect(statuses).toEqual([503, 503, 200]);
  });
});
