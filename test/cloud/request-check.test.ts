/**
 * The requests are checked without zod when they pass (request-check.ts); whatever the quick
 * check accepts, zod must accept with the same value, and what it does not decide goes to zod.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequest, quickly, type RequestKind } from '../../functions/cloud/request-check.js';
import * as zod from '../../functions/cloud/requests.js';

const kinds: RequestKind[] = ['EditPing', 'ReconcileRequest', 'SendReportsRequest', 'LockRequest', 'DocumentsRequest'];
const bytes = (s: string) => Buffer.from(s);

const field = fc.oneof(
  fc.constantFrom('1AbC_sheet-9', 'local', '', 'x'.repeat(128), 'x'.repeat(129), 'bad id', 'reports', 'scheduled', 'other', 'DV01', 'E2', 'a'.repeat(200), 'a'.repeat(201), 'a'.repeat(320), 'a'.repeat(321)),
  fc.string(), fc.integer(), fc.constantFrom(0, -1, 1.5, 2 ** 53, 1e308, Date.now()), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }),
);
const body = fc.oneof(
  fc.record(
    { spreadsheetId: field, sheet: field, range: field, user: field, ts: field, force: field, mode: field, extra: field },
    { requiredKeys: [] },
  ).map((o) => JSON.stringify(o)),
  fc.json(),
  fc.constantFrom('', ' ', 'null', '[]', '{', '"x"', '{"spreadsheetId":"a","__proto__":{"ts":1}}'),
);

describe('request checks without zod', () => {
  it('what the quick check accepts, zod accepts with the same value; the rest is zod\'s answer', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(...kinds), fc.boolean(), async (raw, kind, empty) => {
        const z = zod.parseBody(bytes(raw), zod[kind] as never, empty);
        const q = quickly(bytes(raw), kind, empty);
        if (q !== null) expect(z).toStrictEqual({ ok: true, value: q });
        expect(await parseRequest(bytes(raw), kind, empty)).toStrictEqual(z);
      }),
      { numRuns: 4000 },
    );
  });

  it('the requests Apps Script, the scheduler and the menus send are decided without zod', () => {
    const ts = Date.now();
    expect(quickly(bytes(JSON.stringify({ spreadsheetId: '1AbC', sheet: 'DV02', range: 'E2', user: 'a@b.vn', ts })), 'EditPing')).toEqual({ spreadsheetId: '1AbC', sheet: 'DV02', range: 'E2', user: 'a@b.vn', ts });
    expect(quickly(bytes(JSON.stringify({ spreadsheetId: '1AbC', sheet: '', range: '', user: '', ts })), 'EditPing')).not.toBeNull();
    expect(quickly(bytes(''), 'ReconcileRequest', true)).toEqual({ force: false });
    expect(quickly(bytes(JSON.stringify({ spreadsheetId: '1AbC', force: true, ts })), 'ReconcileRequest', true)).toEqual({ spreadsheetId: '1AbC', force: true, ts });
    expect(quickly(bytes('{}'), 'SendReportsRequest', true)).toEqual({});
    expect(quickly(bytes(JSON.stringify({ spreadsheetId: '1AbC', ts })), 'LockRequest')).toEqual({ spreadsheetId: '1AbC', ts });
    // … and a bad one is zod's to word.
    expect(quickly(bytes(JSON.stringify({ spreadsheetId: 'bad id', sheet: '', range: '', user: '', ts })), 'EditPing')).toBeNull();
  });
});
