/**
 * One behaviour, two ledgers: every adapter of the Ledger port passes this suite.
 * `open` gives a fresh, empty ledger for each test; `cleanup` disposes of one;
 * `leaseNames` lists the leases a ledger stores (rows or documents), to see what it keeps.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ledger, LockRecord, OutboxMessage } from '../../functions/ledger/port.js';

const T0 = 1_750_000_000_000;

type NewMessage = Parameters<Ledger['enqueue']>[0];
const message = (key: string, over: Partial<NewMessage> = {}): NewMessage => ({
  key,
  cluster: 'cum-1',
  kind: 'report',
  to: ['truong.phong@example.vn', 'thu.ky@example.vn'],
  subject: 'Kết quả chấm điểm thi đua quý I',
  raw: 'From: thidua@example.vn\r\nSubject: =?UTF-8?B?S+G6v3QgcXXhuqM=?=\r\n\r\nXin chào',
  nextAttemptAt: T0,
  createdAt: T0,
  ...over,
});

const keys = (ms: OutboxMessage[]): string[] => ms.map((m) => m.key).sort();

export function ledgerContract(
  name: string,
  open: () => Promise<Ledger>,
  cleanup: (ledger: Ledger) => Promise<void>,
  leaseNames: (ledger: Ledger) => Promise<string[]>,
): void {
  describe(`Ledger contract: ${name}`, () => {
    const opened: Ledger[] = [];
    const fresh = async (): Promise<Ledger> => {
      const l = await open();
      opened.push(l);
      return l;
    };
    afterEach(async () => {
      for (const l of opened.splice(0)) await cleanup(l);
    });

    describe('runs', () => {
      it('records runs and lists a cluster’s newest first, up to the limit', async () => {
        const l = await fresh();
        const a = await l.startRun({ cluster: 'cum-1', trigger: 'cli', startedAt: T0 });
        const b = await l.startRun({ cluster: 'cum-1', trigger: 'edit', startedAt: T0 + 2_000 });
        const c = await l.startRun({ cluster: 'cum-1', trigger: 'reconcile', startedAt: T0 + 1_000 });
        await l.startRun({ cluster: 'cum-2', trigger: 'cli', startedAt: T0 + 5_000 });
        expect(new Set([a, b, c]).size).toBe(3);

        const runs = await l.recentRuns('cum-1', 10);
        expect(runs.map((r) => r.id)).toEqual([b, c, a]);
        expect(runs[0]).toEqual({
          id: b, cluster: 'cum-1', trigger: 'edit', startedAt: T0 + 2_000, finishedAt: null, outcome: null,
          inputHash: null, version: null, counts: null, message: null, period: null,
        });
        expect((await l.recentRuns('cum-1', 2)).map((r) => r.id)).toEqual([b, c]);
        expect(await l.recentRuns('cum-9', 10)).toEqual([]);
      });

      it('keeps what a finished run reports', async () => {
        const l = await fresh();
        const id = await l.startRun({ cluster: 'cum-1', trigger: 'watch', startedAt: T0 });
        const done = {
          finishedAt: T0 + 1_500, outcome: 'ok' as const, inputHash: 'ab12', version: '42',
          counts: { units: 12, errors: 1, warnings: 3, emails: 13 }, message: 'Đã chấm 12 đơn vị',
        };
        await l.finishRun(id, done);
        expect(await l.recentRuns('cum-1', 1)).toEqual([{ id, cluster: 'cum-1', trigger: 'watch', startedAt: T0, ...done, period: null }]);
      });

      it('keeps the period each run scored, so a mid-year review’s runs stand beside the year-end’s', async () => {
        const l = await fresh();
        const done = { outcome: 'ok' as const, inputHash: 'h', version: 'v', counts: { units: 6, errors: 0, warnings: 0, emails: 7 }, message: null };
        const mid = await l.startRun({ cluster: 'cum-1', trigger: 'cli', startedAt: T0 });
        await l.finishRun(mid, { ...done, finishedAt: T0 + 1, period: '2023 6 tháng' });
        const end = await l.startRun({ cluster: 'cum-1', trigger: 'cli', startedAt: T0 + 10 });
        await l.finishRun(end, { ...done, finishedAt: T0 + 11, period: '2023 Cả năm' });
        expect((await l.recentRuns('cum-1', 10)).map((r) => [r.id, r.period])).toEqual([[end, '2023 Cả năm'], [mid, '2023 6 tháng']]);
      });

      it('marks the runs a killed process left unfinished as interrupted, and only those', async () => {
        const l = await fresh();
        const killed = await l.startRun({ cluster: 'cum-1', trigger: 'cli', startedAt: T0 });
        const done = await l.startRun({ cluster: 'cum-1', trigger: 'cli', startedAt: T0 + 1_000 });
        const finished = { finishedAt: T0 + 2_000, outcome: 'ok' as const, inputHash: 'h', version: 'v', counts: null, message: null };
        await l.finishRun(done, finished);
        const elsewhere = await l.startRun({ cluster: 'cum-2', trigger: 'cli', startedAt: T0 });

        expect(await l.markInterrupted('cum-1', T0 + 5_000)).toBe(1);
        const runs = await l.recentRuns('cum-1', 10);
        expect(runs.find((r) => r.id === killed)).toMatchObject({ outcome: 'interrupted', finishedAt: T0 + 5_000 });
        expect(runs.find((r) => r.id === done)).toMatchObject(finished);
        expect((await l.recentRuns('cum-2', 10)).find((r) => r.id === elsewhere)).toMatchObject({ outcome: null, finishedAt: null });
        expect(await l.markInterrupted('cum-1', T0 + 6_000)).toBe(0);
      });

      it('refuses to finish a run it never started', async () => {
        const l = await fresh();
        await expect(
          l.finishRun('khong-co', { finishedAt: T0, outcome: 'failed', inputHash: null, version: null, counts: null, message: null }),
        ).rejects.toThrow();
      });
    });

    describe('snapshots', () => {
      it('round-trips the last inputs of each cluster, the latest replacing the previous', async () => {
        const l = await fresh();
        expect(await l.getSnapshot('cum-1')).toBeNull();
        const first = {
          units: {
            'PX-01': { '1.1': { 'Điểm tự chấm': '9,5', 'Ghi chú': 'Đã nộp "báo cáo" <đúng hạn>' }, '2': {} },
            '__x__': { 'a.b/c': { '': '' } },
          },
          takenAt: T0,
        };
        await l.putSnapshot('cum-1', first);
        expect(await l.getSnapshot('cum-1')).toEqual(first);

        const second = { units: { 'PX-02': { '3.2': { 'Điểm tự chấm': '10' } } }, takenAt: T0 + 60_000 };
        await l.putSnapshot('cum-1', second);
        expect(await l.getSnapshot('cum-1')).toEqual(second);
        expect(await l.getSnapshot('cum-2')).toBeNull();
      });
    });

    describe('Nhật ký lines', () => {
      it('keeps every line per cluster, in the order appended, even when runs share a clock', async () => {
        const l = await fresh();
        expect(await l.logLines('file:/khoi.xlsx')).toEqual([]);
        const run1 = [
          { at: T0, when: '20/12/2023 10:00', source: 'Dòng lệnh', text: 'Chấm điểm 6 đơn vị (6 đã nộp): 1 lỗi, 1 cảnh báo.' },
          { at: T0, when: '20/12/2023 10:00', source: 'Dòng lệnh', text: 'LDLD: 2.2 Thực hiện "6.754" → "6.800"' },
        ];
        const run2 = [{ at: T0, when: '20/12/2023 10:00', source: 'Gửi thư', text: 'Đã gửi 7 thư; "quotes", ký tự đặc biệt <&>' }];
        await l.appendLog('file:/khoi.xlsx', run1);
        await l.appendLog('file:/khac.xlsx', [{ at: T0 + 5, when: 'x', source: 'y', text: 'z' }]);
        await l.appendLog('file:/khoi.xlsx', run2);
        await l.appendLog('file:/khoi.xlsx', []);
        expect(await l.logLines('file:/khoi.xlsx')).toEqual([...run1, ...run2]);
        expect(await l.logLines('file:/khac.xlsx')).toHaveLength(1);
      });

      it('appends many lines at once, in order', async () => {
        const l = await fresh();
        const many = Array.from({ length: 450 }, (_, i) => ({ at: T0 + i, when: `l${i}`, source: 's', text: `dòng ${i}` }));
        await l.appendLog('c', many);
        expect((await l.logLines('c')).map((x) => x.when)).toEqual(many.map((x) => x.when));
      });
    });

    describe('carried history', () => {
      it('keeps the Lịch sử rows new-year wrote, per workbook, the latest replacing the previous', async () => {
        const l = await fresh();
        expect(await l.getCarriedHistory('file:/khoi-2024.xlsx')).toBeNull();
        const first = {
          rows: [
            [2023, 'HND', 'Hội Nông dân tỉnh', 1, 94.41, 'Xuất sắc', 'Cờ thi đua của UBND tỉnh', 'Cụm trưởng'],
            [2023, 'HPN', 'Hội Liên hiệp Phụ nữ tỉnh', 6, 80.5, 'Tốt', null, null],
            [2023, '__x__', 'Đơn vị "a/b"', null, null, null, null, null],
          ],
          hash: 'ab'.repeat(32),
          from: 'file:/khoi-2023.xlsx',
          carriedAt: T0,
        };
        await l.putCarriedHistory('file:/khoi-2024.xlsx', first);
        expect(await l.getCarriedHistory('file:/khoi-2024.xlsx')).toEqual(first);
        expect(await l.getCarriedHistory('file:/khoi-2023.xlsx')).toBeNull();

        const second = { ...first, rows: first.rows.slice(0, 1), hash: 'cd'.repeat(32), carriedAt: T0 + 1 };
        await l.putCarriedHistory('file:/khoi-2024.xlsx', second);
        expect(await l.getCarriedHistory('file:/khoi-2024.xlsx')).toEqual(second);
      });
    });

    describe('leases', () => {
      it('refuses a second holder until the first releases', async () => {
        const l = await fresh();
        expect(await l.acquireLease('cum-1', 'run-a', T0, 60_000)).toBe(true);
        expect(await l.acquireLease('cum-1', 'run-b', T0 + 1, 60_000)).toBe(false);
        expect(await l.acquireLease('cum-2', 'run-b', T0 + 1, 60_000)).toBe(true); // other cluster, other lease
        await l.releaseLease('cum-1', 'run-b'); // not the holder: no effect
        expect(await l.acquireLease('cum-1', 'run-b', T0 + 2, 60_000)).toBe(false);
        await l.releaseLease('cum-1', 'run-a');
        expect(await l.acquireLease('cum-1', 'run-b', T0 + 3, 60_000)).toBe(true);
      });

      it('lets a second holder take an expired lease, and the holder renew its own', async () => {
        const l = await fresh();
        expect(await l.acquireLease('cum-1', 'run-a', T0, 1_000)).toBe(true);
        expect(await l.acquireLease('cum-1', 'run-a', T0 + 900, 1_000)).toBe(true); // renewed to T0+1900
        expect(await l.acquireLease('cum-1', 'run-b', T0 + 1_899, 1_000)).toBe(false);
        expect(await l.acquireLease('cum-1', 'run-b', T0 + 1_900, 1_000)).toBe(true);
        expect(await l.acquireLease('cum-1', 'run-a', T0 + 1_901, 1_000)).toBe(false);
      });

      it('gives the lease to exactly one of several concurrent runs', async () => {
        const l = await fresh();
        const holders = ['a', 'b', 'c', 'd', 'e'];
        const won = await Promise.all(holders.map((h) => l.acquireLease('cum-1', h, T0, 60_000)));
        expect(won.filter(Boolean)).toHaveLength(1);
      });

      it('survives a crowd: 40 requesters marking and racing for the lease while the holder serves marks', async () => {
        const l = await fresh();
        expect(await l.acquireLease('cum-1', 'holder', T0, 60_000)).toBe(true);
        const crowd = Array.from({ length: 40 }, async (_, i) => {
          await l.requestRerun('cum-1');
          return l.acquireLease('cum-1', `req-${i}`, T0 + 1, 60_000);
        });
        const holderWork = (async () => {
          let served = 0;
          for (let i = 0; i < 5; i++) if (await l.takeRerun('cum-1')) served++;
          await l.acquireLease('cum-1', 'holder', T0 + 2, 60_000); // renewal under the crowd
          return served;
        })();
        const [won] = await Promise.all([Promise.all(crowd), holderWork]);
        expect(won.filter(Boolean)).toHaveLength(0); // nobody takes a held lease, and nobody fails
        await l.releaseLease('cum-1', 'holder');
        expect(await l.acquireLease('cum-1', 'next', T0 + 3, 60_000)).toBe(true);
      });

      it('does not pile up the leases of signed pings: those whose time ran out go as others are taken', async () => {
        const l = await fresh();
        const MEMORY = 11 * 60_000; // a ping's replay memory (cloud/handlers.ts)
        expect(await l.acquireLease('cum-live', 'run-a', T0, 48 * 3_600_000)).toBe(true);
        expect(await l.acquireLease('cum-done', 'run-a', T0, 60_000)).toBe(true);
        await l.releaseLease('cum-done', 'run-a');
        await l.requestRerun('cum-mark');
        // A day of pings, three an hour, then forty a minute apart.
        const pings = Array.from({ length: 72 }, (_, i) => T0 + i * 20 * 60_000);
        for (let i = 0; i < 40; i++) pings.push(pings[71]! + (i + 1) * 60_000);
        for (const [i, at] of pings.entries()) expect(await l.acquireLease(`ping:${i}`, `p${i}`, at, MEMORY)).toBe(true);
        const end = pings[pings.length - 1]!;

        const kept = (await leaseNames(l)).filter((n) => n.startsWith('ping:'));
        const live = pings.flatMap((at, i) => (at + MEMORY > end ? [`ping:${i}`] : []));
        expect(live).toHaveLength(11);
        expect(kept.sort()).toEqual(live.sort()); // the 101 that ran out are gone, the live ones kept
        // A live ping still refuses its replay; leases held, released and rerun marks are as they were.
        expect(await l.acquireLease(live[0]!, 'replay', end, MEMORY)).toBe(false);
        expect(await l.acquireLease('cum-live', 'run-b', end, 60_000)).toBe(false);
        expect(await l.acquireLease('cum-done', 'run-b', end, 60_000)).toBe(true);
        expect(await l.takeRerun('cum-mark')).toBe(true);
      });

      it('keeps one rerun mark however often it is requested', async () => {
        const l = await fresh();
        expect(await l.takeRerun('cum-1')).toBe(false);
        expect(await l.acquireLease('cum-1', 'run-a', T0, 60_000)).toBe(true);
        await l.requestRerun('cum-1');
        await l.requestRerun('cum-1');
        await l.releaseLease('cum-1', 'run-a'); // the mark outlives the run that saw it
        expect(await l.takeRerun('cum-2')).toBe(false);
        expect(await l.takeRerun('cum-1')).toBe(true);
        expect(await l.takeRerun('cum-1')).toBe(false);
        expect(await l.acquireLease('cum-1', 'run-b', T0 + 1, 60_000)).toBe(true); // the mark did not hold the lease
      });
    });

    describe('outbox', () => {
      it('delivers a key enqueued twice once', async () => {
        const l = await fresh();
        expect(await l.enqueue(message('k1'))).toBe('queued');
        expect(await l.enqueue(message('k1', { subject: 'Bản khác' }))).toBe('duplicate');

        const claimed = await l.claim(T0, 30_000, 10);
        expect(claimed).toHaveLength(1);
        expect(claimed[0]).toMatchObject({ key: 'k1', subject: 'Kết quả chấm điểm thi đua quý I', state: 'sending', attempts: 1, leaseUntil: T0 + 30_000 });
        await l.markSent('k1', T0 + 100);

        expect(await l.enqueue(message('k1'))).toBe('duplicate'); // still, once sent
        expect(await l.claim(T0 + 86_400_000, 30_000, 10)).toEqual([]);
        expect(await l.getMessage('k1')).toMatchObject({ state: 'sent', sentAt: T0 + 100, attempts: 1, leaseUntil: null });
      });

      it('queues a key enqueued by two runs at once only once', async () => {
        const l = await fresh();
        const results = await Promise.all([l.enqueue(message('k1')), l.enqueue(message('k1')), l.enqueue(message('k1'))]);
        expect(results.sort()).toEqual(['duplicate', 'duplicate', 'queued']);
        expect(keys(await l.claim(T0, 30_000, 10))).toEqual(['k1']);
      });

      it('stores the message as given', async () => {
        const l = await fresh();
        const m = message('cum-1/2025-Q1/report/truong.phong@example.vn/ab..cd');
        await l.enqueue(m);
        const { key, cluster, kind, to, subject, raw, nextAttemptAt, createdAt } = m;
        expect(await l.getMessage(m.key)).toEqual({
          key, cluster, kind, to, subject, raw, nextAttemptAt, createdAt,
          state: 'pending', attempts: 0, leaseUntil: null, lastError: null, sentAt: null,
        });
        expect(await l.getMessage('khong-co')).toBeNull();
      });

      it('claims only due messages, oldest first, up to the limit, of one cluster when asked', async () => {
        const l = await fresh();
        await l.enqueue(message('later', { nextAttemptAt: T0 + 5_000 }));
        await l.enqueue(message('b', { nextAttemptAt: T0 + 2 }));
        await l.enqueue(message('a', { nextAttemptAt: T0 + 1 }));
        await l.enqueue(message('other', { cluster: 'cum-2', nextAttemptAt: T0 }));

        expect(keys(await l.claim(T0 + 10, 30_000, 10, 'cum-1'))).toEqual(['a', 'b']);
        expect(keys(await l.claim(T0 + 10, 30_000, 10))).toEqual(['other']);
        expect(await l.claim(T0 + 4_999, 30_000, 10)).toEqual([]);
        expect(keys(await l.claim(T0 + 5_000, 30_000, 10))).toEqual(['later']);
      });

      it('respects the limit, taking the earliest due first', async () => {
        const l = await fresh();
        for (let i = 0; i < 5; i++) await l.enqueue(message(`m${i}`, { nextAttemptAt: T0 + 10 - i }));
        expect(keys(await l.claim(T0 + 10, 30_000, 2))).toEqual(['m3', 'm4']);
        expect(keys(await l.claim(T0 + 10, 30_000, 2))).toEqual(['m1', 'm2']);
        expect(keys(await l.claim(T0 + 10, 30_000, 2))).toEqual(['m0']);
      });

      it('never gives the same message to two concurrent claimers', async () => {
        const l = await fresh();
        const all = Array.from({ length: 20 }, (_, i) => `m${String(i).padStart(2, '0')}`);
        for (const k of all) await l.enqueue(message(k));
        const batches = await Promise.all([0, 1, 2, 3].map(() => l.claim(T0, 30_000, 8)));
        const got = batches.flatMap(keys).sort();
        expect(got).toEqual(all); // each exactly once, none lost
      });

      it('reclaims a message whose sender’s lease ran out', async () => {
        const l = await fresh();
        await l.enqueue(message('k1'));
        expect(keys(await l.claim(T0, 1_000, 10))).toEqual(['k1']);
        expect(await l.claim(T0 + 999, 1_000, 10)).toEqual([]);
        const again = await l.claim(T0 + 1_000, 1_000, 10);
        expect(again).toHaveLength(1);
        expect(again[0]).toMatchObject({ key: 'k1', state: 'sending', attempts: 2, leaseUntil: T0 + 2_000 });
      });

      it('retries a failed message only from retryAt', async () => {
        const l = await fresh();
        await l.enqueue(message('k1'));
        await l.claim(T0, 30_000, 10);
        await l.markFailed('k1', '421 Máy chủ thư bận', T0 + 60_000);
        expect(await l.getMessage('k1')).toMatchObject({
          state: 'pending', nextAttemptAt: T0 + 60_000, leaseUntil: null, lastError: '421 Máy chủ thư bận', attempts: 1,
        });
        expect(await l.claim(T0 + 59_999, 30_000, 10)).toEqual([]);
        expect(keys(await l.claim(T0 + 60_000, 30_000, 10))).toEqual(['k1']);
      });

      it('gives up for good when retryAt is null', async () => {
        const l = await fresh();
        await l.enqueue(message('k1'));
        await l.claim(T0, 1_000, 10);
        await l.markFailed('k1', '550 Hộp thư không tồn tại', null);
        expect(await l.getMessage('k1')).toMatchObject({ state: 'failed', lastError: '550 Hộp thư không tồn tại', leaseUntil: null });
        expect(await l.claim(T0 + 365 * 86_400_000, 1_000, 10)).toEqual([]);
        expect(await l.enqueue(message('k1'))).toBe('duplicate');
      });

      it('keeps a delivered message delivered when a late sender reports failure', async () => {
        const l = await fresh();
        await l.enqueue(message('k1'));
        await l.claim(T0, 1_000, 10);
        await l.markSent('k1', T0 + 10);
        await l.markFailed('k1', 'timeout', T0 + 20);
        expect(await l.getMessage('k1')).toMatchObject({ state: 'sent', sentAt: T0 + 10 });
        expect(await l.claim(T0 + 1_000_000, 1_000, 10)).toEqual([]);
      });

      it('refuses to mark a message it never queued', async () => {
        const l = await fresh();
        await expect(l.markSent('khong-co', T0)).rejects.toThrow();
        await expect(l.markFailed('khong-co', 'x', null)).rejects.toThrow();
      });

      it('lists a cluster’s messages in the order they were queued', async () => {
        const l = await fresh();
        await l.enqueue(message('second', { createdAt: T0 + 1 }));
        await l.enqueue(message('first', { createdAt: T0 }));
        await l.enqueue(message('elsewhere', { cluster: 'cum-2' }));
        expect((await l.listMessages('cum-1')).map((m) => m.key)).toEqual(['first', 'second']);
        expect(await l.listMessages('cum-3')).toEqual([]);
      });
    });

    describe('budget', () => {
      it('spends at most the limit per key and window, atomically under concurrent spenders', async () => {
        const l = await fresh();
        const minute = 60_000 * 29_000_000;
        const spent = await Promise.all(Array.from({ length: 12 }, () => l.spendBudget('read:runtime', minute, 10)));
        expect(spent.filter(Boolean)).toHaveLength(10);
        expect(await l.spendBudget('read:runtime', minute, 10)).toBe(false);
        expect(await l.spendBudget('write:runtime', minute, 10)).toBe(true); // another key
        expect(await l.spendBudget('read:runtime', minute + 60_000, 10)).toBe(true); // the next window refills
        expect(await l.spendBudget('read:runtime', minute + 60_000, 0)).toBe(false);
      });
    });

    describe('locks', () => {
      const lock = (over: Partial<LockRecord> = {}): LockRecord => ({
        at: T0, by: 'thuky@khoi.example', inputHash: 'ab'.repeat(32), payload: JSON.stringify({ units: [{ code: 'HND', rank: 1 }] }), ...over,
      });

      it('keeps one lock per cluster until it is removed, refusing a second', async () => {
        const l = await fresh();
        expect(await l.getLock('cum-1')).toBeNull();
        expect(await l.putLock('cum-1', lock())).toBe('locked');
        expect(await l.putLock('cum-1', lock({ at: T0 + 5, by: 'khac@khoi.example' }))).toBe('already-locked');
        expect(await l.getLock('cum-1')).toEqual(lock());
        expect(await l.getLock('cum-2')).toBeNull();

        expect(await l.removeLock('cum-1')).toEqual(lock());
        expect(await l.getLock('cum-1')).toBeNull();
        expect(await l.removeLock('cum-1')).toBeNull();
        expect(await l.putLock('cum-1', lock({ at: T0 + 9 }))).toBe('locked'); // locked again after the unlock
        expect((await l.getLock('cum-1'))?.at).toBe(T0 + 9);
      });

      it('round-trips a payload of megabytes exactly, Vietnamese and emoji included', async () => {
        const l = await fresh();
        const unit = { name: 'Hội Liên hiệp Phụ nữ tỉnh', explain: 'đạt 163,42% chỉ tiêu — vượt 😀 "kế hoạch" <năm>', pad: 'ệ'.repeat(500) };
        // Hashes do not compress: whatever an adapter does to store it, this takes more than one MiB.
        const noise = Array.from({ length: 40_000 }, (_, i) => createHash('sha256').update(String(i)).digest('hex')).join('');
        const payload = JSON.stringify({ units: Array.from({ length: 1_000 }, (_, i) => ({ ...unit, i })), noise });
        expect(payload.length).toBeGreaterThan(3_000_000);
        await l.putLock('cum-1', lock({ payload }));
        expect((await l.getLock('cum-1'))?.payload).toBe(payload);
        expect((await l.removeLock('cum-1'))?.payload).toBe(payload);
      });

      it('lets exactly one of several concurrent lockers win', async () => {
        const l = await fresh();
        const results = await Promise.all(['a', 'b', 'c', 'd'].map((by, i) => l.putLock('cum-1', lock({ by, at: T0 + i }))));
        expect(results.filter((r) => r === 'locked')).toHaveLength(1);
        const winner = ['a', 'b', 'c', 'd'][results.indexOf('locked')];
        expect((await l.getLock('cum-1'))?.by).toBe(winner);
      });
    });

    describe('clusters', () => {
      it('registers, lists and remembers the version last processed', async () => {
        const l = await fresh();
        expect(await l.getCluster('1AbC_sheet')).toBeNull();
        await l.registerCluster({ id: '1AbC_sheet', name: 'Cụm thi đua số 1', registeredAt: T0 });
        await l.registerCluster({ id: 'local', name: 'Khối các trường', registeredAt: T0 + 1 });
        expect(await l.getCluster('1AbC_sheet')).toEqual({ id: '1AbC_sheet', name: 'Cụm thi đua số 1', processedVersion: null, registeredAt: T0 });

        await l.setProcessedVersion('1AbC_sheet', '1234');
        expect((await l.getCluster('1AbC_sheet'))?.processedVersion).toBe('1234');
        expect(await l.listClusters()).toEqual([
          { id: '1AbC_sheet', name: 'Cụm thi đua số 1', processedVersion: '1234', registeredAt: T0 },
          { id: 'local', name: 'Khối các trường', processedVersion: null, registeredAt: T0 + 1 },
        ]);
      });

      it('renames on a second registration without forgetting what was processed', async () => {
        const l = await fresh();
        await l.registerCluster({ id: 'sheet/1', name: 'Cụm 1', registeredAt: T0 });
        await l.setProcessedVersion('sheet/1', '7');
        await l.registerCluster({ id: 'sheet/1', name: 'Cụm thi đua 1', registeredAt: T0 + 99 });
        expect(await l.listClusters()).toEqual([{ id: 'sheet/1', name: 'Cụm thi đua 1', processedVersion: '7', registeredAt: T0 }]);
      });

      it('refuses a processed version for an unregistered spreadsheet', async () => {
        const l = await fresh();
        await expect(l.setProcessedVersion('khong-co', '1')).rejects.toThrow();
      });
    });
  });
}
