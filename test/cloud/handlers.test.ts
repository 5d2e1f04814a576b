/** Handler behaviour that needs no sheet: configuration faults fail closed, with a reason a person can act on. */
import { afterAll, describe, expect, it } from 'vitest';
import { cloudHandlers } from '../../functions/cloud/handlers.js';
import { sheetKey, signatureHeader } from '../../functions/triggers/signature.js';
import { OIDC_ENV, idToken, verify } from './id-tokens.js';
import { SECRET, tempLedger } from './support.js';

const ledger = tempLedger();
afterAll(async () => ledger.close());
let built = 0;
const deps = async () => {
  built++;
  return { ledger, workbook: () => { throw new Error('no workbook in this test'); }, transport: () => null };
};
const signed = (body: string, endpoint: 'sheetEdited' | 'reconcile' | 'sendReports') => ({
  method: 'POST',
  headers: { 'x-thidua-signature': signatureHeader(body, sheetKey(SECRET, 'sheet-a'), Math.floor(Date.now() / 1000), endpoint) },
  rawBody: Buffer.from(body),
});
const scheduler = (body: string) => ({ method: 'POST', headers: { authorization: `Bearer ${idToken({})}` }, rawBody: Buffer.from(body) });

describe('cloud handlers', () => {
  it('without THIDUA_WEBHOOK_SECRET every POST is refused (500, in Vietnamese) and no port is built', async () => {
    const h = cloudHandlers({ deps, env: {}, log: () => {} });
    built = 0;
    for (const [f, name] of [[h.sheetEdited, 'sheetEdited'], [h.reconcile, 'reconcile'], [h.sendReports, 'sendReports']] as const) {
      const r = await f(signed('{"spreadsheetId":"sheet-a"}', name));
      expect(r.status).toBe(500);
      expect(r.body.error).toContain('THIDUA_WEBHOOK_SECRET');
    }
    expect(built).toBe(0);
  });

  it('sendReports without a mail transport answers 503 and says what to set', async () => {
    await ledger.registerCluster({ id: 'sheet-a', name: 'A', registeredAt: 1 });
    const h = cloudHandlers({ deps, env: { THIDUA_WEBHOOK_SECRET: SECRET, ...OIDC_ENV }, verifyIdToken: verify, log: () => {} });
    const r = await h.sendReports(scheduler('{"spreadsheetId":"sheet-a"}'));
    expect(r.status).toBe(503);
    expect(r.body.error).toContain('THIDUA_MAIL_TRANSPORT');
    expect(await ledger.recentRuns('sheet-a', 5)).toEqual([]);
  });

  it('healthz answers GET and HEAD only', async () => {
    const h = cloudHandlers({ deps, env: {}, log: () => {} });
    expect((await h.healthz({ method: 'HEAD', headers: {}, rawBody: Buffer.alloc(0) })).status).toBe(200);
    const post = await h.healthz({ method: 'POST', headers: {}, rawBody: Buffer.alloc(0) });
    expect(post.status).toBe(405);
    expect(post.headers).toEqual({ allow: 'GET' });
  });
});

describe('SMTP from the functions', () => {
  it('refuses port 25 (blocked on Google Cloud) before any message, and takes 587 and 465', async () => {
    const { checkCloudSmtp } = await import('../../functions/cloud/deps.js');
    expect(() => checkCloudSmtp('smtp://u:p@mail.so.gov.vn')).toThrow(/cổng 25/);
    expect(() => checkCloudSmtp('smtp://u:p@mail.so.gov.vn:25')).toThrow(/587/);
    expect(() => checkCloudSmtp('http://mail.so.gov.vn')).toThrow(/smtp:\/\//);
    expect(() => checkCloudSmtp('smtp://u:p@mail.so.gov.vn:587')).not.toThrow();
    expect(() => checkCloudSmtp('smtps://u:p@mail.so.gov.vn')).not.toThrow();
  });
});
