/**
 * The deployable module (functions/index.ts) served for real: each function through
 * functions-framework's own server on a loopback port, talking to the fake Google through
 * the real @googleapis clients, with a SQLite ledger.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import '../../functions/index.js';
import { provideDeps, provideVerifier } from '../../functions/cloud/runtime.js';
import { OIDC_ENV, idToken, verify } from './id-tokens.js';
import type { Ledger } from '../../functions/ledger/port.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { centsToNumber } from '../../functions/core/format.js';
import { GoogleSheetWorkbook } from '../../functions/sheets/google/adapter.js';
import { driveClient, sheetsClient } from '../../functions/google/clients.js';
import { RANKING_HEADERS } from '../../sheets-schema/layout.js';
import { FakeGoogle, seedSpreadsheet } from '../support/fake-google/index.js';
import { clusterWorkbook } from '../sheets/google/fixture.js';
import { SECRET, fakeDeps, listen, ping, post, rankingOf, signedPost, tempLedger, totalOf, type Overlap } from './support.js';

let fake: FakeGoogle;
let ledger: Ledger;
const overlap: Overlap = { max: 0, now: 0 };
const url: Record<string, string> = {};
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  process.env.THIDUA_WEBHOOK_SECRET = SECRET;
  Object.assign(process.env, OIDC_ENV);
  provideVerifier(verify);
  fake = await FakeGoogle.start();
  ledger = tempLedger();
  provideDeps(() => fakeDeps(fake, ledger, overlap));
  for (const name of ['sheetEdited', 'reconcile', 'sendReports', 'healthz']) {
    const served = await listen(getTestServer(name), name);
    url[name] = served.url;
    closers.push(served.close);
  }
});
afterAll(async () => {
  for (const close of closers) await close();
  await ledger.close();
  await fake.close();
});

/** A cluster spreadsheet in the fake, registered; counts reset. */
async function registered(units = 3): Promise<string> {
  const id = seedSpreadsheet(fake, clusterWorkbook(units));
  await ledger.registerCluster({ id, name: `Cụm ${id}`, registeredAt: Date.now() });
  return id;
}

beforeEach(() => {
  overlap.max = 0;
  overlap.now = 0;
});

describe('sheetEdited', () => {
  it('a signed ping re-scores the sheet in exactly two Sheets calls, and Xếp hạng shows the results', async () => {
    const id = await registered(3);
    fake.editAsPerson(id, 'DV02', 'E2', 50); // 1.1: 50 of 100 → 5 of 10 points
    fake.resetCounts();

    const r = await signedPost(url.sheetEdited!, ping(id));

    expect(r).toEqual({ status: 200, body: { ok: true, outcome: 'ran', runs: 1 } });
    expect(fake.count('sheets.get')).toBe(1);
    expect(fake.count('sheets.batchUpdate')).toBe(1);
    expect(fake.sheetsCalls()).toBe(2);
    const ranking = rankingOf(fake, id);
    expect(ranking.map((u) => u[RANKING_HEADERS.code])).toEqual(['DV01', 'DV03', 'DV02']);
    expect(ranking.map((u) => u[RANKING_HEADERS.rank])).toEqual([1, 1, 3]);
    // 1.1 Tỷ lệ + 1.2 Đạt + 1.3 Đúng hạn (the fixture's 92 is no date: 0) + 2.1 Tự chấm
    expect(totalOf(fake, id, 'DV02')).toBe(19); // 5 + 5 + 0 + 9
    expect(totalOf(fake, id, 'DV01')).toBe(23); // 9 + 5 + 0 + 9
    const runs = await ledger.recentRuns(id, 5);
    expect(runs.map((x) => [x.trigger, x.outcome])).toEqual([['edit', 'ok']]);
  });

  it('a sheet whose structure broke gets the reason in Kiểm tra and its last ranking marked stale', async () => {
    const id = await registered(3);
    await signedPost(url.sheetEdited!, ping(id));
    const good = rankingOf(fake, id);
    fake.deleteTabAsPerson(id, 'Tiêu chí');

    const r = await signedPost(url.sheetEdited!, ping(id));

    expect(r.status).toBeLessThan(500);
    expect(fake.entered(id, 'Kiểm tra', 'E2')?.stringValue).toBe('Bảng tính thiếu tab "Tiêu chí"; hãy tạo tab này theo mẫu (lệnh thidua init tạo sẵn mẫu).');
    expect(rankingOf(fake, id)).toEqual(good); // the last good ranking stays visible …
    const tab = fake.tab(id, 'Xếp hạng');
    const texts = Object.values(tab.cells).map((c) => c.userEnteredValue?.stringValue ?? '');
    expect(texts.some((t) => t.startsWith('KẾT QUẢ CŨ'))).toBe(true); // … marked stale
    const runs = await ledger.recentRuns(id, 1);
    expect(runs[0]!.outcome).toBe('unusable');
  });

  describe('refuses, with no Sheets or Drive call and no run', () => {
    let id: string;
    beforeAll(async () => {
      id = await registered(2);
    });
    const now = () => Math.floor(Date.now() / 1000);
    const cases: [string, () => Promise<{ status: number; body: any }>, number][] = [
      ['a forged signature (other secret)', () => signedPost(url.sheetEdited!, ping(id), { secret: 'another-secret-0123456789' }), 401],
      ["signed with another sheet's key", () => signedPost(url.sheetEdited!, ping(id), { sheet: 'another-sheet' }), 401],
      ['signed for another function (reconcile)', () => signedPost(url.sheetEdited!, ping(id), { endpoint: 'reconcile' }), 401],
      ['signed the old way, with the secret itself', () => signedPost(url.sheetEdited!, ping(id), { key: SECRET }), 401],
      ['no signature', () => post(url.sheetEdited!, JSON.stringify(ping(id)), { 'content-type': 'application/json' }), 401],
      ['a replayed ping signed 6 minutes ago', () => signedPost(url.sheetEdited!, ping(id), { t: now() - 360 }), 401],
      ['a ping signed 6 minutes in the future', () => signedPost(url.sheetEdited!, ping(id), { t: now() + 360 }), 401],
      ['a body over 64 KB', () => signedPost(url.sheetEdited!, { ...ping(id), sheet: 'x'.repeat(70_000) }), 413],
      // No spreadsheet can be read from it, so no key to check against: refused as unsigned.
      ['malformed JSON (sent as text)', () => signedPost(url.sheetEdited!, '{"spreadsheetId": "abc",', { sheet: 'abc', headers: { 'content-type': 'text/plain' } }), 401],
      // Declared as JSON, functions-framework's body parser refuses it before our code runs.
      ['malformed JSON (sent as application/json)', () => signedPost(url.sheetEdited!, '{"spreadsheetId": "abc",'), 400],
      ['a ping missing fields', () => signedPost(url.sheetEdited!, { spreadsheetId: id, sheet: 'DV01' }), 400],
      ['an unregistered spreadsheet', () => signedPost(url.sheetEdited!, ping('not-registered-sheet')), 404],
    ];
    for (const [what, send, status] of cases) {
      it(what, async () => {
        fake.resetCounts();
        const r = await send();
        expect(r.status).toBe(status);
        if (r.body !== null) expect(r.body.ok).toBe(false); // null: the framework's own HTML error page
        expect(fake.log).toEqual([]);
        expect(await ledger.recentRuns(id, 5)).toEqual([]);
        expect(await ledger.recentRuns('not-registered-sheet', 5)).toEqual([]);
      });
    }

    it('a signature over other bytes than were sent', async () => {
      fake.resetCounts();
      const { signatureHeader } = await import('../../functions/triggers/signature.js');
      const signed = JSON.stringify(ping(id, { range: 'E2' }));
      const sent = JSON.stringify(ping(id, { range: 'E3' }));
      const { sheetKey } = await import('../../functions/triggers/signature.js');
      const r = await post(url.sheetEdited!, sent, { 'content-type': 'application/json', 'x-thidua-signature': signatureHeader(signed, sheetKey(SECRET, id), now(), 'sheetEdited') });
      expect(r.status).toBe(401);
      expect(r.body.reason).toBe('mismatch');
      expect(fake.log).toEqual([]);
    });

    it('a GET', async () => {
      const res = await fetch(url.sheetEdited!);
      expect(res.status).toBe(405);
      expect(fake.log).toEqual([]);
    });
  });

  it('50 pings in a burst, with edits between them, make a handful of runs, one at a time, and the last run sees the last edit', async () => {
    const id = await registered(4);
    fake.resetCounts();
    const answers: Promise<{ status: number }>[] = [];
    const pause = () => new Promise((r) => setTimeout(r, 5));
    let last = 0;
    for (let i = 0; i < 50; i++) {
      if (i % 10 === 0) {
        last = 10 * (i / 10 + 1); // 10, 20, … 50 of a target of 100
        fake.editAsPerson(id, 'DV02', 'E2', last);
      }
      // Apps Script stamps each ping with the edit's time: no two identical bodies (an identical one is a replay).
      answers.push(signedPost(url.sheetEdited!, ping(id, { range: 'E2', ts: Date.now() + i })));
      if (i % 10 === 9) await pause();
    }
    const statuses = (await Promise.all(answers)).map((a) => a.status);

    expect(statuses.every((s) => s === 200 || s === 202)).toBe(true);
    const runs = fake.count('sheets.batchUpdate');
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(10);
    expect(fake.count('sheets.get')).toBe(runs);
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThanOrEqual(40);
    expect(overlap.max).toBe(1);
    expect((await ledger.recentRuns(id, 100)).length).toBe(runs);
    // The last edit put 50 of 100 on 1.1 → 5 points; total 5 + 5 + 0 + 9.
    expect(last).toBe(50);
    expect(totalOf(fake, id, 'DV02')).toBe(19);
  });

  it('a 429 on the read is retried and the run succeeds once', async () => {
    const id = await registered(2);
    fake.resetCounts();
    fake.inject({ endpoint: 'sheets.get', status: 429 });
    const r = await signedPost(url.sheetEdited!, ping(id));
    expect(r.status).toBe(200);
    expect(fake.count('sheets.get')).toBe(2);
    expect(fake.count('sheets.batchUpdate')).toBe(1);
    expect((await ledger.recentRuns(id, 5)).map((x) => x.outcome)).toEqual(['ok']);
  });

  it('the ranking written equals what the core computes from the sheet as it is now', async () => {
    const id = await registered(5);
    fake.editAsPerson(id, 'DV04', 'E2', 120);
    fake.editAsPerson(id, 'DV05', 'E3', 'Không đạt');
    await signedPost(url.sheetEdited!, ping(id));
    const wb = new GoogleSheetWorkbook(sheetsClient({ rootUrl: fake.rootUrl }), driveClient({ rootUrl: fake.rootUrl }), id);
    const ev = evaluate((await wb.read()).snapshot).evaluation;
    expect(rankingOf(fake, id).map((u) => [u[RANKING_HEADERS.code], u[RANKING_HEADERS.total]])).toEqual(
      ev.units.map((u) => [u.code, centsToNumber(u.total)]),
    );
  });
});

describe('no loops', () => {
  it("our own writes, Nhật ký rows included, start no run even if onChange fires for them; a person's structural change does", async () => {
    const id = await registered(3);
    // Apps Script's onChange, if it fired for our API writes: a ping that names no cell.
    const echoes: Promise<{ status: number; body: any }>[] = [];
    fake.onApiChange = (changed) => {
      if (changed === id && echoes.length < 50) echoes.push(signedPost(url.sheetEdited!, ping(id, { sheet: '', range: '', user: '', ts: Date.now() + echoes.length })));
    };
    try {
      await signedPost(url.sheetEdited!, ping(id)); // a person's edit: one run, one write
      // … and an admin's send: a run whose delivery lines are appended to Nhật ký (a second write).
      const sent = await post(url.sendReports!, JSON.stringify({ spreadsheetId: id }), { 'content-type': 'application/json', authorization: `Bearer ${idToken({})}` });
      expect(sent.status).toBe(200);
      for (let settled = 0; settled < echoes.length; ) {
        const n = echoes.length;
        await Promise.all(echoes);
        settled = n;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(echoes.length).toBeGreaterThanOrEqual(3); // the ranking write, the report run's write, its Nhật ký append
      const answers = await Promise.all(echoes);
      expect(answers.map((a) => a.body.outcome)).toEqual(answers.map(() => 'unchanged'));
      expect((await ledger.recentRuns(id, 50)).length).toBe(2); // the edit's run and the report run, nothing more
    } finally {
      fake.onApiChange = null;
    }

    fake.deleteTabAsPerson(id, 'DV03'); // a person's structural change moves Drive's version
    const r = await signedPost(url.sheetEdited!, ping(id, { sheet: '', range: '', user: '' }));
    expect(r.body).toMatchObject({ ok: true, outcome: 'ran', runs: 1 });
  });
});

describe('reconcile', () => {
  it('runs only where the Drive version changed; a second reconcile does nothing', async () => {
    const a = await registered(2);
    const b = await registered(2);
    // Each sheet's script signs for its own sheet; "every sheet" is the scheduler's (OIDC, oidc.test.ts).
    // Stamped as Apps Script stamps them: the same signed bytes twice would be a replay (refused).
    const both = async () => [await signedPost(url.reconcile!, { spreadsheetId: a, ts: Date.now() }), await signedPost(url.reconcile!, { spreadsheetId: b, ts: Date.now() })];
    const outcome = (x: { body: any }) => x.body.results[0]?.outcome;
    let r = await both();
    expect(r.map((x) => x.status)).toEqual([200, 200]);
    expect(r.map(outcome)).toEqual(['ran', 'ran']);

    fake.editAsPerson(b, 'DV01', 'E2', 10);
    fake.resetCounts();
    r = await both();
    expect(r.map(outcome)).toEqual(['unchanged', 'ran']);
    expect(fake.count('sheets.batchUpdate')).toBe(1);
    expect(fake.requests('sheets.batchUpdate')[0]!.path).toContain(b);
    expect(totalOf(fake, b, 'DV01')).toBe(15); // 1 + 5 + 0 + 9

    fake.resetCounts();
    const versions = [fake.spreadsheet(a).version, fake.spreadsheet(b).version];
    r = await both();
    expect(r.map(outcome)).toEqual(['unchanged', 'unchanged']);
    expect(fake.sheetsCalls()).toBe(0);
    expect([fake.spreadsheet(a).version, fake.spreadsheet(b).version]).toEqual(versions);
  });

  it('"Chấm điểm ngay": force runs one spreadsheet even when unchanged', async () => {
    const id = await registered(2);
    await signedPost(url.reconcile!, { spreadsheetId: id, ts: Date.now() });
    fake.resetCounts();
    const r = await signedPost(url.reconcile!, { spreadsheetId: id, force: true, ts: Date.now() });
    expect(r.body.results).toEqual([{ spreadsheetId: id, outcome: 'ran', runs: 1 }]);
    expect(fake.count('sheets.batchUpdate')).toBe(1);
    expect((await ledger.recentRuns(id, 1))[0]!.trigger).toBe('manual');
  });

  it('refuses an unsigned call and an unregistered spreadsheet without looking at any sheet', async () => {
    fake.resetCounts();
    expect((await post(url.reconcile!, '{}')).status).toBe(401);
    // A sheet's key cannot ask for every sheet: that is the scheduler's call.
    expect((await signedPost(url.reconcile!, {}, { sheet: 'anything' })).status).toBe(401);
    expect((await signedPost(url.reconcile!, { spreadsheetId: 'nope' })).status).toBe(404);
    expect(fake.log).toEqual([]);
  });
});

describe('sendReports', () => {
  it("a key signature alone cannot send reports: 403, nothing read, nothing sent (anyone who edits the sheet can read its key)", async () => {
    const id = await registered(2);
    fake.sent.length = 0;
    fake.resetCounts();
    const r = await signedPost(url.sendReports!, { spreadsheetId: id });
    expect(r.status).toBe(403);
    expect(fake.log).toEqual([]);
    expect(fake.sent).toEqual([]);
    expect(await ledger.listMessages(id)).toEqual([]);
    // … and a sheetEdited capture replayed at sendReports does not verify at all.
    expect((await signedPost(url.sendReports!, { spreadsheetId: id }, { endpoint: 'sheetEdited' })).status).toBe(401);
  });

  it('as the scheduler: summary and scorecards through Gmail once; asking again sends nothing new', async () => {
    const id = await registered(3);
    fake.sent.length = 0;
    const asScheduler = () => post(url.sendReports!, JSON.stringify({ spreadsheetId: id }), { 'content-type': 'application/json', authorization: `Bearer ${idToken({})}` });
    const first = await asScheduler();
    expect(first.status).toBe(200);
    // clusterWorkbook has no `Email nhận báo cáo`: one scorecard per unit email.
    expect(first.body.results[0]).toMatchObject({ spreadsheetId: id, outcome: 'ran', queued: 3, sent: 3, duplicates: 0 });
    const to = fake.sent.map((m) => /^To: (.*)$/m.exec(m.raw.toString('utf8'))?.[1]).sort();
    expect(to).toEqual(['dv01@example.vn', 'dv02@example.vn', 'dv03@example.vn'].map((a) => expect.stringContaining(a)));

    const again = await asScheduler();
    expect(again.body.results[0]).toMatchObject({ queued: 0, duplicates: 3, sent: 0 });
    expect(fake.sent).toHaveLength(3);
    expect((await ledger.listMessages(id)).map((m) => m.state)).toEqual(['sent', 'sent', 'sent']);
  });
});

describe('healthz', () => {
  it('answers GET with ok and builds nothing', async () => {
    fake.resetCounts();
    const res = await fetch(url.healthz!);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(fake.log).toEqual([]);
  });
});
