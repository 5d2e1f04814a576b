/**
 * The embedded default, wired: an `.xlsx` file, a SQLite ledger beside it, emails as
 * files in an outbox folder (or over SMTP when configured). No Google account needed.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openSqliteLedger } from './ledger/sqlite.js';
import type { Ledger } from './ledger/port.js';
import { XlsxWorkbook } from './sheets/xlsx/adapter.js';

export interface Local {
  workbook: XlsxWorkbook;
  ledger: Ledger;
  cluster: string;
  path: string;
}

/** The ledger lives in `.thidua/ledger.sqlite` beside the workbook unless THIDUA_LEDGER or --ledger says otherwise. */
export function openLocal(file: string, ledgerPath?: string): Local {
  const path = resolve(file);
  const dbPath = ledgerPath ?? process.env.THIDUA_LEDGER ?? join(dirname(path), '.thidua', 'ledger.sqlite');
  mkdirSync(dirname(dbPath), { recursive: true });
  return { workbook: new XlsxWorkbook(path), ledger: openSqliteLedger(dbPath), cluster: `file:${path}`, path };
}
