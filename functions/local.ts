/**
 * The embedded default, wired: an `.xlsx` file, a SQLite ledger beside it, emails as
 * files in an outbox folder (or over SMTP when configured). No Google account needed.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openSqliteLedger } from './ledger/sqlite.js';
import type { Ledger } from './ledger/port.js';
import { withLock } from './lock.js';
import { XlsxWorkbook } from './sheets/xlsx/adapter.js';

export interface Local {
  workbook: XlsxWorkbook;
  ledger: Ledger;
  cluster: string;
  path: string;
  /** Runs `fn` holding the lock beside the ledger: one thidua process at a time on this workbook. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

/** The ledger lives in `.thidua/ledger.sqlite` beside the workbook unless THIDUA_LEDGER or --ledger says otherwise. */
export function openLocal(file: string, ledgerPath?: string): Local {
  const path = resolve(file);
  const dbPath = ledgerPath ?? process.env.THIDUA_LEDGER ?? join(dirname(path), '.thidua', 'ledger.sqlite');
  mkdirSync(dirname(dbPath), { recursive: true });
  const lockPath = `${dbPath}.lock`;
  const ledger = openSqliteLedger(dbPath);
  const cluster = `file:${path}`;
  const workbook = new XlsxWorkbook(path);
  return {
    workbook,
    ledger,
    cluster,
    path,
    // Holding the lock, whatever a killed run left is known to be dead: its runs are
    // marked interrupted and its temp files removed.
    exclusive: (fn) => withLock(lockPath, async () => {
      await ledger.markInterrupted(cluster, Date.now());
      await workbook.removeStaleTemps();
      return fn();
    }),
  };
}
