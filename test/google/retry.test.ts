import { describe, expect, it } from 'vitest';
import { CallTimeoutError, GoogleCallError, withRetry, type RetryEvent } from '../../functions/google/retry.js';

/** An error shaped like gaxios's: what the policy looks at is `status`. */
function httpError(status: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`HTTP ${status}`), { status, response: { status, headers: new Headers(headers) } });
}

function recorder() {
  const sleeps: number[] = [];
  const events: RetryEvent[] = [];
  return {
    sleeps,
    events,
    opts: { sleep: async (ms: number) => void sleeps.push(ms), onRetry: (e: RetryEvent) => void events.push(e) },
  };
}

describe('withRetry', () => {
  it('retries 5xx with full-jitter exponential backoff, then succeeds', async () => {
    const r = recorder();
    const failures = [502, 500, 503];
    let calls = 0;
    const result = await withRetry(
      'test',
      async () => {
        calls++;
        const status = failures.shift();
        if (status) throw httpError(status);
        return 'ok';
      },
      { ...r.opts, baseMs: 100, capMs: 1000, random: () => 0.5 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(4);
    // random × min(cap, base × 2ⁿ): 0.5 × 100, 0.5 × 200, 0.5 × 400
    expect(r.sleeps).toEqual([50, 100, 200]);
    expect(r.events.map((e) => [e.attempt, e.status])).toEqual([[1, 502], [2, 500], [3, 503]]);
  });

  it('a 429 waits into the next minute (Sheets refills its quotas every minute), on tries of its own', async () => {
    const r = recorder();
    let calls = 0;
    const now = () => Date.UTC(2026, 11, 1, 10, 0, 45); // 15 s before the next minute
    const result = await withRetry(
      'test',
      async () => {
        if (++calls <= 4) throw httpError(429);
        return 'ok';
      },
      { ...r.opts, attempts: 1, random: () => 0.5, now },
    );
    expect(result).toBe('ok'); // four 429s did not use up the single ordinary attempt
    expect(r.sleeps).toEqual([16_000, 16_000, 16_000, 16_000]); // 15 s + 1 s of spread
    const err = await withRetry('test', async () => { throw httpError(429); }, { ...r.opts, attempts: 2, quotaAttempts: 1, random: () => 0.5, now }).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleCallError);
    expect(err.attempts).toBe(3); // one quota try, then the two ordinary ones
  });

  it('caps the backoff ceiling', async () => {
    const r = recorder();
    await expect(
      withRetry('test', async () => { throw httpError(500); }, { ...r.opts, attempts: 6, baseMs: 500, capMs: 2000, random: () => 0.999 }),
    ).rejects.toBeInstanceOf(GoogleCallError);
    expect(r.sleeps).toEqual([499, 999, 1998, 1998, 1998]);
  });

  it('gives up after the bounded number of attempts and says how many', async () => {
    const r = recorder();
    let calls = 0;
    const err = await withRetry('Sheets spreadsheets.get', async () => { calls++; throw httpError(500); }, r.opts).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleCallError);
    expect(err.attempts).toBe(5);
    expect(err.status).toBe(500);
    expect(err.message).toContain('5 lần thử');
    expect(calls).toBe(5);
  });

  it('does not retry other 4xx', async () => {
    const r = recorder();
    let calls = 0;
    for (const status of [400, 401, 403, 404]) {
      const err = await withRetry('test', async () => { calls++; throw httpError(status); }, r.opts).catch((e) => e);
      expect(err).toBeInstanceOf(GoogleCallError);
      expect(err.status).toBe(status);
      expect(err.attempts).toBe(1);
    }
    expect(calls).toBe(4);
    expect(r.sleeps).toEqual([]);
  });

  it('retries connection resets but not programming errors', async () => {
    const r = recorder();
    let calls = 0;
    const ok = await withRetry('test', async () => {
      if (++calls === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return 1;
    }, r.opts);
    expect(ok).toBe(1);
    const err = await withRetry('test', async () => { throw new TypeError('x is not a function'); }, r.opts).catch((e) => e);
    expect(err.attempts).toBe(1);
  });

  it('abandons an attempt that does not answer in time, aborts it, and tries again', async () => {
    const r = recorder();
    const signals: AbortSignal[] = [];
    let calls = 0;
    const result = await withRetry(
      'test',
      ({ signal }) => {
        signals.push(signal);
        if (++calls === 1) return new Promise<string>(() => {}); // never settles, ignores the signal
        return Promise.resolve('second');
      },
      { ...r.opts, timeoutMs: 20 },
    );
    expect(result).toBe('second');
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[0]!.reason).toBeInstanceOf(CallTimeoutError);
    expect(r.events[0]!.timedOut).toBe(true);
  });

  it('does not retry a timeout when told the call must not be repeated', async () => {
    const r = recorder();
    let calls = 0;
    const err = await withRetry('send', () => { calls++; return new Promise<never>(() => {}); }, { ...r.opts, timeoutMs: 10, retryTimeouts: false }).catch((e: GoogleCallError) => e);
    expect(err).toBeInstanceOf(GoogleCallError);
    expect(err.timedOut).toBe(true);
    expect(calls).toBe(1);
  });

  it("waits at least the server's Retry-After", async () => {
    const r = recorder();
    let calls = 0;
    await withRetry('test', async () => {
      if (++calls === 1) throw httpError(429, { 'retry-after': '3' });
      return 'ok';
    }, { ...r.opts, random: () => 0 });
    expect(r.sleeps).toEqual([3000]);
  });
});
