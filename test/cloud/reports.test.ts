/**
 * `sendReports` on the calendar: the handlers with a clock the test sets (signatures are
 * made at that time too), the fake Google (Sheets, Drive, Gmail), a SQLite ledger.
 * The fixture's `Hạn nộp` is 15/12/2024; `Nhắc trước (ngày)` is the default 3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudHandlers, type CloudHandlers } from '../../functions/cloud/handlers.js';
import type { Ledger } from '../../functions/ledger/port.js';
import { TAB } from '../../sheets-schema/layout.js';
import { FakeGoogle, seedSpreadsheet } from '../support/fake-google/index.js';
import { clusterWorkbook } from '../sheets/google/fixture.js';
import { OIDC_ENV, idToken, verify } from './id-tokens.js';
import { SECRET, fakeDeps, tempLedger } from './support.js';

let fake: FakeGoogle;
let ledger: Ledger;
let h: CloudHandlers;
let clock = 0;
/** 10:00 in Việt Nam on that day. */
const on = (day: string) => (clock = Date.parse(`${day}T03:00:00Z`));

beforeAll(async () => {
  fake = await FakeGoogle.start();
  ledger = tempLedger();
  const deps = await fakeDeps(fake, ledger);
  h = cloudHandlers({ deps: async () => deps, env: { THIDUA_WEBHOOK_SECRET: SECRET, ...OIDC_ENV }, now: () => clock, verifyIdToken: verify, log: () => {} });
});
afterAll(async () => {
  await ledger.close();
  await fake.close();
});

async function send(body: object): Promise<{ status: number; body: any }> {
  const raw = JSON.stringify(body);
  return h.sendReports({
    method: 'POST',
    // As Cloud Scheduler calls: its OIDC token (the token's expiry is checked on the real clock).
    headers: { authorization: `Bearer ${idToken({})}` },
    rawBody: Buffer.from(raw),
  });
}

/** Kinds of the messages Gmail received since `from`. */
const sentKinds = (from: number) => fake.sent.slice(from).map((m) => /^X-Thidua-Kind: (.*)$/m.exec(m.raw.toString('utf8'))?.[1]?.trim());

async function registered(units = 3): Promise<string> {
  const id = seedSpreadsheet(fake, clusterWorkbook(units));
  await ledger.registerCluster({ id, name: id, registeredAt: 0 });
  return id;
}

describe('sendReports on the schedule', () => {
  it('before the reminder window: nothing is sent', async () => {
    const id = await registered();
    on('2024-12-01');
    const before = fake.sent.length;
    const r = await send({ spreadsheetId: id, mode: 'scheduled' });
    expect(r.status).toBe(200);
    expect(r.body.results[0]).toMatchObject({ outcome: 'ran', queued: 0, sent: 0 });
    expect(fake.sent.length).toBe(before);
  });

  it('within the window: one reminder per unit with errors per day', async () => {
    const id = await registered();
    on('2024-12-13'); // 2 days left; every unit has an error (1.3 holds no date)
    let from = fake.sent.length;
    await send({ spreadsheetId: id, mode: 'scheduled' });
    expect(sentKinds(from)).toEqual(['reminder', 'reminder', 'reminder']);

    from = fake.sent.length;
    const again = await send({ spreadsheetId: id, mode: 'scheduled' });
    expect(again.body.results[0]).toMatchObject({ queued: 0, duplicates: 3, sent: 0 });
    expect(fake.sent.length).toBe(from);

    on('2024-12-14');
    await send({ spreadsheetId: id, mode: 'scheduled' });
    expect(sentKinds(from)).toEqual(['reminder', 'reminder', 'reminder']);
  });

  it('after the deadline: the reports go out once; a late correction goes out the next day, only what changed; by hand, the same figures are never sent again', async () => {
    const id = await registered();
    on('2024-12-16');
    let from = fake.sent.length;
    const r = await send({ spreadsheetId: id, mode: 'scheduled' });
    expect(r.body.results[0]).toMatchObject({ outcome: 'ran', queued: 3, sent: 3 });
    expect(sentKinds(from)).toEqual(['scorecard', 'scorecard', 'scorecard']);
    const log = Object.values(fake.tab(id, TAB.log).cells).map((c) => c.userEnteredValue?.stringValue ?? '');
    expect(log.filter((l) => l.startsWith('Đã gửi phiếu điểm'))).toHaveLength(3);

    from = fake.sent.length;
    const same = await send({ spreadsheetId: id, mode: 'scheduled' });
    expect(same.body.results[0]).toMatchObject({ queued: 0, duplicates: 3, sent: 0 });
    expect(fake.sent.length).toBe(from);

    fake.editAsPerson(id, 'DV01', 'E2', 40); // a late correction: DV01's own scorecard changes
    on('2024-12-17');
    const next = await send({ spreadsheetId: id, mode: 'scheduled' });
    expect(next.body.results[0]).toMatchObject({ queued: 1, duplicates: 2, sent: 1 });
    expect(sentKinds(from)).toEqual(['scorecard']);

    // By hand the policy is the same: those figures were sent, nothing goes out again.
    from = fake.sent.length;
    const byHand = await send({ spreadsheetId: id });
    expect(byHand.body.mode).toBe('reports');
    expect(byHand.body.results[0]).toMatchObject({ queued: 0, duplicates: 3, sent: 0 });
    expect(fake.sent.length).toBe(from);
  });

  it('without a spreadsheet id, the daily job goes through every registered spreadsheet', async () => {
    on('2024-12-20');
    const r = await send({});
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe('scheduled');
    expect(r.body.results.map((x: { spreadsheetId: string }) => x.spreadsheetId).sort()).toEqual(
      (await ledger.listClusters()).map((c) => c.id).sort(),
    );
  });
});
