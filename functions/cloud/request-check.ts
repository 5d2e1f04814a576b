/**
 * The requests' schemas (requests.ts, zod) checked without loading zod for a request that
 * passes them: a hand-written check that accepts only what zod accepts and returns the same
 * value. Anything it does not accept goes to zod itself (loaded then), whose answer — and
 * message — is the one given. So every answer is zod's, and zod (~65 ms of CPU to load)
 * stays out of an ordinary ping's first request.
 */
import type { Parsed } from './requests.js';

export type RequestKind = 'EditPing' | 'ReconcileRequest' | 'SendReportsRequest' | 'LockRequest' | 'DocumentsRequest';

const ID = /^[A-Za-z0-9_-]{1,128}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const id = (v: unknown) => typeof v === 'string' && ID.test(v);
const text = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
const stamp = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The value zod would return, or null where this check does not decide (zod then does). */
const quick: Record<RequestKind, (j: Record<string, unknown>) => unknown> = {
  EditPing: (j) =>
    id(j.spreadsheetId) && text(j.sheet, 200) && text(j.range, 200) && text(j.user, 320) && stamp(j.ts)
      ? { spreadsheetId: j.spreadsheetId, sheet: j.sheet, range: j.range, user: j.user, ts: j.ts }
      : null,
  ReconcileRequest: (j) =>
    (j.spreadsheetId === undefined || id(j.spreadsheetId)) && (j.force === undefined || typeof j.force === 'boolean') && (j.ts === undefined || stamp(j.ts))
      ? { ...('spreadsheetId' in j ? { spreadsheetId: j.spreadsheetId } : {}), force: j.force ?? false, ...('ts' in j ? { ts: j.ts } : {}) }
      : null,
  SendReportsRequest: (j) =>
    (j.spreadsheetId === undefined || id(j.spreadsheetId)) && (j.mode === undefined || j.mode === 'reports' || j.mode === 'scheduled') && (j.ts === undefined || stamp(j.ts))
      ? { ...('spreadsheetId' in j ? { spreadsheetId: j.spreadsheetId } : {}), ...('mode' in j ? { mode: j.mode } : {}), ...('ts' in j ? { ts: j.ts } : {}) }
      : null,
  LockRequest: (j) => (id(j.spreadsheetId) && (j.ts === undefined || stamp(j.ts)) ? { spreadsheetId: j.spreadsheetId, ...('ts' in j ? { ts: j.ts } : {}) } : null),
  DocumentsRequest: (j) => quick.LockRequest(j),
};

/** As requests.ts's `parseBody(raw, <kind>, emptyIsObject)`, the same answer in every case. */
export async function parseRequest<T>(raw: Uint8Array, kind: RequestKind, emptyIsObject = false): Promise<Parsed<T>> {
  const fast = quickly(raw, kind, emptyIsObject);
  if (fast !== null) return { ok: true, value: fast as T };
  const zod = await import('./requests.js');
  return zod.parseBody(raw, zod[kind] as never, emptyIsObject) as Parsed<T>;
}

/** The fast path alone (tests compare it with zod): the value, or null for "ask zod". */
export function quickly(raw: Uint8Array, kind: RequestKind, emptyIsObject = false): unknown {
  const text = Buffer.from(raw).toString('utf8');
  let json: unknown;
  try {
    json = text.trim() === '' && emptyIsObject ? {} : JSON.parse(text);
  } catch {
    return null;
  }
  return isObject(json) ? quick[kind](json) : null;
}
