/**
 * Gmail as a Workspace user without a key file. Domain-wide delegation is an OAuth JWT
 * (iss = the service account, sub = the user, scope = gmail.send) exchanged at Google's
 * token endpoint; the JWT is signed by the IAM Credentials API (`signJwt`) as the runtime
 * account itself (roles/iam.serviceAccountTokenCreator on itself), so no key is ever
 * created — organisations since 2024 block key creation by default.
 */
import { iamcredentials } from '@googleapis/iamcredentials';
import { GoogleAuth, OAuth2Client } from 'google-auth-library';
import { SCOPES } from './auth.js';
import { withRetry, type RetryOptions } from './retry.js';

export const TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface DelegationOptions {
  /** The service account that signs (and that the Workspace admin allowed to act for `subject`). */
  serviceAccount: string;
  /** The Workspace user mail goes out as. */
  subject: string;
  scope?: string;
  /** Where the IAM Credentials API and the token endpoint are (tests: the fake). */
  iamRootUrl?: string;
  tokenUrl?: string;
  /** Credentials for signJwt (default: ADC, the runtime account). */
  auth?: GoogleAuth | OAuth2Client;
  retry?: RetryOptions;
  now?: () => number;
}

/** An OAuth2 client whose access token comes from a signJwt-signed delegation JWT, renewed before it expires. */
export function delegatedClient(o: DelegationOptions): OAuth2Client {
  const iam = iamcredentials({
    version: 'v1',
    retry: false,
    auth: o.auth ?? new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] }),
    ...(o.iamRootUrl ? { rootUrl: o.iamRootUrl } : {}),
  });
  const now = o.now ?? Date.now;
  const client = new OAuth2Client();
  client.refreshHandler = async () => {
    const iat = Math.floor(now() / 1000);
    const claims = { iss: o.serviceAccount, sub: o.subject, scope: o.scope ?? SCOPES.gmailSend, aud: o.tokenUrl ?? TOKEN_URL, iat, exp: iat + 3600 };
    const signed = await withRetry(
      'IAM Credentials signJwt',
      (s) => iam.projects.serviceAccounts.signJwt({ name: `projects/-/serviceAccounts/${o.serviceAccount}`, requestBody: { payload: JSON.stringify(claims) } }, s),
      o.retry,
    );
    const assertion = signed.data.signedJwt;
    if (!assertion) throw new Error('IAM Credentials signJwt returned no signedJwt');
    const res = await withRetry(
      'OAuth token (jwt-bearer)',
      async (s) => {
        const r = await fetch(o.tokenUrl ?? TOKEN_URL, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
          signal: s.signal,
        });
        const body = (await r.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
        if (!r.ok || !body.access_token) {
          throw Object.assign(new Error(`Ủy quyền Gmail bị từ chối: ${body.error ?? r.status} ${body.error_description ?? ''}`.trim()), { status: r.status });
        }
        return body;
      },
      o.retry,
    );
    return { access_token: res.access_token!, expiry_date: now() + (res.expires_in ?? 3600) * 1000 - 60_000 };
  };
  return client;
}
