/**
 * Registers an existing Google Sheet with the cloud functions (their allowlist):
 *
 *   node --import tsx scripts/register.ts SPREADSHEET_ID [--name "Tên cụm"] [--ledger FILE.sqlite]
 *
 * Checks first, with Application Default Credentials, that the file can be opened — run it
 * as the functions' service account (GOOGLE_APPLICATION_CREDENTIALS or impersonation) to
 * check that the sheet is shared with that account. The ledger is Firestore of
 * GOOGLE_CLOUD_PROJECT (documents under THIDUA_LEDGER_PREFIX, default `thidua`) unless
 * --ledger names a SQLite file.
 */
import { parseArgs } from 'node:util';
import { auth } from '@googleapis/sheets';
import { openCloudLedger } from '../functions/cloud/deps.js';
import { NotSharedError, registerSpreadsheet } from '../functions/cloud/register.js';
import { SpreadsheetId } from '../functions/cloud/requests.js';
import { SCOPES } from '../functions/google/auth.js';
import { driveClient, sheetsClient } from '../functions/google/clients.js';
import { openSqliteLedger } from '../functions/ledger/sqlite.js';

const USAGE = 'Cách dùng: node --import tsx scripts/register.ts SPREADSHEET_ID [--name "Tên cụm"] [--ledger FILE.sqlite]';

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' }, ledger: { type: 'string' } } });
  // A whole URL is accepted too: the id is the part after /d/.
  const given = positionals[0]?.match(/\/d\/([A-Za-z0-9_-]+)/)?.[1] ?? positionals[0];
  const id = SpreadsheetId.safeParse(given);
  if (!id.success) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const credentials = new auth.GoogleAuth({ scopes: [SCOPES.sheets, SCOPES.driveMetadata] });
  const ledger = values.ledger ? openSqliteLedger(values.ledger) : await openCloudLedger();
  try {
    const r = await registerSpreadsheet({
      ledger,
      sheets: sheetsClient({ auth: credentials }),
      drive: driveClient({ auth: credentials }),
      spreadsheetId: id.data,
      ...(values.name ? { name: values.name } : {}),
      now: Date.now(),
    });
    process.stdout.write(`Đã đăng ký "${r.name}" (${r.id}); lần kiểm tra định kỳ tới sẽ chấm điểm bảng tính này.\n`);
    return 0;
  } catch (e) {
    if (e instanceof NotSharedError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    await ledger.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
