/**
 * Google-signed ID tokens, the way in that says *who* asks:
 *  - Cloud Scheduler's OIDC token (`--oidc-service-account-email`; it cannot compute a
 *    fresh HMAC per call): for one of our audiences (THIDUA_OIDC_AUDIENCE), naming one of
 *    our scheduler accounts (THIDUA_OIDC_EMAIL), email verified;
 *  - a person's identity token from the sheet's Apps Script (`ScriptApp.getIdentityToken()`,
 *    scopes `openid` + `userinfo.email`): its audience is the script's OAuth client ID
 *    (THIDUA_ADMIN_AUDIENCE, comma-separated), and the email must be one of the cluster's
 *    admins (admins.ts) — sending reports and locking are an admin's acts.
 * Signature, expiry, issuer and audience are checked by google-auth-library.
 */
import type { OAuth2Client } from 'google-auth-library';

export interface OidcPolicy {
  audiences: string[];
  emails: string[];
}

/** What we look at in a verified token's payload. */
export interface IdTokenClaims {
  email?: string;
  email_verified?: boolean;
}

/** Checks signature, expiry, issuer and audience; returns the payload, or throws. */
export type IdTokenVerifier = (idToken: string, audiences: string[]) => Promise<IdTokenClaims | undefined>;

export function oidcPolicy(env: NodeJS.ProcessEnv = process.env): OidcPolicy | null {
  const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const audiences = list(env.THIDUA_OIDC_AUDIENCE);
  const emails = list(env.THIDUA_OIDC_EMAIL).map((e) => e.toLowerCase());
  return audiences.length && emails.length ? { audiences, emails } : null;
}

/** Admin identity tokens: the audiences they may be for, or null (no person can sign in then). */
export function adminAudiences(env: NodeJS.ProcessEnv = process.env): string[] | null {
  const list = (env.THIDUA_ADMIN_AUDIENCE ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return list.length ? list : null;
}

/** The verified email of a bearer token for `audiences`, or null (bad token, unverified email). */
export async function bearerEmail(
  authorization: string | undefined,
  audiences: string[],
  verify: IdTokenVerifier = googleIdTokenVerifier(),
): Promise<string | null> {
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/.exec(authorization?.trim() ?? '');
  if (!m) return null;
  try {
    const claims = await verify(m[1]!, audiences);
    const email = claims?.email?.toLowerCase();
    return email && claims?.email_verified === true ? email : null;
  } catch {
    return null;
  }
}

export async function bearerAllowed(
  authorization: string | undefined,
  policy: OidcPolicy,
  verify: IdTokenVerifier = googleIdTokenVerifier(),
): Promise<boolean> {
  const email = await bearerEmail(authorization, policy.audiences, verify);
  return email !== null && policy.emails.includes(email);
}

/** Google's own verification (certificates fetched from Google and cached by the library). */
export function googleIdTokenVerifier(): IdTokenVerifier {
  let client: Promise<OAuth2Client> | null = null;
  return async (idToken, audiences) => {
    client ??= import('google-auth-library').then((m) => new m.OAuth2Client());
    const ticket = await (await client).verifyIdToken({ idToken, audience: audiences });
    return ticket.getPayload();
  };
}
