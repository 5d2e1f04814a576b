/**
 * How the cloud builds its ports from the environment, once per instance, on the first
 * request that needs them (cold start: firebase-admin and the Google clients are imported
 * here, not at the top of functions/index.ts, so `healthz` and every refused request
 * never load them).
 *
 *   ledger     Firestore through firebase-admin (project from ADC / GOOGLE_CLOUD_PROJECT;
 *              FIRESTORE_EMULATOR_HOST points it at the emulator); documents under
 *              THIDUA_LEDGER_PREFIX (default `thidua`)
 *   workbook   a Google Sheet per registered spreadsheet id, through the per-API clients
 *              with Application Default Credentials (the function's service account);
 *              THIDUA_GOOGLE_API_ROOT points them at a loopback fake, with none (tests)
 *   allowlist  the spreadsheets registered in the ledger (`thidua google setup`,
 *              scripts/register.ts)
 *   mail       THIDUA_MAIL_TRANSPORT=gmail (Gmail API, domain-wide delegation as
 *              THIDUA_MAIL_FROM) or smtp (THIDUA_SMTP_URL); none otherwise
 */
import type { Ledger } from '../ledger/port.js';
import type { MailTransport } from '../mail/transport.js';
import type { WorkbookPort } from '../sheets/port.js';
import type { ClientOptions } from '../google/clients.js';
import type { RetryOptions } from '../google/retry.js';
import type { BudgetOptions } from '../google/budget.js';
import type { DocumentShelf } from '../documents/shelf.js';
import type { App } from 'firebase-admin/app';
import type { Firestore } from 'firebase-admin/firestore';

export interface CloudDeps {
  ledger: Ledger;
  /** A fresh port for one run of a registered spreadsheet (ports keep per-read state). */
  workbook(spreadsheetId: string): WorkbookPort;
  /** Where mail goes; null when no transport is configured. Opened on first use. */
  transport(): MailTransport | null;
  /** Link shown in emails (the Google Sheet), when there is one. */
  urlOf?(spreadsheetId: string): string | undefined;
  /** Who may do a cluster's admin acts (send reports, lock) when asking in person; lower-case emails. */
  adminsOf?(spreadsheetId: string): Promise<string[]>;
  /** Where "Tạo văn bản" puts a spreadsheet's documents (its Drive folder); absent: not offered. */
  documents?(spreadsheetId: string): DocumentShelf;
}

export interface CloudDepsOverrides {
  /** Where the Google clients go and with which credentials (tests: the loopback fake). */
  google?: ClientOptions;
  retry?: RetryOptions;
  /** A ready ledger instead of Firestore. */
  ledger?: Ledger;
  /** Sheets' quotas: kept in the ledger by default (THIDUA_QUOTA_USER names the account); false: none. */
  budget?: Partial<Omit<BudgetOptions, 'ledger'>> | false;
}

/**
 * THIDUA_GOOGLE_API_ROOT: Google's APIs at a loopback fake, with no credentials — what
 * FIRESTORE_EMULATOR_HOST is for Firestore; the tests of the deployed build set it. Only a
 * loopback address is taken: a setting left in a deployment can never send a sheet's data
 * (without credentials) to another host.
 */
export function fakeGoogleRoot(env: NodeJS.ProcessEnv): { rootUrl: string } | undefined {
  const root = env.THIDUA_GOOGLE_API_ROOT?.trim();
  if (!root) return undefined;
  let host = '';
  try {
    host = new URL(root).hostname;
  } catch {
    // not a URL: refused below
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
    throw new Error(`THIDUA_GOOGLE_API_ROOT must be a loopback URL (http://127.0.0.1:PORT/), not ${JSON.stringify(root)}`);
  }
  return { rootUrl: root };
}

export async function cloudDepsFromEnv(env: NodeJS.ProcessEnv = process.env, o: CloudDepsOverrides = {}): Promise<CloudDeps> {
  const [{ GoogleSheetWorkbook }, { sheetsClient, driveClient }] = await Promise.all([
    import('../sheets/google/adapter.js'),
    import('../google/clients.js'),
  ]);
  const fake = fakeGoogleRoot(env);
  const given = o.google ?? fake;
  const google = given ?? { auth: (await import('../google/auth.js')).workbookAuth() };
  // Uploads get their own client: drive.file is held only where documents are made.
  let uploads: ReturnType<typeof driveClient> | undefined;
  const uploadDrive = async () => (uploads ??= driveClient(given ?? { auth: (await import('../google/auth.js')).documentsAuth() }));
  const sheets = sheetsClient(google);
  const drive = driveClient(google);
  const ledger = o.ledger ?? (await openCloudLedger(env));
  const { ledgerBudget, unlimited } = await import('../google/budget.js');
  const budget = o.budget === false ? unlimited : ledgerBudget({ user: env.THIDUA_QUOTA_USER?.trim() || 'runtime', ...o.budget, ledger });
  let transport: MailTransport | null | undefined;
  return {
    ledger,
    workbook: (id) => new GoogleSheetWorkbook(sheets, drive, id, o.retry, budget),
    transport() {
      if (transport === undefined) transport = openCloudTransport(env, o, ledger);
      return transport;
    },
    urlOf: (id) => `https://docs.google.com/spreadsheets/d/${encodeURIComponent(id)}/edit`,
    adminsOf: async (id) => (await import('../sheets/google/admins.js')).sheetAdmins(sheets, id, o.retry),
    documents: (id) => ({
      put: async (files) => (await import('../google/drive-folder.js')).driveFolderShelf(await uploadDrive(), id, { retry: o.retry, rootUrl: given?.rootUrl }).put(files),
    }),
  };
}

/** The Firestore ledger of this project (also used by `thidua google setup` and scripts/register.ts). */
export async function openCloudLedger(env: NodeJS.ProcessEnv = process.env): Promise<Ledger> {
  const [{ deleteApp, getApps, initializeApp }, { getFirestore }, { openFirestoreLedger }] = await Promise.all([
    import('firebase-admin/app'),
    import('firebase-admin/firestore'),
    import('../ledger/firestore.js'),
  ]);
  const name = 'thidua';
  const projectId = env.GOOGLE_CLOUD_PROJECT ?? env.GCLOUD_PROJECT;
  const existing = getApps().find((a) => a.name === name);
  const app = existing ?? initializeApp(projectId ? { projectId } : {}, name);
  const db = existing ? getFirestore(app) : await ledgerFirestore(app);
  const ledger = openFirestoreLedger(db, env.THIDUA_LEDGER_PREFIX?.trim() || 'thidua');
  // A command that is done lets go of Firestore's connections, so the process can end.
  return { ...ledger, close: () => deleteApp(app) };
}

/**
 * The app's Firestore as the ledger uses it: over REST (HTTP/1.1), not gRPC. The ledger never
 * listens (`onSnapshot`, the one call that needs gRPC), and a cold start then loads google-gax's
 * REST half only, not gRPC (docs/google-api-shapes.md, docs/performance.md).
 */
export async function ledgerFirestore(app: App): Promise<Firestore> {
  const { initializeFirestore } = await import('firebase-admin/firestore');
  const db = initializeFirestore(app, { preferRest: true });
  // The emulator (Firestore reads FIRESTORE_EMULATOR_HOST itself) is sent Firestore's own
  // `Bearer owner` header: no Google credentials to look for. And its plain-HTTP channel needs
  // no gRPC credentials, which Firestore would load all of gRPC's google-gax to make.
  if (process.env.FIRESTORE_EMULATOR_HOST) {
    db.settings({ auth: { getRequestHeaders: async () => ({}) }, grpc: { credentials: { createInsecure: () => undefined } } });
  }
  return db;
}

function openCloudTransport(env: NodeJS.ProcessEnv, o: CloudDepsOverrides, ledger: Ledger): MailTransport | null {
  const kind = env.THIDUA_MAIL_TRANSPORT?.trim().toLowerCase() || (env.THIDUA_SMTP_URL ? 'smtp' : '');
  if (kind === 'gmail') return lazyTransport(async () => (await import('./gmail-transport.js')).gmailTransportFromEnv(env, o, ledger));
  if (kind === 'smtp') {
    const url = env.THIDUA_SMTP_URL?.trim();
    if (!url) throw new Error('THIDUA_MAIL_TRANSPORT=smtp nhưng chưa đặt THIDUA_SMTP_URL.');
    checkCloudSmtp(url);
    return lazyTransport(async () => (await import('../mail/transports/smtp.js')).openSmtpTransport(url));
  }
  if (kind) throw new Error(`THIDUA_MAIL_TRANSPORT="${kind}" không hợp lệ: dùng gmail hoặc smtp.`);
  return null;
}

/**
 * Google Cloud blocks outbound port 25: the office's server must be reached on 587
 * (STARTTLS, `smtp://`) or 465 (TLS, `smtps://`). Said before the first message, not as a
 * timeout after it.
 */
export function checkCloudSmtp(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('THIDUA_SMTP_URL không phải địa chỉ hợp lệ (ví dụ smtp://tai-khoan:mat-khau@mail.so.gov.vn:587).');
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`THIDUA_SMTP_URL phải bắt đầu bằng smtp:// hoặc smtps://, không phải ${u.protocol}`);
  const port = Number(u.port || (u.protocol === 'smtps:' ? 465 : 25));
  if (port === 25) {
    throw new Error('Google Cloud chặn cổng 25 ra ngoài: dùng cổng 587 (smtp://…:587, STARTTLS) hoặc 465 (smtps://…:465) của máy chủ thư.');
  }
}

/** Imports the transport's module on the first message, not on the first request. */
function lazyTransport(open: () => Promise<MailTransport>): MailTransport {
  let opened: Promise<MailTransport> | null = null;
  const get = () => (opened ??= open());
  return {
    send: async (raw, envelope, key) => (await get()).send(raw, envelope, key),
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}
