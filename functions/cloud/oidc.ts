/**
 * The second way in for `reconcile` and `sendReports`: a Google-signed OIDC ID token, as
 * Cloud Scheduler sends when a job has `--oidc-service-account-email` (it cannot compute a
 * fresh HMAC per call). The token must be signed by Google, unexpired, for one of our
 * audiences (THIDUA_OIDC_AUDIENCE) and name one of our scheduler accounts
 * (THIDUA_OIDC_EMAIL) with a verified email. Without both settings, only signatures count.
 */
import type { auth } from '@googleapis/sheets';

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

export async function bearerAllowed(
  authorization: string | undefined,
  policy: OidcPolicy,
  verify: IdTokenVerifier = googleIdTokenVerifier(),
): Promise<boolean> {
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/.exec(authorization?.trim() ?? '');
  if (!m) return false;
  try {
    const claims = await verify(m[1]!, policy.audiences);
    const email = claims?.email?.toLowerCase();
    return !!email && claims?.email_verified === true && policy.emails.includes(email);
  } catch {
    return false;
  }
}

type OAuth2Client = InstanceType<typeof auth.OAuth2>;

/** Google's own verification (certificates fetched from Google and cached by the library). */
export function googleIdTokenVerifier(): IdTokenVerifier {
  let client: Promise<OAuth2Client> | null = null;
  return async (idToken, audiences) => {
    client ??= import('@googleapis/sheets').then((m) => new m.auth.OAuth2());
    const ticket = await (await client).verifyIdToken({ idToken, audience: audiences });
    return ticket.getPayload();
  };
}
