/**
 * A second process on the same SQLite file, for sqlite.test.ts: opens the ledger, says
 * `ready`, waits for `go` on stdin (so the processes race), then tries the lease once and
 * claims messages one at a time until none is due, and prints what it got as JSON.
 * Usage: node --import tsx sqlite-claimer.ts <file> <holder> <now>
 */
import { once } from 'node:events';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';

const [file, holder, nowText] = process.argv.slice(2);
const now = Number(nowText);
const ledger = openSqliteLedger(file!);
process.stdout.write('ready\n');
await once(process.stdin, 'data');

const lease = await ledger.acquireLease('cum-1', holder!, now, 60_000);
const keys: string[] = [];
for (;;) {
  const got = await ledger.claim(now, 60_000, 1);
  if (got.length === 0) break;
  keys.push(...got.map((m) => m.key));
}
await ledger.close();
process.stdout.write(JSON.stringify({ lease, keys }) + '\n');
process.exit(0);
