/**
 * Signed pings (ARCHITECTURE.md "Triggers"). Each spreadsheet has its own key, derived from
 * the deployment's secret, and a signature names the function it is for:
 *
 *   key of S            = hex(HMAC-SHA256(THIDUA_WEBHOOK_SECRET, S))        (`thidua key S`)
 *   X-Thidua-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key of S, t + "." + endpoint + "." + raw body)>
 *
 * Anyone who can edit a sheet can read its Apps Script's key, so a key only ever speaks for
 * its own sheet (a ping signed with A's key is refused for B), and a capture cannot be
 * replayed to another function (`sheetEdited` → `sendReports`) or after 5 minutes. Several
 * `v1=` are allowed so that a sender can sign with the old and the new key while the
 * deployment's secret is being rotated. The older forms (no endpoint; signed with the secret
 * itself) no longer verify.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-thidua-signature';
/** How far the signed time may be from ours, either way. */
export const TOLERANCE_SECONDS = 5 * 60;
/** A shorter secret is refused: it could be guessed offline from one captured ping. */
export const MIN_SECRET_LENGTH = 16;

/** The functions a signature may be for: the function's own name. */
export type SignedEndpoint = 'sheetEdited' | 'reconcile' | 'sendReports' | 'lock' | 'unlock' | 'makeDocuments';

export type SignatureVerdict =
  | { ok: true; /** The matching MAC (hex): names this one request, for refusing its replay. */ mac: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** The key of one spreadsheet: what its Apps Script holds, and all it can sign for. */
export function sheetKey(secret: string, spreadsheetId: string): string {
  return createHmac('sha256', secret).update(spreadsheetId, 'utf8').digest('hex');
}

/** The header value for `rawBody` sent to `endpoint` at `unixSeconds`, one `v1=` per key. */
export function signatureHeader(rawBody: Uint8Array | string, keys: string | string[], unixSeconds: number, endpoint: SignedEndpoint): string {
  const list = Array.isArray(keys) ? keys : [keys];
  return [`t=${unixSeconds}`, ...list.map((k) => `v1=${mac(k, unixSeconds, endpoint, rawBody).toString('hex')}`)].join(',');
}

export function verifySignature(o: {
  header: string | string[] | undefined;
  rawBody: Uint8Array;
  /** The keys of the spreadsheet the request names (one per secret during a rotation). */
  keys: string[];
  endpoint: SignedEndpoint;
  nowMs: number;
  toleranceSeconds?: number;
}): SignatureVerdict {
  const header = Array.isArray(o.header) ? o.header.join(',') : o.header;
  if (!header) return { ok: false, reason: 'missing' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const tolerance = o.toleranceSeconds ?? TOLERANCE_SECONDS;
  if (Math.abs(o.nowMs / 1000 - parsed.t) > tolerance) return { ok: false, reason: 'stale' };
  // Every candidate against every key, in constant time, on buffers of equal length (32 bytes).
  let matched: Buffer | null = null;
  for (const key of o.keys) {
    const expected = mac(key, parsed.t, o.endpoint, o.rawBody);
    for (const candidate of parsed.v1) if (timingSafeEqual(candidate, expected)) matched = expected;
  }
  return matched ? { ok: true, mac: matched.toString('hex') } : { ok: false, reason: 'mismatch' };
}

/**
 * THIDUA_WEBHOOK_SECRET, the only place the secret comes from: one secret, or during a
 * rotation the new and the old separated by a space. Null when absent or any is too short.
 */
export function webhookSecrets(env: NodeJS.ProcessEnv = process.env): string[] | null {
  const list = (env.THIDUA_WEBHOOK_SECRET ?? '').split(/\s+/).filter(Boolean);
  return list.length > 0 && list.every((s) => s.length >= MIN_SECRET_LENGTH) ? list : null;
}

/** The current secret (the first), or null. */
export function webhookSecret(env: NodeJS.ProcessEnv = process.env): string | null {
  return webhookSecrets(env)?.[0] ?? null;
}

export const MISSING_SECRET_MESSAGE =
  `Chưa đặt biến môi trường THIDUA_WEBHOOK_SECRET (ít nhất ${MIN_SECRET_LENGTH} ký tự, ví dụ: openssl rand -hex 32). ` +
  'Không có khóa bí mật thì không thể kiểm tra chữ ký của yêu cầu.';

function mac(key: string, t: number, endpoint: string, body: Uint8Array | string): Buffer {
  return createHmac('sha256', key).update(`${t}.${endpoint}.`).update(body).digest();
}

const HEX_MAC = /^[0-9a-f]{64}$/i;

function parseHeader(header: string): { t: number; v1: Buffer[] } | null {
  let t: number | null = null;
  const v1: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== null || !/^\d{1,12}$/.test(value)) return null;
      t = Number(value);
    } else if (key === 'v1') {
      if (!HEX_MAC.test(value)) return null;
      v1.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (a future v2) are ignored, as long as a v1 is there.
  }
  if (t === null || v1.length === 0 || v1.length > 8) return null;
  return { t, v1 };
}

/**
 * The spreadsheet a request names, read before its signature is checked (the key depends
 * on it). Plain JSON.parse on a body already capped in size; zod comes after the check.
 */
export function namedSpreadsheet(rawBody: Uint8Array): string | null {
  try {
    const v = JSON.parse(Buffer.from(rawBody).toString('utf8')) as unknown;
    const id = v && typeof v === 'object' ? (v as { spreadsheetId?: unknown }).spreadsheetId : undefined;
    return typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}
