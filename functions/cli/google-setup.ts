/**
 * `thidua google setup --from FILE.xlsx [--admin EMAIL]… [--ledger FILE.sqlite]`: makes the
 * cluster's Google Sheet from a workbook (`thidua init` makes one): every tab and value,
 * dropdowns, protected ranges, the chart (sheets/google/setup.ts); shares it with each
 * admin; registers it with the cloud's ledger (Firestore of GOOGLE_CLOUD_PROJECT, or the
 * SQLite file given by --ledger); prints its address and what to do next.
 *
 * Credentials: Application Default Credentials (`gcloud auth application-default login`
 * with the scopes below — the sheet is then yours — or GOOGLE_APPLICATION_CREDENTIALS).
 */
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import type { drive_v3, sheets_v4 } from '../google/clients.js';
import type { Ledger } from '../ledger/port.js';
import { WorkbookUnusableError, describeUnusable } from '../core/unusable.js';
import { UsageError, type Options } from './args.js';

/** Create spreadsheets, and share the files this tool created (drive.file: no other file). */
export const SETUP_SCOPES = ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.file'];

export interface GoogleSetupDeps {
  sheets?: sheets_v4.Sheets;
  drive?: drive_v3.Drive;
  ledger?: Ledger;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
}

export async function googleSetupCommand(o: Options, d: GoogleSetupDeps = {}): Promise<number> {
  const out = d.out ?? process.stdout;
  const err = d.err ?? process.stderr;
  if (!o.from) throw new UsageError('Thiếu --from FILE.xlsx');
  const path = resolve(o.from);

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
    err.write(describeUnusable(e.reason) + '\n');
    return 2;
  }
  const title = settings.name ? `Thi đua – ${settings.name}${settings.year ? ` – ${settings.year}` : ''}` : snapshot.title;

  const { sheets, drive } = d.sheets && d.drive ? { sheets: d.sheets, drive: d.drive } : await googleClients();
  const { setupSpreadsheet } = await import('../sheets/google/setup.js');
  const created = await setupSpreadsheet({ sheets }, snapshot, { title, admins: o.admin });
  out.write(`Đã tạo Google Sheet "${title}"\n  Mã bảng tính: ${created.spreadsheetId}\n  Địa chỉ: ${created.url}\n`);

  const { withRetry } = await import('../google/retry.js');
  for (const email of o.admin) {
    // Robot accounts cannot read a notification; people get Drive's usual email.
    const robot = email.toLowerCase().endsWith('.gserviceaccount.com');
    await withRetry('Drive permissions.create', (s) =>
      drive.permissions.create(
        {
          fileId: created.spreadsheetId,
          supportsAllDrives: true,
          sendNotificationEmail: !robot,
          requestBody: { type: 'user', role: 'writer', emailAddress: email },
        },
        s,
      ),
    );
    out.write(`  Đã chia sẻ (quyền chỉnh sửa) cho ${email}\n`);
  }

  const ledger = d.ledger ?? (o.ledger ? (await import('../ledger/sqlite.js')).openSqliteLedger(o.ledger) : await (await import('../cloud/deps.js')).openCloudLedger());
  try {
    await ledger.registerCluster({ id: created.spreadsheetId, name: settings.name || title, registeredAt: Date.now() });
  } finally {
    if (!d.ledger) await ledger.close();
  }
  out.write(`  Đã đăng ký với sổ ghi ${o.ledger ? resolve(o.ledger) : `Firestore (tiền tố ${process.env.THIDUA_LEDGER_PREFIX?.trim() || 'thidua'})`}\n`);

  const hasRobot = o.admin.some((a) => a.toLowerCase().endsWith('.gserviceaccount.com'));
  out.write(
    '\nBước tiếp theo (docs/cloud.md):\n' +
      (hasRobot
        ? ''
        : '  ! Chưa có tài khoản dịch vụ của các hàm trong --admin: nếu bảng tính không thuộc tài khoản đó, hãy chia sẻ\n' +
          '    bảng tính cho nó và thêm nó vào các vùng được bảo vệ, nếu không hệ thống không ghi được kết quả.\n') +
      '  1. Mở bảng tính → Tiện ích mở rộng → Apps Script; dán scripts/apps-script/Code.gs và appsscript.json.\n' +
      '  2. Trong Cài đặt dự án → Thuộc tính tập lệnh, đặt THIDUA_WEBHOOK_SECRET và địa chỉ các hàm\n' +
      '     (THIDUA_URL_SHEET_EDITED, THIDUA_URL_RECONCILE, THIDUA_URL_SEND_REPORTS).\n' +
      '  3. Tải lại bảng tính; trình đơn "Thi đua" → "Bật tự động chấm điểm".\n',
  );
  return 0;
}

async function googleClients(): Promise<{ sheets: sheets_v4.Sheets; drive: drive_v3.Drive }> {
  const [{ auth }, { sheetsClient, driveClient }] = await Promise.all([import('@googleapis/sheets'), import('../google/clients.js')]);
  const credentials = new auth.GoogleAuth({ scopes: SETUP_SCOPES });
  return { sheets: sheetsClient({ auth: credentials }), drive: driveClient({ auth: credentials }) };
}
