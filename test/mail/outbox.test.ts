import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../functions/ledger/port.js';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { backoffDelay, deliverDue, enqueueDrafts } from '../../functions/mail/outbox.js';
import { planReports } from '../../functions/mail/plan.js';
import type { MailTransport } from '../../functions/mail/transport.js';
import { provincialBlock } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'thidua-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2023, 11, 15, 2, 0, 0);
const MIN = 60_000;
const ctx = { cluster: 'local', asOf: '2023-12-15', workbookTitle: 'thi-dua-2023.xlsx' };
const drafts = planReports(provincialBlock(), ctx);

/** A transport that does what the test says: accept, or throw, per call. */
function scripted(plan: ('ok' | Error)[] = []) {
  const sent: { key: string; to: string[]; from: string }[] = [];
  const t: MailTransport & { sent: typeof sent } = {
    sent,
    async send(_raw, envelope, key) {
      const step = plan.shift() ?? 'ok';
      if (step instanceof Error) throw step;
      sent.push({ key, to: envelope.to, from: envelope.from });
      return { id: key };
    },
    async close() {},
  };
  return t;
}

let ledger: Ledger;
let n = 0;
beforeEach(() => {
  ledger = openSqliteLedger(join(dir, `ledger-${++n}.sqlite`));
});
afterEach(async () => ledger.close());

const fixed = { random: () => 0.5, clock: undefined };

describe('enqueueDrafts', () => {
  it('queues each key once, however often a run plans the same emails', async () => {
    const first = await enqueueDrafts(ledger, drafts, T0);
    expect(first.map((r) => r.outcome)).toEqual(drafts.map(() => 'queued'));
    const again = await enqueueDrafts(ledger, planReports(provincialBlock(), { ...ctx, asOf: '2023-12-16' }), T0 + MIN);
    expect(again.map((r) => r.outcome)).toEqual(drafts.map(() => 'duplicate'));
    const stored = await ledger.getMessage(drafts[0]!.key);
    expect(stored).toMatchObject({ state: 'pending', kind: 'summary', cluster: 'local', to: drafts[0]!.to, subject: drafts[0]!.subject });
    expect(stored!.raw).toContain(`Message-ID: <${drafts[0]!.key.slice(0, 32)}@thidua>`);
  });
});

describe('deliverDue', () => {
  it('sends each message once and records it as sent', async () => {
    await enqueueDrafts(ledger, drafts, T0);
    const t = scripted();
    const events = await deliverDue(ledger, t, T0, { ...fixed, from: 'thidua@example.vn' });
    expect(events.map((e) => e.outcome)).toEqual(drafts.map(() => 'sent'));
    expect(t.sent.map((s) => s.key).sort()).toEqual(drafts.map((d) => d.key).sort());
    expect(t.sent[0]!.from).toBe('thidua@example.vn');
    expect((await ledger.getMessage(drafts[0]!.key))!.state).toBe('sent');
    expect(await deliverDue(ledger, t, T0 + 60 * MIN)).toEqual([]);
    expect(t.sent).toHaveLength(drafts.length);
  });

  it('puts a failed message back with exponential backoff, and delivers it once it is due', async () => {
    await enqueueDrafts(ledger, drafts.slice(0, 1), T0);
    const t = scripted([new Error('451 thử lại sau'), new Error('451 thử lại sau')]);
    const [e1] = await deliverDue(ledger, t, T0, { ...fixed, clock: () => T0 });
    expect(e1).toMatchObject({ outcome: 'retry', attempts: 1, error: '451 thử lại sau', retryAt: T0 + 45_000 });
    expect((await ledger.getMessage(drafts[0]!.key))!.state).toBe('pending');
    expect(await deliverDue(ledger, t, T0 + 44_000, { clock: () => T0 + 44_000 })).toEqual([]);
    const [e2] = await deliverDue(ledger, t, T0 + 45_000, { ...fixed, clock: () => T0 + 45_000 });
    expect(e2).toMatchObject({ outcome: 'retry', attempts: 2, retryAt: T0 + 45_000 + 90_000 });
    const [e3] = await deliverDue(ledger, t, T0 + 135_000, { ...fixed, clock: () => T0 + 135_000 });
    expect(e3).toMatchObject({ outcome: 'sent', attempts: 3 });
    expect(t.sent).toHaveLength(1);
  });

  it('gives up after the last attempt and says why', async () => {
    await enqueueDrafts(ledger, drafts.slice(0, 1), T0);
    const boom = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
    const t = scripted([boom, boom, boom]);
    let now = T0;
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      for (const e of await deliverDue(ledger, t, now, { ...fixed, maxAttempts: 3, clock: () => now })) outcomes.push(e.outcome);
      now += 24 * 60 * MIN;
    }
    expect(outcomes).toEqual(['retry', 'retry', 'failed']);
    const m = (await ledger.getMessage(drafts[0]!.key))!;
    expect(m.state).toBe('failed');
    expect(m.lastError).toBe('máy chủ thư từ chối thư: 550 Mailbox unavailable');
    expect(t.sent).toHaveLength(0);
  });

  it('recovers a message whose sender crashed mid-send once the lease runs out', async () => {
    await enqueueDrafts(ledger, drafts.slice(0, 1), T0);
    // A sender claims the message and dies before recording anything.
    const [claimed] = await ledger.claim(T0, 10 * MIN, 1);
    expect(claimed!.key).toBe(drafts[0]!.key);
    const t = scripted();
    expect(await deliverDue(ledger, t, T0 + 5 * MIN, { clock: () => T0 + 5 * MIN })).toEqual([]);
    const events = await deliverDue(ledger, t, T0 + 10 * MIN, { clock: () => T0 + 10 * MIN });
    expect(events).toMatchObject([{ outcome: 'sent', attempts: 2 }]);
  });

  it('delivers only the cluster asked for', async () => {
    await enqueueDrafts(ledger, drafts.slice(0, 1), T0);
    await enqueueDrafts(ledger, planReports(provincialBlock(), { ...ctx, cluster: 'other' }).slice(0, 1), T0);
    const t = scripted();
    const events = await deliverDue(ledger, t, T0, { cluster: 'other' });
    expect(events).toHaveLength(1);
    expect((await ledger.listMessages('local'))[0]!.state).toBe('pending');
  });
});

describe('backoffDelay', () => {
  const o = { baseDelayMs: MIN, maxDelayMs: 60 * MIN };
  it('doubles per attempt, stays between half and all of it, and is capped', () => {
    const lo = { ...o, random: () => 0 };
    const hi = { ...o, random: () => 1 - Number.EPSILON };
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, lo))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, hi))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffDelay(30, hi)).toBe(60 * MIN);
    expect(backoffDelay(30, lo)).toBe(30 * MIN);
  });
});
