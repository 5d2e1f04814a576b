/** The fake must be as strict as Sheets where thidua relies on it, or the adapter tests prove nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle } from './index.js';
import { OAuth2Client } from 'google-auth-library';
import { driveClient, sheetsClient } from '../../../functions/google/clients.js';

/** A client that sends `Authorization: Bearer <token>` (an access token that never expires here). */
function bearer(token: string): OAuth2Client {
  const c = new OAuth2Client();
  c.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  return c;
}

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

  it('a failing batch leaves every part of the spreadsheet as it was: cells, their formats, tabs, grids', async () => {
    const bold = { ...text('a1'), userEnteredFormat: { textFormat: { bold: true }, wrapStrategy: 'WRAP' }, note: 'n' };
    const id = fake.addSpreadsheet('T', [{ name: 'A', cells: { '0,0': bold, '1,0': text('a2') } }, { name: 'B' }]);
    const before = structuredClone(fake.spreadsheet(id));
    const err = await sheets()
      .spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            { repeatCell: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 1 }, cell: { userEnteredFormat: { textFormat: { bold: false } }, note: 'x' }, fields: 'userEnteredFormat.textFormat.bold,note' } },
            { updateCells: { range: { sheetId: 0 }, fields: 'userEnteredValue' } },
            { appendDimension: { sheetId: 0, dimension: 'ROWS', length: 5 } },
            { addSheet: { properties: { title: 'C' } } },
            { updateCells: { start: { sheetId: 0, rowIndex: 5000, columnIndex: 0 }, rows: [{ values: [{}] }], fields: 'userEnteredValue' } },
          ],
        },
      })
      .catch((e) => e);
    expect(err.status).toBe(400);
    expect(fake.spreadsheet(id)).toEqual(before);
    // The same batch without its bad request is applied, and changes the copies only.
    const held = fake.cell(id, 'A', 'A1');
    await sheets().spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ repeatCell: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 }, cell: { userEnteredFormat: { textFormat: { bold: false } } }, fields: 'userEnteredFormat.textFormat.bold' } }] },
    });
    expect(fake.cell(id, 'A', 'A1')?.userEnteredFormat).toEqual({ textFormat: { bold: false }, wrapStrategy: 'WRAP' });
    expect(held?.userEnteredFormat).toEqual({ textFormat: { bold: true }, wrapStrategy: 'WRAP' });
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

  it('answers only the fields asked for (Sheets and Drive field masks)', async () => {
    const id = fake.addSpreadsheet('T', [{ name: 'A' }]);
    fake.putCell(id, 'A', 'A1', { ...text('a1'), note: 'ghi chú' });
    const got = await sheets().spreadsheets.get({ spreadsheetId: id, fields: 'properties.title,sheets(properties(title),data.rowData.values(effectiveValue))' });
    expect(got.data).toEqual({ properties: { title: 'T' }, sheets: [{ properties: { title: 'A' }, data: [{ rowData: [{ values: [{ effectiveValue: { stringValue: 'a1' } }] }] }] }] });
    // No mask: no grid data unless includeGridData; with a mask, includeGridData is ignored.
    expect((await sheets().spreadsheets.get({ spreadsheetId: id })).data.sheets![0]!.data).toBeUndefined();
    expect((await sheets().spreadsheets.get({ spreadsheetId: id, includeGridData: true, fields: 'sheets.properties.title' })).data).toEqual({ sheets: [{ properties: { title: 'A' } }] });
    const drive = driveClient({ rootUrl: fake.rootUrl });
    expect((await drive.files.get({ fileId: id, fields: 'version' })).data).toEqual({ version: String(fake.spreadsheet(id).version) });
    expect(Object.keys((await drive.files.get({ fileId: id })).data).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    const bad = await sheets().spreadsheets.get({ spreadsheetId: id, fields: 'nosuchfield' }).catch((e) => e);
    expect(bad.status).toBe(400);
  });

  it('refuses a request body over 10 MiB with 400, as Google does', async () => {
    const id = fake.addSpreadsheet('T', [{ name: 'A' }]);
    const big = 'x'.repeat(10_485_761);
    const err = await sheets()
      .spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ updateCells: { start: { sheetId: 0 }, rows: [{ values: [{ userEnteredValue: { stringValue: big } }] }], fields: 'userEnteredValue' } }] } })
      .catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/Request payload size exceeds the limit: 10485760 bytes/);
    expect(fake.entered(id, 'A', 'A1')).toBeUndefined();
  });
});

describe('fake Google, as callers and quotas see it', () => {
  let strict: FakeGoogle;
  let clock = Date.UTC(2026, 11, 1, 10, 0, 0);
  beforeAll(async () => void (strict = await FakeGoogle.start({ users: { 'tok-dv01': 'nhap.dv01@example.vn', 'tok-admin': 'admin@example.vn', 'tok-b': 'b@example.vn' }, quota: true, now: () => clock })));
  afterAll(async () => strict.close());
  const as = (token: string) => sheetsClient({ rootUrl: strict.rootUrl, auth: bearer(token) });
  const write = (token: string, id: string, sheetId: number) =>
    as(token).spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ updateCells: { start: { sheetId, rowIndex: 0, columnIndex: 0 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'x' } }] }], fields: 'userEnteredValue' } }] },
    }).then((r) => r.status, (e) => e.status);

  it('403 PERMISSION_DENIED for a write to a range protected against the caller; editors and the owner write', async () => {
    const id = strict.addSpreadsheet('T', [{ name: 'DV01' }, { name: 'Xếp hạng' }]);
    const [dv01, ranking] = strict.spreadsheet(id).sheets;
    dv01!.protectedRanges.push({ range: { sheetId: dv01!.properties.sheetId }, editors: { users: ['nhap.dv01@example.vn', 'admin@example.vn'] } });
    ranking!.protectedRanges.push({ range: { sheetId: ranking!.properties.sheetId }, editors: { users: ['admin@example.vn'] } });
    expect(await write('tok-dv01', id, dv01!.properties.sheetId)).toBe(200);
    expect(await write('tok-dv01', id, ranking!.properties.sheetId)).toBe(403);
    expect(await write('tok-b', id, dv01!.properties.sheetId)).toBe(403);
    expect(await write('tok-admin', id, ranking!.properties.sheetId)).toBe(200);
    expect(await write('owner', id, ranking!.properties.sheetId)).toBe(200); // unknown token: the owner
    const err = await as('tok-b').spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ appendCells: { sheetId: ranking!.properties.sheetId, rows: [{ values: [{}] }], fields: 'userEnteredValue' } }] } }).catch((e) => e);
    expect(err.response.data.error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
  });

  it("429 RESOURCE_EXHAUSTED with Google's body past 60 reads per user per minute; others go on; the next minute refills", async () => {
    const id = strict.addSpreadsheet('Q', [{ name: 'A' }]);
    clock = Date.UTC(2026, 11, 1, 11, 0, 0);
    for (let i = 0; i < 60; i++) expect((await as('tok-dv01').spreadsheets.get({ spreadsheetId: id, fields: 'spreadsheetId' })).status).toBe(200);
    const err = await as('tok-dv01').spreadsheets.get({ spreadsheetId: id, fields: 'spreadsheetId' }).catch((e) => e);
    expect(err.status).toBe(429);
    expect(err.response.data.error).toMatchObject({
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      message: expect.stringContaining("limit 'Read requests per minute per user' of service 'sheets.googleapis.com'"),
      details: [expect.objectContaining({ reason: 'RATE_LIMIT_EXCEEDED', metadata: expect.objectContaining({ quota_limit: 'ReadRequestsPerMinutePerUser', quota_metric: 'sheets.googleapis.com/read_requests' }) }), expect.anything()],
    });
    expect((await as('tok-b').spreadsheets.get({ spreadsheetId: id, fields: 'spreadsheetId' })).status).toBe(200);
    expect(await write('tok-dv01', id, 0)).toBe(200); // writes are counted apart
    clock += 60_000;
    expect((await as('tok-dv01').spreadsheets.get({ spreadsheetId: id, fields: 'spreadsheetId' })).status).toBe(200);
  });

  it('300 reads per minute per project, whoever the users', async () => {
    const id = strict.addSpreadsheet('P', [{ name: 'A' }]);
    clock = Date.UTC(2026, 11, 1, 12, 0, 0);
    const tokens = Array.from({ length: 6 }, (_, i) => `tok-u${i}`);
    const users = Object.fromEntries(tokens.map((t) => [t, `${t}@example.vn`]));
    const many = await FakeGoogle.start({ users, quota: true, now: () => clock });
    try {
      many.spreadsheets.set(id, strict.spreadsheet(id));
      const client = (t: string) => sheetsClient({ rootUrl: many.rootUrl, auth: bearer(t) });
      let ok = 0;
      for (const t of tokens) for (let i = 0; i < 55; i++) ok += (await client(t).spreadsheets.get({ spreadsheetId: id, fields: 'spreadsheetId' }).then(() => 1, () => 0));
      expect(ok).toBe(300);
      expect(many.quota!.refused.read).toBe(30);
    } finally {
      await many.close();
    }
  });

  it('refuses a second protection of a whole sheet, as Sheets does', async () => {
    const id = strict.addSpreadsheet('S', [{ name: 'A' }]);
    const add = () => as('owner').spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addProtectedRange: { protectedRange: { range: { sheetId: 0 }, editors: { users: [] } } } }] } }).then((r) => r.status, (e) => e.status);
    expect(await add()).toBe(200);
    expect(await add()).toBe(400);
  });
});
