/**
 * The province administrator's own Google account for `thidua google setup`, through the
 * province's OAuth client (a "Desktop app" client downloaded from the Cloud Console:
 * gcloud's own client no longer grants Sheets/Drive scopes). Installed-app flow on a
 * loopback redirect (http://127.0.0.1:PORT, PKCE); the refresh token is cached under the
 * user's config folder (XDG_CONFIG_HOME or ~/.config, thidua/google-token.json, mode 600)
 * and used again until it stops working.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { OAuth2Client, CodeChallengeMethod } from 'google-auth-library';

/** Least scope: create spreadsheets; share and bind the files this tool made (drive.file); write their bound script. */
export const USER_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive.file',
  'https://www.googleapis.com/auth/script.projects',
];

export interface UserOAuthOptions {
  clientIdFile: string;
  scopes?: string[];
  cacheFile?: string;
  /** Told the URL to open (default: printed). */
  ask?: (url: string) => void;
  /** Google's endpoints (tests: the fake). */
  authUrl?: string;
  tokenUrl?: string;
}

export function tokenCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config'), 'thidua', 'google-token.json');
}

/** `{installed: {client_id, client_secret}}` as the Cloud Console downloads it. */
export function readClientId(file: string): { clientId: string; clientSecret: string } {
  let json: { installed?: { client_id?: string; client_secret?: string }; web?: unknown };
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`Không đọc được tệp OAuth client ${file}: ${(e as Error).message}`);
  }
  const c = json.installed;
  if (!c?.client_id || !c.client_secret) {
    throw new Error(`${file} không phải OAuth client loại "Desktop app" (thiếu installed.client_id): tạo lại trong Google Cloud Console → APIs & Services → Credentials.`);
  }
  return { clientId: c.client_id, clientSecret: c.client_secret };
}

export async function userCredentials(o: UserOAuthOptions): Promise<OAuth2Client> {
  const { clientId, clientSecret } = readClientId(o.clientIdFile);
  const scopes = o.scopes ?? USER_SCOPES;
  const cache = o.cacheFile ?? tokenCacheFile();
  const endpoints = o.tokenUrl || o.authUrl ? { ...(o.tokenUrl ? { oauth2TokenUrl: o.tokenUrl } : {}), ...(o.authUrl ? { oauth2AuthBaseUrl: o.authUrl } : {}) } : undefined;
  const client = (redirectUri?: string) => new OAuth2Client({ clientId, clientSecret, ...(redirectUri ? { redirectUri } : {}), ...(endpoints ? { endpoints } : {}) });

  if (existsSync(cache)) {
    const saved = JSON.parse(readFileSync(cache, 'utf8')) as { clientId?: string; scopes?: string[]; refresh_token?: string };
    if (saved.clientId === clientId && saved.refresh_token && scopes.every((s) => saved.scopes?.includes(s))) {
      const c = client();
      c.setCredentials({ refresh_token: saved.refresh_token });
      try {
        await c.getAccessToken();
        return c;
      } catch {
        // revoked or expired: sign in again below
      }
    }
  }

  const { code, redirectUri, verifier } = await loopbackCode(client, scopes, o.ask);
  const c = client(redirectUri);
  const { tokens } = await c.getToken({ code, codeVerifier: verifier, redirect_uri: redirectUri });
  c.setCredentials(tokens);
  if (tokens.refresh_token) {
    mkdirSync(dirname(cache), { recursive: true });
    writeFileSync(cache, JSON.stringify({ clientId, scopes, refresh_token: tokens.refresh_token }) + '\n', { mode: 0o600 });
    chmodSync(cache, 0o600);
  }
  return c;
}

/** Opens a one-shot server on 127.0.0.1, asks the person to sign in, and waits for Google's redirect. */
async function loopbackCode(
  client: (redirectUri?: string) => OAuth2Client,
  scopes: string[],
  ask: (url: string) => void = (url) => process.stdout.write(`Mở địa chỉ này trong trình duyệt để đăng nhập Google:\n  ${url}\n`),
): Promise<{ code: string; redirectUri: string; verifier: string }> {
  let done: (v: { code: string } | Error) => void = () => {};
  const got = new Promise<{ code: string } | Error>((r) => (done = r));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(code ? '<p>Đã đăng nhập. Có thể đóng trang này và quay lại cửa sổ lệnh.</p>' : `<p>Không đăng nhập được: ${error ?? 'thiếu mã'}</p>`);
    done(code ? { code } : new Error(`Google từ chối đăng nhập: ${error ?? 'không có mã'}`));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const c = client(redirectUri);
    const { codeVerifier, codeChallenge } = await c.generateCodeVerifierAsync();
    ask(c.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: scopes, code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256 }));
    const r = await Promise.race([got, new Promise<Error>((ok) => setTimeout(() => ok(new Error('Hết thời gian chờ đăng nhập (5 phút)')), 5 * 60_000).unref())]);
    if (r instanceof Error) throw r;
    return { code: r.code, redirectUri, verifier: codeVerifier! };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
