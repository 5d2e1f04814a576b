/**
 * `thidua google setup --from FILE.xlsx --client-id-file client.json [--admin EMAIL]…
 *   [--functions .thidua/functions.json] [--ledger FILE.sqlite]`: everything a person would
 * otherwise click, for one cluster:
 *  1. creates the cluster's Google Sheet from the workbook (sheets/google/setup.ts): tabs,
 *     values, dropdowns, each unit's tab protected for its `Người nhập liệu` and the admins,
 *     the system tabs for the admins only, the chart;
 *  2. binds the Apps Script to it through the Apps Script API (`projects.create` with the
 *     sheet as parent, `projects.updateContent` with Code.gs, appsscript.json and a Config.gs
 *     holding the functions' URLs and the sheet's own key);
 *  3. shares the file (writer) with every unit's `Người nhập liệu` — each can still edit
 *     only its own tab — and with the admins (the functions' account among them);
 *  4. registers it in the cloud's ledger;
 *  5. prints the one step Google leaves to a person: Thi đua → Bật tự động chấm điểm.
 *
 * Credentials: the administrator's own account through the province's OAuth client
 * (--client-id-file, google/user-oauth.ts); scopes spreadsheets + drive.file (only files
 * this tool created: enough to share them) + script.projects. Without --client-id-file,
 * Application Default Credentials (a Workspace service account, where a domain allows it).
 */
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { OAuth2Client } from 'google-auth-library';
import type { drive_v3, script_v1, sheets_v4 } from '../google/clients.js';
import type { Ledger } from '../ledger/port.js';
import type { WorkbookSnapshot } from '../core/cell.js';
import { WorkbookUnusableError, describeUnusable } from '../core/unusable.js';
import { cliLanguage } from './lang.js';
import { UsageError, type Options } from './args.js';

/** Create spreadsheets, share the files this tool created (drive.file: no other file), write their bound script. */
export const SETUP_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/drive.file',
  'https://www.googleapis.com/auth/script.projects',
];

/** Where scripts/deploy.sh leaves the functions' URLs. */
export const FUNCTIONS_FILE = '.thidua/functions.json';

export interface GoogleSetupDeps {
  sheets?: sheets_v4.Sheets;
  drive?: drive_v3.Drive;
  script?: script_v1.Script;
  ledger?: Ledger;
  env?: NodeJS.ProcessEnv;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
}

export async function googleSetupCommand(o: Options, d: GoogleSetupDeps = {}): Promise<number> {
  const err = d.err ?? process.stderr;
  const env = d.env ?? process.env;
  if (!o.from) throw new UsageError('Thiếu --from FILE.xlsx');
  const path = resolve(o.from);

  // Everything that can be checked is checked before anything is created.
  const ready = await preflight(o, env, err);
  if (!ready) return 1;

  const [{ readXlsx }, { evaluate }] = await Promise.all([import('../sheets/xlsx/read.js'), import('../core/evaluate.js')]);
  let snapshot;
  let settings;
  try {
    const bytes = await readFile(path).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? new WorkbookUnusableError({ code: 'not-found', path }) : e;
    });
    snapshot = readXlsx(bytes, basename(path, extname(path)), path);
    settings = evaluate(snapshot).evaluation.settings;
  } catch (e) {
    if (!(e instanceof WorkbookUnusableError)) throw e;
    err.write(describeUnusable(e.reason, cliLanguage()) + '\n');
    return 2;
  }
  return provisionSheet({ snapshot, name: settings.name || sheetTitle(settings, snapshot), title: sheetTitle(settings, snapshot), o, d, ...ready });
}

/** "Thi đua – <Khối> – <Năm>": how the sheet is named in Drive. */
export function sheetTitle(settings: { name: string; year: number | null }, snapshot: WorkbookSnapshot): string {
  return settings.name ? `Thi đua – ${settings.name}${settings.year ? ` – ${settings.year}` : ''}` : snapshot.title;
}

export interface Preflight {
  secret: string;
  urls: NonNullable<ReturnType<typeof functionUrls>>;
}

/** The webhook secret and the functions' URLs, or null after saying what is missing. */
export async function preflight(o: Options, env: NodeJS.ProcessEnv, err: NodeJS.WritableStream): Promise<Preflight | null> {
  const { MISSING_SECRET_MESSAGE, webhookSecret } = await import('../triggers/signature.js');
  const secret = webhookSecret(env);
  if (!secret) {
    err.write(`${MISSING_SECRET_MESSAGE}\nLấy khóa đã triển khai: export THIDUA_WEBHOOK_SECRET=$(gcloud secrets versions access latest --secret=thidua-webhook-secret)\n`);
    return null;
  }
  const urls = functionUrls(o.functions ?? FUNCTIONS_FILE);
  if (!urls) {
    err.write(`Không thấy địa chỉ các hàm (${o.functions ?? FUNCTIONS_FILE}): chạy scripts/deploy.sh trước, hoặc chỉ ra tệp bằng --functions.\n`);
    return null;
  }
  return { secret, urls };
}

export interface Provision extends Preflight {
  snapshot: WorkbookSnapshot;
  /** The cluster's name for the ledger. */
  name: string;
  title: string;
  o: Options;
  d: GoogleSetupDeps;
  /** Before registration, with the ledger and the new sheet's id (new-year: the carried Lịch sử). */
  beforeRegister?: (ledger: Ledger, id: string) => Promise<void>;
  /** Printed after registration, before the one step left. */
  done?: (url: string) => string;
}

/** Steps 1–5 above for a workbook snapshot: shared by `google setup` and `google new-year`. */
export async function provisionSheet(p: Provision): Promise<number> {
  const { snapshot, title, o, d, secret, urls } = p;
  const out = d.out ?? process.stdout;
  const err = d.err ?? process.stderr;
  const env = d.env ?? process.env;
  const { sheetKey } = await import('../triggers/signature.js');
  const clients = await clientsOf(o, d, env);
  const [{ setupSpreadsheet, units }, { withRetry, GoogleCallError }, { scriptFiles }, { sameName }, { TAB }] = await Promise.all([
    import('../sheets/google/setup.js'),
    import('../google/retry.js'),
    import('../cloud/apps-script.js'),
    import('../core/text.js'),
    import('../../sheets-schema/layout.js'),
  ]);

  // 1. The sheet.
  const created = await setupSpreadsheet({ sheets: clients.sheets }, snapshot, { title, admins: o.admin });
  const id = created.spreadsheetId;
  out.write(`Đã tạo Google Sheet "${title}"\n  Mã bảng tính: ${id}\n  Địa chỉ: ${created.url}\n`);

  // 2. Its Apps Script, bound, with its key and the URLs in Config.gs.
  try {
    const project = await withRetry('Apps Script projects.create', (s) => clients.script.projects.create({ requestBody: { title: 'Thi đua', parentId: id } }, s));
    const scriptId = project.data.scriptId;
    if (!scriptId) throw new Error('Apps Script projects.create returned no scriptId');
    const files = scriptFiles({ THIDUA_SHEET_KEY: sheetKey(secret, id), ...urls });
    await withRetry('Apps Script projects.updateContent', (s) => clients.script.projects.updateContent({ scriptId, requestBody: { files } }, s));
    out.write(`  Đã gắn Apps Script (Code.gs, Config.gs với khóa riêng của bảng tính, appsscript.json)\n`);
  } catch (e) {
    const message = e instanceof GoogleCallError ? googleMessage(e) : String(e);
    err.write(
      `Chưa gắn được Apps Script: ${message}\n` +
        (/Apps Script API/i.test(message)
          ? 'Bật "Google Apps Script API" tại https://script.google.com/home/usersettings (với chính tài khoản này), đợi vài phút rồi chạy lại.\n'
          : '') +
        `Bảng tính ${id} đã được tạo nhưng chưa chia sẻ và chưa đăng ký; có thể xóa nó trong Google Drive.\n`,
    );
    return 3;
  }

  // 3. Sharing: every unit's data-entry accounts (limited by the protected tabs) and the admins.
  const unitsTab = snapshot.tabs.find((t) => sameName(t.name, TAB.units));
  const people = new Map<string, string>();
  for (const a of o.admin) people.set(a.toLowerCase(), 'quản trị');
  for (const u of unitsTab ? units(unitsTab) : []) for (const e of u.editors) if (!people.has(e.toLowerCase())) people.set(e.toLowerCase(), `người nhập liệu ${u.code}`);
  for (const [email, why] of people) {
    // Robot accounts cannot read a notification; people get Drive's usual email.
    const robot = email.endsWith('.gserviceaccount.com');
    await withRetry('Drive permissions.create', (s) =>
      clients.drive.permissions.create(
        { fileId: id, supportsAllDrives: true, sendNotificationEmail: !robot, fields: 'id', requestBody: { type: 'user', role: 'writer', emailAddress: email } },
        s,
      ),
    );
    out.write(`  Đã chia sẻ cho ${email} (${why})\n`);
  }

  // 4. Registration.
  const ledger = d.ledger ?? (o.ledger ? (await import('../ledger/sqlite.js')).openSqliteLedger(o.ledger) : await (await import('../cloud/deps.js')).openCloudLedger(env));
  try {
    await p.beforeRegister?.(ledger, id);
    await ledger.registerCluster({ id, name: p.name, registeredAt: Date.now() });
  } finally {
    if (!d.ledger) await ledger.close();
  }
  out.write(`  Đã đăng ký với sổ ghi ${o.ledger ? resolve(o.ledger) : `Firestore (tiền tố ${env.THIDUA_LEDGER_PREFIX?.trim() || 'thidua'})`}\n`);

  if (p.done) out.write(p.done(created.url) + '\n');

  // 5. The one step Google leaves to a person.
  const hasRobot = o.admin.some((a) => a.toLowerCase().endsWith('.gserviceaccount.com'));
  out.write(
    (hasRobot ? '' : '\n  ! Chưa có tài khoản dịch vụ của các hàm (thidua-runtime@…) trong --admin: hệ thống sẽ không ghi được kết quả.\n') +
      '\nCòn một bước (Google yêu cầu chính người dùng cho phép):\n' +
      `  Mở ${created.url} → trình đơn "Thi đua" → "Bật tự động chấm điểm", rồi chấp nhận các quyền.\n`,
  );
  return 0;
}

/** The URLs deploy.sh wrote: {sheetEdited, reconcile, sendReports, lock, unlock, makeDocuments}. */
function functionUrls(file: string) {
  if (!existsSync(file)) return null;
  const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string | undefined>;
  if (!j.sheetEdited || !j.reconcile || !j.sendReports) return null;
  return {
    THIDUA_URL_SHEET_EDITED: j.sheetEdited,
    THIDUA_URL_RECONCILE: j.reconcile,
    THIDUA_URL_SEND_REPORTS: j.sendReports,
    ...(j.lock ? { THIDUA_URL_LOCK: j.lock } : {}),
    ...(j.unlock ? { THIDUA_URL_UNLOCK: j.unlock } : {}),
    ...(j.makeDocuments ? { THIDUA_URL_MAKE_DOCUMENTS: j.makeDocuments } : {}),
  };
}

function googleMessage(e: { cause?: unknown; message: string }): string {
  const data = (e.cause as { response?: { data?: { error?: { message?: string } } } } | undefined)?.response?.data;
  return data?.error?.message ?? e.message;
}

/** The injected clients (tests), else the administrator's own (or ADC). */
export async function clientsOf(o: Options, d: GoogleSetupDeps, env: NodeJS.ProcessEnv) {
  return d.sheets && d.drive && d.script ? { sheets: d.sheets, drive: d.drive, script: d.script } : googleClients(o, env);
}

async function googleClients(o: Options, env: NodeJS.ProcessEnv) {
  const { sheetsClient, driveClient, scriptClient } = await import('../google/clients.js');
  let auth: OAuth2Client | InstanceType<typeof import('google-auth-library').GoogleAuth>;
  if (o.clientIdFile) {
    const { userCredentials } = await import('../google/user-oauth.js');
    auth = await userCredentials({ clientIdFile: o.clientIdFile, scopes: SETUP_SCOPES, cacheFile: (await import('../google/user-oauth.js')).tokenCacheFile(env) });
  } else {
    const { GoogleAuth } = await import('google-auth-library');
    auth = new GoogleAuth({ scopes: SETUP_SCOPES });
  }
  return { sheets: sheetsClient({ auth }), drive: driveClient({ auth }), script: scriptClient({ auth }) };
}
