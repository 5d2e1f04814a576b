/**
 * Signed pings (ARCHITECTURE.md "Triggers"): the Apps Script trigger, `thidua serve`'s
 * callers and anyone else who may ask for a run sign the exact bytes they send:
 *
 *   X-Thidua-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>
 *
 * The timestamp is inside the MAC, so an old capture cannot be replayed after 5 minutes;
 * within the window a replay only asks for a run that re-reads the sheet anyway. Several
 * `v1=` are allowed so that a sender can sign with the old and the new secret while the
 * secret is being rotated.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-thidua-signature';
/** How far the signed time may be from ours, either way. */
export const TOLERANCE_SECONDS = 5 * 60;
/** A shorter secret is refused: it could be guessed offline from one captured ping. */
export const MIN_SECRET_LENGTH = 16;

export type SignatureVerdict =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** The header value for `rawBody` signed at `unixSeconds` with each secret (one `v1=` each). */
export function signatureHeader(rawBody: Uint8Array | string, secrets: string | string[], unixSeconds: number): string {
  const list = Array.isArray(secrets) ? secrets : [secrets];
  return [`t=${unixSeconds}`, ...list.map((s) => `v1=${mac(s, unixSeconds, rawBody).toString('hex')}`)].join(',');
}

export function verifySignature(o: {
  header: string | string[] | undefined;
  rawBody: Uint8Array;
  secret: string;
  nowMs: number;
  toleranceSeconds?: number;
}): SignatureVerdict {
  const header = Array.isArray(o.header) ? o.header.join(',') : o.header;
  if (!header) return { ok: false, reason: 'missing' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const tolerance = o.toleranceSeconds ?? TOLERANCE_SECONDS;
  if (Math.abs(o.nowMs / 1000 - parsed.t) > tolerance) return { ok: false, reason: 'stale' };
  const expected = mac(o.secret, parsed.t, o.rawBody);
  // Every candidate is compared, in constant time, on buffers of equal length (32 bytes).
  let match = false;
  for (const candidate of parsed.v1) if (timingSafeEqual(candidate, expected)) match = true;
  return match ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/** THIDUA_WEBHOOK_SECRET, the only place the secret comes from; null when absent or too short. */
export function webhookSecret(env: NodeJS.ProcessEnv = process.env): string | null {
  const s = env.THIDUA_WEBHOOK_SECRET?.trim();
  return s && s.length >= MIN_SECRET_LENGTH ? s : null;
}

export const MISSING_SECRET_MESSAGE =
  `Chưa đặt biến môi trường THIDUA_WEBHOOK_SECRET (ít nhất ${MIN_SECRET_LENGTH} ký tự, ví dụ: openssl rand -hex 32). ` +
  'Không có khóa bí mật thì không thể kiểm tra chữ ký của yêu cầu.';

function mac(secret: string, t: number, body: Uint8Array | string): Buffer {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest();
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
