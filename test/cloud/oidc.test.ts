/**
 * Cloud Scheduler's way in: a Google-signed OIDC token. Google's certificates are replaced
 * by a key made here; the checks are the library's own (signature, expiry, issuer,
 * audience) plus ours (the scheduler's email, verified).
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { cloudHandlers } from '../../functions/cloud/handlers.js';
import { bearerAllowed, oidcPolicy } from '../../functions/cloud/oidc.js';
import { AUDIENCE, SCHEDULER, idToken, verify } from './id-tokens.js';
import { SECRET, tempLedger } from './support.js';

const policy = { audiences: [AUDIENCE], emails: [SCHEDULER] };

describe('bearerAllowed', () => {
  it('accepts a valid token from the scheduler account', async () => {
    expect(await bearerAllowed(`Bearer ${idToken({})}`, policy, verify)).toBe(true);
  });

  const refused: [string, string][] = [
    ['another account', `Bearer ${idToken({ email: 'someone@du-an.iam.gserviceaccount.com' })}`],
    ['an unverified email', `Bearer ${idToken({ email_verified: false })}`],
    ['another audience', `Bearer ${idToken({ aud: 'https://example.com/other' })}`],
    ['an expired token', `Bearer ${idToken({ iat: 1_600_000_000, exp: 1_600_003_600 })}`],
    ['another issuer', `Bearer ${idToken({ iss: 'https://evil.example' })}`],
    ['a token signed with another key', `Bearer ${idToken({}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)}`],
    ['no Bearer scheme', idToken({})],
    ['garbage', 'Bearer abc.def'],
  ];
  for (const [what, header] of refused) {
    it(`refuses ${what}`, async () => {
      expect(await bearerAllowed(header, policy, verify)).toBe(false);
    });
  }
});

describe('oidcPolicy', () => {
  it('needs both the audience and the account, from the environment', () => {
    expect(oidcPolicy({})).toBeNull();
    expect(oidcPolicy({ THIDUA_OIDC_AUDIENCE: AUDIENCE })).toBeNull();
    expect(oidcPolicy({ THIDUA_OIDC_AUDIENCE: `${AUDIENCE}, other`, THIDUA_OIDC_EMAIL: SCHEDULER.toUpperCase() })).toEqual({
      audiences: [AUDIENCE, 'other'], emails: [SCHEDULER],
    });
  });
});

describe('handlers with OIDC', () => {
  const ledger = tempLedger();
  afterAll(async () => ledger.close());
  const deps = async () => ({ ledger, workbook: () => { throw new Error('no workbook in this test'); }, transport: () => null });
  const env = { THIDUA_WEBHOOK_SECRET: SECRET, THIDUA_OIDC_AUDIENCE: AUDIENCE, THIDUA_OIDC_EMAIL: SCHEDULER };
  const request = (authorization: string) => ({ method: 'POST', headers: { authorization }, rawBody: Buffer.alloc(0) });

  it('reconcile accepts the scheduler token; sheetEdited does not (signature only)', async () => {
    const h = cloudHandlers({ deps, env, verifyIdToken: verify, log: () => {} });
    const token = `Bearer ${idToken({})}`;
    expect(await h.reconcile(request(token))).toEqual({ status: 200, body: { ok: true, results: [], delivered: 0 } });
    expect((await h.sheetEdited(request(token))).status).toBe(401);
    expect((await h.reconcile(request(`Bearer ${idToken({ email: 'x@y.z' })}`))).status).toBe(401);
  });

  it('without the OIDC settings, a token is not enough', async () => {
    const h = cloudHandlers({ deps, env: { THIDUA_WEBHOOK_SECRET: SECRET }, verifyIdToken: verify, log: () => {} });
    expect((await h.reconcile(request(`Bearer ${idToken({})}`))).status).toBe(401);
  });
});
