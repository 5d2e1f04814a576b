import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { namedSpreadsheet, sheetKey, signatureHeader, verifySignature, webhookSecret, webhookSecrets, type SignedEndpoint } from '../../functions/triggers/signature.js';

const SECRET = 'secret-0123456789abcdef';
const BODY = '{"spreadsheetId":"abc","sheet":"Đơn vị","range":"A1","user":"","ts":1}';
const T = 1_700_000_000;
const KEY = sheetKey(SECRET, 'abc');
const bytes = (s: string) => Buffer.from(s, 'utf8');
const verify = (header: string | undefined, o: { body?: string; keys?: string[]; nowS?: number; endpoint?: SignedEndpoint } = {}) =>
  verifySignature({ header, rawBody: bytes(o.body ?? BODY), keys: o.keys ?? [KEY], endpoint: o.endpoint ?? 'sheetEdited', nowMs: (o.nowS ?? T) * 1000 });
const okWith = (header: string) => ({ ok: true, mac: header.split(',v1=')[1]!.split(',')[0] });

describe('sheetKey', () => {
  it('is hex HMAC-SHA256(secret, spreadsheet id): the value openssl gives', () => {
    // printf '%s' abc | openssl dgst -sha256 -hmac 'secret-0123456789abcdef'
    expect(KEY).toBe('f801a1627a73afe3f3397a208207d40230176dab4f617b199aac9485ae6ce689');
    expect(sheetKey(SECRET, 'abd')).not.toBe(KEY);
  });
});

describe('signatureHeader', () => {
  it('is HMAC-SHA256 with the sheet key over "t.endpoint.body" in UTF-8, in hex', () => {
    // printf '%s' "1700000000.sheetEdited.<body>" | openssl dgst -sha256 -hmac "<key of abc>"
    expect(signatureHeader(BODY, KEY, T, 'sheetEdited')).toBe('t=1700000000,v1=ff384ffd78af746de27a1c49ec28298500e22cd4bf181b5922fcd74c7dc4a8fc');
    expect(signatureHeader(bytes(BODY), KEY, T, 'sheetEdited')).toBe(signatureHeader(BODY, KEY, T, 'sheetEdited'));
  });
});

describe('verifySignature', () => {
  it('accepts the signature of the exact bytes, at any time within 5 minutes either way', () => {
    const header = signatureHeader(BODY, KEY, T, 'sheetEdited');
    for (const drift of [0, -299, 299, 300, -300]) expect(verify(header, { nowS: T + drift })).toEqual(okWith(header));
  });

  it('refuses an old or future timestamp (replay) even when the MAC is right', () => {
    const header = signatureHeader(BODY, KEY, T, 'sheetEdited');
    expect(verify(header, { nowS: T + 301 })).toEqual({ ok: false, reason: 'stale' });
    expect(verify(header, { nowS: T - 301 })).toEqual({ ok: false, reason: 'stale' });
  });

  it("refuses other bytes, another sheet's key, or a timestamp moved without re-signing", () => {
    const header = signatureHeader(BODY, KEY, T, 'sheetEdited');
    expect(verify(header, { body: BODY.replace('A1', 'A2') })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(header, { body: BODY + ' ' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(header, { keys: [sheetKey(SECRET, 'other-sheet')] })).toEqual({ ok: false, reason: 'mismatch' });
    const moved = header.replace(`t=${T}`, `t=${T + 10}`);
    expect(verify(moved)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('binds the endpoint: a sheetEdited signature is refused at sendReports and reconcile', () => {
    const header = signatureHeader(BODY, KEY, T, 'sheetEdited');
    expect(verify(header, { endpoint: 'sendReports' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(header, { endpoint: 'reconcile' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(signatureHeader(BODY, KEY, T, 'sendReports'), { endpoint: 'sendReports' }).ok).toBe(true);
  });

  it('refuses the previous forms: no endpoint, or signed with the secret itself', () => {
    const old = (key: string) => `t=${T},v1=${createHmac('sha256', key).update(`${T}.`).update(BODY).digest('hex')}`;
    expect(verify(old(KEY))).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(old(SECRET))).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(signatureHeader(BODY, SECRET, T, 'sheetEdited'))).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('accepts any of several v1 values and keys (rotation of the secret: old and new key both sign)', () => {
    const oldKey = sheetKey('old-secret-0123456789', 'abc');
    const both = signatureHeader(BODY, [oldKey, KEY], T, 'sheetEdited');
    expect(both.split(',')).toHaveLength(3);
    expect(verify(both).ok).toBe(true);
    expect(verify(both, { keys: [oldKey] }).ok).toBe(true);
    expect(verify(signatureHeader(BODY, oldKey, T, 'sheetEdited'), { keys: [KEY, oldKey] }).ok).toBe(true);
    expect(verify(both, { keys: [sheetKey('third-secret-0123456789', 'abc')] })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('tells a missing header from a malformed one', () => {
    const mac = signatureHeader(BODY, KEY, T, 'sheetEdited').split(',')[1]!;
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
    const header = signatureHeader(BODY, KEY, T, 'sheetEdited');
    const [t, v1] = header.split(',');
    expect(verify(`${t}, v0=abc, ${v1}`)).toEqual(okWith(header));
  });
});

describe('webhookSecret', () => {
  it('comes from THIDUA_WEBHOOK_SECRET only, at least 16 characters; "new old" during a rotation', () => {
    expect(webhookSecret({})).toBeNull();
    expect(webhookSecret({ THIDUA_WEBHOOK_SECRET: '' })).toBeNull();
    expect(webhookSecret({ THIDUA_WEBHOOK_SECRET: 'short-secret' })).toBeNull();
    expect(webhookSecret({ THIDUA_WEBHOOK_SECRET: `  ${SECRET}\n` })).toBe(SECRET);
    expect(webhookSecrets({ THIDUA_WEBHOOK_SECRET: `${SECRET} old-secret-0123456789` })).toEqual([SECRET, 'old-secret-0123456789']);
    expect(webhookSecrets({ THIDUA_WEBHOOK_SECRET: `${SECRET} short` })).toBeNull();
  });
});

describe('namedSpreadsheet', () => {
  it('reads the id a body names, and nothing from what is not a plain JSON object with a valid id', () => {
    expect(namedSpreadsheet(bytes(BODY))).toBe('abc');
    for (const raw of ['', 'not json', '[]', '{"spreadsheetId":5}', '{"spreadsheetId":"a/b"}', '{}']) expect(namedSpreadsheet(bytes(raw)), raw).toBeNull();
  });
});
