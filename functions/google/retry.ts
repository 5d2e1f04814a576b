/**
 * The one retry policy every call to a Google API goes through (ARCHITECTURE.md: "every
 * external call has a timeout and a bounded retry with exponential backoff and jitter").
 * The client libraries' own retry is switched off (clients.ts) so that what happens is
 * ours, bounded and countable.
 */

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number;
  /** Backoff before retry n (0-based) is random() × min(capMs, baseMs × 2ⁿ): "full jitter". */
  baseMs: number;
  capMs: number;
  /** Each attempt is abandoned after this long. */
  timeoutMs: number;
  /**
   * Whether an attempt that timed out is tried again. A timeout leaves the outcome unknown
   * (the server may have acted), so a call that must happen at most once (sending a mail)
   * turns this off.
   */
  retryTimeouts: boolean;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /**
   * Sheets refills its quotas every minute ("after 1 minute, you can execute requests
   * again"): a 429 without Retry-After waits into the next minute by this clock, and 429s
   * get this many tries of their own beyond `attempts` (the run stays queued meanwhile).
   */
  now: () => number;
  quotaAttempts: number;
  /** Told before each wait, for logs and for tests that count retries. */
  onRetry?: (e: RetryEvent) => void;
}

export type RetryOptions = Partial<RetryPolicy>;

export interface RetryEvent {
  what: string;
  /** The attempt that just failed, 1-based. */
  attempt: number;
  delayMs: number;
  status: number | undefined;
  timedOut: boolean;
  error: unknown;
}

/** What each attempt passes on to the client call (a gaxios `MethodOptions` subset). */
export interface AttemptSettings {
  signal: AbortSignal;
  timeout: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'onRetry'> = {
  attempts: 5,
  baseMs: 500,
  capMs: 16_000,
  timeoutMs: 30_000,
  retryTimeouts: true,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
  quotaAttempts: 4,
};

/** An attempt that got no answer within `timeoutMs`. */
export class CallTimeoutError extends Error {
  constructor(readonly what: string, readonly timeoutMs: number) {
    super(`${what}: không có phản hồi sau ${timeoutMs} ms`);
    this.name = 'CallTimeoutError';
  }
}

/** A call that failed for good: either not worth retrying, or out of attempts. */
export class GoogleCallError extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
    readonly status: number | undefined,
    readonly timedOut: boolean,
    override readonly cause: unknown,
  ) {
    const why = timedOut ? 'hết thời gian chờ' : status !== undefined ? `HTTP ${status}` : errorMessage(cause);
    super(`${what} thất bại sau ${attempts} lần thử (${why})`);
    this.name = 'GoogleCallError';
  }
}

export async function withRetry<T>(
  what: string,
  call: (settings: AttemptSettings) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const policy = { ...DEFAULT_RETRY, ...options };
  const attempts = Math.max(1, Math.floor(policy.attempts));
  let quotaLeft = Math.max(0, Math.floor(policy.quotaAttempts));
  let counted = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(what, call, policy.timeoutMs);
    } catch (error) {
      const status = statusOf(error);
      const timedOut = isTimeout(error);
      const retryable = timedOut ? policy.retryTimeouts : isTransient(error, status);
      const quota = status === 429 && quotaLeft > 0;
      if (quota) quotaLeft--;
      else counted++;
      if (!retryable || (!quota && counted >= attempts)) {
        throw new GoogleCallError(what, attempt, status, timedOut, error);
      }
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (counted > 0 ? counted - 1 : 0));
      const asked = retryAfterMs(error, status === 429 ? 120_000 : policy.capMs);
      const nextMinute = status === 429 && asked === 0 ? 60_000 - (policy.now() % 60_000) + Math.floor(policy.random() * 2_000) : 0;
      const delayMs = Math.max(Math.floor(policy.random() * ceiling), asked, nextMinute);
      policy.onRetry?.({ what, attempt, delayMs, status, timedOut, error });
      await policy.sleep(delayMs);
    }
  }
}

/**
 * One attempt, abandoned after `timeoutMs` even if the call ignores its signal: nothing
 * waits forever.
 */
async function attemptOnce<T>(
  what: string,
  call: (settings: AttemptSettings) => Promise<T>,
  timeoutMs: number,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = new CallTimeoutError(what, timeoutMs);
      controller.abort(e);
      reject(e);
    }, timeoutMs);
  });
  try {
    return await Promise.race([call({ signal: controller.signal, timeout: timeoutMs }), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** HTTP status of a gaxios error (or anything shaped like one). */
export function statusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; response?: { status?: unknown }; code?: unknown } | null;
  if (!e || typeof e !== 'object') return undefined;
  for (const s of [e.status, e.response?.status, e.code]) {
    if (typeof s === 'number' && s >= 100 && s < 600) return s;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  if (error instanceof CallTimeoutError) return true;
  const e = error as { name?: unknown; code?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === 'TimeoutError' || e.name === 'TimeoutError') return true;
  return e.cause instanceof CallTimeoutError;
}

/** Connection-level failures worth another try: the request may never have arrived. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

function isTransient(error: unknown, status: number | undefined): boolean {
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    e = (e as { cause?: unknown; error?: unknown }).cause ?? (e as { error?: unknown }).error;
  }
  return false;
}

/** A server's `Retry-After` (seconds) on a 429/503, capped: we wait at least that long. */
function retryAfterMs(error: unknown, capMs: number): number {
  const headers = (error as { response?: { headers?: unknown } } | null)?.response?.headers;
  let value: unknown;
  if (headers && typeof (headers as Headers).get === 'function') value = (headers as Headers).get('retry-after');
  else if (headers && typeof headers === 'object') value = (headers as Record<string, unknown>)['retry-after'];
  const seconds = typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(capMs, seconds * 1000) : 0;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
