/**
 * Sending reports is an admin's act: a person's Google identity token (as Apps Script's
 * ScriptApp.getIdentityToken() gives it) counts only for one of the sheet's admins — the
 * editors of the protection over `Xếp hạng`, read from the sheet itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudHandlers, type CloudHandlers } from '../../functions/cloud/handlers.js';
import type { Ledger } from '../../functions/ledger/port.js';
import { TAB } from '../../sheets-schema/layout.js';
import { FakeGoogle, seedSpreadsheet } from '../support/fake-google/index.js';
import { clusterWorkbook } from '../sheets/google/fixture.js';
import { OIDC_ENV, idToken, personToken, verify } from './id-tokens.js';
import { SECRET, fakeDeps, tempLedger } from './support.js';

const ADMIN = 'chanhvanphong@so-noi-vu.gov.vn';
let fake: FakeGoogle;
let ledger: Ledger;
let h: CloudHandlers;
let id: string;

beforeAll(async () => {
  fake = await FakeGoogle.start();
  ledger = tempLedger();
  const deps = await fakeDeps(fake, ledger);
  h = cloudHandlers({ deps: async () => deps, env: { THIDUA_WEBHOOK_SECRET: SECRET, ...OIDC_ENV }, verifyIdToken: verify, log: () => {} });
  const book = clusterWorkbook(2);
  id = seedSpreadsheet(fake, { ...book, tabs: [...book.tabs, { name: TAB.ranking, rows: [] }] });
  // As setup leaves it: Xếp hạng protected, editable by the admins only.
  fake.tab(id, TAB.ranking).protectedRanges.push({ protectedRangeId: 7, range: { sheetId: fake.tab(id, TAB.ranking).properties.sheetId }, editors: { users: [ADMIN] } });
  await ledger.registerCluster({ id, name: id, registeredAt: 0 });
});
afterAll(async () => {
  await ledger.close();
  await fake.close();
});

const asPerson = (token: string) =>
  h.sendReports({ method: 'POST', headers: { authorization: `Bearer ${token}` }, rawBody: Buffer.from(JSON.stringify({ spreadsheetId: id })) });

describe('sendReports asked in person', () => {
  it("refuses a unit's data-entry account (403): nothing scored, nothing sent", async () => {
    fake.sent.length = 0;
    const r = await asPerson(personToken('nhap.dv01@example.vn'));
    expect(r.status).toBe(403);
    expect(fake.sent).toEqual([]);
    expect(fake.count('sheets.batchUpdate')).toBe(0);
    expect(await ledger.recentRuns(id, 5)).toEqual([]);
  });

  it('refuses a token for another audience, or with an unverified email, even of an admin (401)', async () => {
    expect((await asPerson(personToken(ADMIN, { aud: 'another-client.apps.googleusercontent.com' }))).status).toBe(401);
    expect((await asPerson(personToken(ADMIN, { email_verified: false }))).status).toBe(401);
    expect(fake.sent).toEqual([]);
  });

  it('sends for an admin of this sheet (email compared case-insensitively)', async () => {
    const r = await asPerson(personToken(ADMIN.toUpperCase()));
    expect(r.status).toBe(200);
    expect((r.body.results as unknown[])[0]).toMatchObject({ spreadsheetId: id, outcome: 'ran', sent: 2 });
    expect(fake.sent).toHaveLength(2);
  });

  it("the scheduler's token still works without naming a sheet; a person's must name one", async () => {
    const scheduler = await h.sendReports({ method: 'POST', headers: { authorization: `Bearer ${idToken({})}` }, rawBody: Buffer.from('{}') });
    expect(scheduler.status).toBe(200);
    const unnamed = await h.sendReports({ method: 'POST', headers: { authorization: `Bearer ${personToken(ADMIN)}` }, rawBody: Buffer.from('{}') });
    expect(unnamed.status).toBe(400);
  });
});

describe('"Chốt kết quả" / "Mở chốt" in the cloud', () => {
  const call = (f: 'lock' | 'unlock', headers: Record<string, string>) =>
    h[f]({ method: 'POST', headers, rawBody: Buffer.from(JSON.stringify({ spreadsheetId: id, ts: Date.now() })) });

  it("locks and unlocks for an admin, with the admin named; a unit's account or the sheet's key alone is refused", async () => {
    const { sheetKey, signatureHeader } = await import('../../functions/triggers/signature.js');
    const raw = JSON.stringify({ spreadsheetId: id, ts: Date.now() });
    const keyOnly = await h.lock({ method: 'POST', headers: { 'x-thidua-signature': signatureHeader(raw, sheetKey(SECRET, id), Math.floor(Date.now() / 1000), 'lock') }, rawBody: Buffer.from(raw) });
    expect(keyOnly.status).toBe(403);
    expect((await call('lock', { authorization: `Bearer ${personToken('nhap.dv01@example.vn')}` })).status).toBe(403);
    expect(await ledger.getLock(id)).toBeNull();

    const locked = await call('lock', { authorization: `Bearer ${personToken(ADMIN)}` });
    expect(locked.body).toMatchObject({ ok: true, outcome: 'locked' });
    expect((await ledger.getLock(id))?.by).toBe(ADMIN);
    expect((await call('lock', { authorization: `Bearer ${personToken(ADMIN)}` })).body.outcome).toBe('already-locked');
    const unlocked = await call('unlock', { authorization: `Bearer ${personToken(ADMIN)}` });
    expect(unlocked.body).toMatchObject({ ok: true, outcome: 'unlocked' });
    expect(await ledger.getLock(id)).toBeNull();
  });
});
