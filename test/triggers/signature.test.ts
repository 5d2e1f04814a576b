import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature, webhookSecret } from '../../functions/triggers/signature.js';

const SECRET = 'secret-0123456789abcdef';
const BODY = '{"spreadsheetId":"abc","sheet":"Đơn vị","range":"A1","user":"","ts":1}';
const T = 1_700_000_000;
const bytes = (s: string) => Buffer.from(s, 'utf8');
const verify = (header: string | undefined, o: { body?: string; secret?: string; nowS?: number } = {}) =>
  verifySignature({ header, rawBody: bytes(o.body ?? BODY), secret: o.secret ?? SECRET, nowMs: (o.nowS ?? T) * 1000 });

describe('signatureHeader', () => {
  it('is HMAC-SHA256 over "t.body" in UTF-8, in hex (the value openssl gives)', () => {
    // printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac 'secret-0123456789abcdef'
    expect(signatureHeader(BODY, SECRET, T)).toBe('t=1700000000,v1=8cc5678eac7edc95741fecc083cb4235d29d0490ee4dcdd71621a18fb39182ff');
    expect(signatureHeader(bytes(BODY), SECRET, T)).toBe(signatureHeader(BODY, SECRET, T));
  });
});

describe('verifySignature', () => {
  it('accepts the signature of the exact bytes, at any time within 5 minutes either way', () => {
    const header = signatureHeader(BODY, SECRET, T);
    for (const drift of [0, -299, 299, 300, -300]) expect(verify(header, { nowS: T + drift })).toEqual({ ok: true });
  });

  it('refuses an old or future timestamp (replay) even when the MAC is right', () => {
    const header = signatureHeader(BODY, SECRET, T);
    expect(verify(header, { nowS: T + 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(verify(header, { nowS: T - 301 })).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses other bytes, another secret, or a timestamp moved without re-signing', () => {
    const header = signatureHeader(BODY, SECRET, T);
    expect(verify(header, { body: BODY.replace('A1', 'A2') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(header, { body: BODY + ' ' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(header, { secret: 'another-secret-0123456' })).toEqual({ ok: false, reason: 'mismatch' });
    const moved = header.replace(`t=${T}`, `t=${T + 10}`);
    expect(verify(moved)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('accepts any of several v1 values (secret rotation): old and new secret both sign', () => {
    const both = signatureHeader(BODY, ['old-secret-0123456789', SECRET], T);
    expect(both.split(',')).toHaveLength(3);
    expect(verify(both)).toEqual({ ok: true });
    expect(verify(both, { secret: 'old-secret-0123456789' })).toEqual({ ok: true });
    expect(verify(both, { secret: 'third-secret-0123456789' })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('tells a missing header from a malformed one', () => {
    const mac = signatureHeader(BODY, SECRET, T).split(',')[1]!;
    expect(verify(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(verify('')).toEqual({ ok: false, reason: 'missing' });
    for (const bad of [
      'garbage',
      mac, // no t
      `t=${T}`, // no v1
      `t=abc,${mac}`,
      `t=-5,${mac}`,
      `t=${T},t=${T},${mac}`,
      `t=${T},v1=zz${mac.slice(5)}`, // not hex
      `t=${T},${mac.slice(0, -2)}`, // 31 bytes
      `t=${T},${mac}00`, // 33 bytes
    ]) {
      expect(verify(bad), bad).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('ignores unknown schemes beside a valid v1, and spaces around the parts', () => {
    const [t, v1] = signatureHeader(BODY, SECRET, T).split(',');
    expect(verify(`${t}, v0=abc, ${v1}`)).toEqual({ ok: true });
  });
});

describe('webhookSecret', () => {
  it('comes from THIDUA_WEBHOOK_SECRET only, at least 16 characters', () => {
    expect(webhookSecret({})).toBeNull();
    expect(webhookSecret({ THIDUA_WEBHOOK_SECRET: '' })).toBeNull();
    expect(webhookSecret({ THIDUA_WEBHOOK_SECRET: 'short-secret' })).toBeNull();
    expect(webhookSecret({ THIDUA_WEBHOOK_SECRET: `  ${SECRET}\n` })).toBe(SECRET);
  });
});
