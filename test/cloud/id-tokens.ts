/**
 * Google-style ID tokens for the tests: signed with a key made here, and checked by
 * google-auth-library's own verification (signature, expiry, issuer, audience) against
 * that key instead of Google's published certificates.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import type { IdTokenVerifier } from '../../functions/cloud/oidc.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'test-key';
export const AUDIENCE = 'thidua-scheduler';
export const SCHEDULER = 'thidua-scheduler@du-an.iam.gserviceaccount.com';
/** The Apps Script project's OAuth client: the audience of a person's identity token. */
export const SCRIPT_CLIENT = '1234567890-script.apps.googleusercontent.com';

export function idToken(claims: Record<string, unknown>, key: KeyObject = privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${b64({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64({
    iss: 'https://accounts.google.com', aud: AUDIENCE, sub: '1234', email: SCHEDULER, email_verified: true,
    iat: now, exp: now + 3600, ...claims,
  })}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(key).toString('base64url')}`;
}

/** A person's token from `ScriptApp.getIdentityToken()`. */
export const personToken = (email: string, claims: Record<string, unknown> = {}) => idToken({ aud: SCRIPT_CLIENT, email, ...claims });

export const verify: IdTokenVerifier = async (token, audiences) => {
  const ticket = await new OAuth2Client().verifySignedJwtWithCertsAsync(
    token, { [KID]: publicKey.export({ type: 'spki', format: 'pem' }).toString() }, audiences, ['https://accounts.google.com', 'accounts.google.com'],
  );
  return ticket.getPayload();
};

/** The settings that let the scheduler and the script's users in. */
export const OIDC_ENV = { THIDUA_OIDC_AUDIENCE: AUDIENCE, THIDUA_OIDC_EMAIL: SCHEDULER, THIDUA_ADMIN_AUDIENCE: SCRIPT_CLIENT };
