/**
 * Another process opening new ledgers, for sqlite.test.ts: says `ready`, then for each
 * line read (a path) opens a ledger there at once — racing the other processes given the
 * same path — closes it and prints `ok` or the error's code.
 * Usage: node --import tsx sqlite-opener.ts
 */
import { createInterface } from 'node:readline';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';

process.stdout.write('ready\n');
for await (const path of createInterface({ input: process.stdin })) {
  try {
    await openSqliteLedger(path).close();
    process.stdout.write('ok\n');
  } catch (e) {
    process.stdout.write(`${(e as { code?: string }).code ?? String(e)}\n`);
  }
}
