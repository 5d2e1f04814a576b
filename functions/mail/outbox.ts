/**
 * Delivery on top of the ledger's outbox: pending → sending (claimed with a lease) →
 * sent, or back to pending with exponential backoff and jitter, or failed after the
 * last attempt. Messages are claimed one at a time, right before sending, and marked
 * sent right after the server accepts them: the window in which a crash could send a
 * message twice is that one step (docs/emails.md).
 *
 * Bounded (docs/robustness.md): each call has a time budget; a send still going when it
 * runs out is aborted and put back, and the messages not yet claimed stay pending for a
 * later run. When the server itself is unreachable (no connection, no greeting, a
 * dropped socket) the rest of the run's messages are not tried against it: they stay
 * pending too. A send aborted by the caller's signal (Ctrl-C) releases its claim at once.
 */
import type { Ledger } from '../ledger/port.js';
import type { EmailDraft, EmailKind } from './draft.js';
import { buildMime } from './mime.js';
import { mailFrom, type Sender } from './sender.js';
import type { MailTransport } from './transport.js';

export interface EnqueueResult {
  key: string;
  kind: EmailKind;
  to: string[];
  subject: string;
  outcome: 'queued' | 'duplicate';
}

/** Stores each draft as a complete MIME message; a key seen before (in any state) is not queued again. */
export async function enqueueDrafts(
  ledger: Ledger,
  drafts: readonly EmailDraft[],
  now: number,
  opts: {
    from?: Sender;
    /**
     * Messages already built for these drafts (by key) with the same sender and `now` as
     * the date — the previews' — queued as they are instead of being built again.
     */
    built?: ReadonlyMap<string, Buffer>;
  } = {},
): Promise<EnqueueResult[]> {
  const out: EnqueueResult[] = [];
  for (const d of drafts) {
    const raw = opts.built?.get(d.key) ?? (await buildMime(d, { from: opts.from ?? mailFrom(d.lang), date: new Date(now) }));
    const outcome = await ledger.enqueue({
      key: d.key,
      cluster: d.cluster,
      kind: d.kind,
      to: d.to,
      subject: d.subject,
      // nodemailer's output is 7-bit (quoted-printable / base64 bodies, encoded-word headers).
      raw: raw.toString('utf8'),
      nextAttemptAt: now,
      createdAt: now,
    });
    out.push({ key: d.key, kind: d.kind, to: d.to, subject: d.subject, outcome });
  }
  return out;
}

export interface DeliveryEvent {
  key: string;
  kind: string;
  to: string[];
  subject: string;
  outcome: 'sent' | 'retry' | 'failed';
  attempts: number;
  error?: string;
  /** When a retried message is next due, epoch ms. */
  retryAt?: number;
}

export interface DeliverOptions {
  /** Only this cluster's messages. */
  cluster?: string;
  /** Stop after this many messages in one call. */
  limit?: number;
  /** How long a claim holds a message; must exceed the transport's worst-case send time. */
  leaseMs?: number;
  /** Attempts before a message is failed for good. */
  maxAttempts?: number;
  /** First retry delay; doubled on each further attempt. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The envelope sender (MAIL FROM); by default THIDUA_MAIL_FROM. */
  from?: string;
  /** [0, 1); injectable so tests know the delay. */
  random?: () => number;
  /** The time now; by default `now` plus the time elapsed since the call began. */
  clock?: () => number;
  /** Wall-clock budget of the whole call, ms: past it nothing more is sent (the rest stay pending). */
  budgetMs?: number;
  /** Aborts the call (the send in flight is put back, due at once). */
  signal?: AbortSignal;
}

export const DELIVERY_DEFAULTS = {
  limit: 200,
  // Each send is bounded (transports/smtp.ts: at most messageMs), so a short lease is safe.
  leaseMs: 3 * 60_000,
  budgetMs: 90_000,
  maxAttempts: 8,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 60 * 60_000,
} as const;

/**
 * Delay before attempt `attempts + 1`: base·2^(attempts−1), capped, with "equal jitter"
 * (half fixed, half random) so that many clusters retrying at once do not stay in step.
 */
export function backoffDelay(attempts: number, o: { baseDelayMs: number; maxDelayMs: number; random: () => number }): number {
  const exp = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + (exp / 2) * o.random());
}

/** Transport-level failures (nodemailer's codes, node's errno): the server, not the message. */
const SERVER_DOWN: Record<string, string> = {
  ETIMEDOUT: 'máy chủ thư không trả lời kịp',
  ECONNECTION: 'mất kết nối hoặc không kết nối được máy chủ thư',
  ECONNREFUSED: 'máy chủ thư từ chối kết nối',
  ECONNRESET: 'máy chủ thư ngắt kết nối giữa chừng',
  ESOCKET: 'mất kết nối với máy chủ thư',
  EDNS: 'không tìm thấy máy chủ thư',
  ENOTFOUND: 'không tìm thấy máy chủ thư',
  EHOSTUNREACH: 'không tới được máy chủ thư',
  ENETUNREACH: 'không có mạng tới máy chủ thư',
  ETLS: 'lỗi mã hoá kết nối (TLS) với máy chủ thư',
  EAUTH: 'máy chủ thư từ chối đăng nhập (kiểm tra tài khoản trong THIDUA_SMTP_URL)',
  EPROTOCOL: 'máy chủ thư trả lời sai giao thức',
};
const ABORTED = 'hết thời gian dành cho việc gửi thư ở lần chạy này';

function errCode(e: unknown): string {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : '';
}

function isAbort(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError' || errCode(e) === 'ABORT_ERR' || errCode(e) === 'EABORT';
}

/** Why a send failed, in Vietnamese first (it reaches Nhật ký), with the server's code kept for support. */
function describe(e: unknown): string {
  const err = e as { message?: unknown; responseCode?: unknown; code?: unknown };
  if (isAbort(e)) return ABORTED;
  const code = errCode(e);
  const down = SERVER_DOWN[code];
  if (down) return `${down} (${code})`;
  const said = [err.responseCode, err.message].filter((p) => p !== undefined && p !== null && p !== '').map(String).join(' ').replace(/\s+/g, ' ').slice(0, 300);
  if (typeof err.responseCode === 'number') {
    return `${err.responseCode >= 500 ? 'máy chủ thư từ chối thư' : 'máy chủ thư tạm thời chưa nhận thư'}: ${said}`;
  }
  const parts = [err.code, err.message].filter((p) => p !== undefined && p !== null && p !== '');
  return parts.map(String).join(' ').replace(/\s+/g, ' ').slice(0, 500) || String(e);
}

/** Sends every message that is due, one claim at a time. Returns what happened to each. */
export async function deliverDue(
  ledger: Ledger,
  transport: MailTransport,
  now: number,
  opts: DeliverOptions = {},
): Promise<DeliveryEvent[]> {
  const o = { ...DELIVERY_DEFAULTS, random: Math.random, ...opts };
  const started = performance.now();
  const clock = opts.clock ?? (() => now + Math.round(performance.now() - started));
  const left = () => o.budgetMs - (performance.now() - started);
  const envelopeFrom = opts.from ?? mailFrom().address;
  const events: DeliveryEvent[] = [];
  while (events.length < o.limit && left() > 0 && !o.signal?.aborted) {
    const [m] = await ledger.claim(clock(), o.leaseMs, 1, o.cluster);
    if (!m) break;
    const base = { key: m.key, kind: m.kind, to: m.to, subject: m.subject, attempts: m.attempts };
    const budget = AbortSignal.timeout(Math.max(1, Math.ceil(left())));
    const signal = o.signal ? AbortSignal.any([o.signal, budget]) : budget;
    try {
      await abortable(transport.send(Buffer.from(m.raw, 'utf8'), { from: envelopeFrom, to: m.to }, m.key, { signal }), signal);
    } catch (e) {
      const error = signal.aborted ? ABORTED : describe(e);
      if (signal.aborted) {
        // Out of time or interrupted, not the message's fault: back to pending, due at once, claim released.
        await ledger.markFailed(m.key, error, clock());
        events.push({ ...base, outcome: 'retry', error, retryAt: clock() });
        break;
      }
      if (m.attempts >= o.maxAttempts) {
        await ledger.markFailed(m.key, error, null);
        events.push({ ...base, outcome: 'failed', error });
      } else {
        const retryAt = clock() + backoffDelay(m.attempts, o);
        await ledger.markFailed(m.key, error, retryAt);
        events.push({ ...base, outcome: 'retry', error, retryAt });
      }
      // The server is unreachable: the other messages wait for a later run instead of each timing out.
      if (SERVER_DOWN[errCode(e)]) break;
      continue;
    }
    // Accepted by the server: record it before anything else can go wrong.
    await ledger.markSent(m.key, clock());
    events.push({ ...base, outcome: 'sent' });
  }
  return events;
}

/** Settles when `p` does or when `signal` aborts, whichever first: a transport that ignores the signal cannot hold the run. */
function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}
