/**
 * The three per-API clients, built one way: our retry policy instead of the library's
 * (`retry: false`), and an optional `rootUrl` so tests can point them at a loopback server.
 */
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import { drive, type drive_v3 } from '@googleapis/drive';
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import { script, type script_v1 } from '@googleapis/script';

export interface ClientOptions {
  /** A `GoogleAuth` (auth.ts), an OAuth2 client, or nothing for an unauthenticated test server. */
  auth?: sheets_v4.Options['auth'];
  /** e.g. `http://127.0.0.1:PORT/`; default: Google's own endpoints. */
  rootUrl?: string;
}

function common(o: ClientOptions) {
  return {
    retry: false,
    ...(o.auth !== undefined ? { auth: o.auth } : {}),
    ...(o.rootUrl !== undefined ? { rootUrl: o.rootUrl } : {}),
  };
}

export function sheetsClient(o: ClientOptions = {}): sheets_v4.Sheets {
  return sheets({ version: 'v4', ...common(o) });
}

export function driveClient(o: ClientOptions = {}): drive_v3.Drive {
  return drive({ version: 'v3', ...common(o) } as drive_v3.Options);
}

export function gmailClient(o: ClientOptions = {}): gmail_v1.Gmail {
  return gmail({ version: 'v1', ...common(o) } as gmail_v1.Options);
}

export function scriptClient(o: ClientOptions = {}): script_v1.Script {
  return script({ version: 'v1', ...common(o) } as script_v1.Options);
}

export type { sheets_v4, drive_v3, gmail_v1, script_v1 };
