import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../functions/ledger/sqlite-schema.js';
import { openSqliteLedger, sqliteOptions } from '../../functions/ledger/sqlite.js';
import { ledgerContract } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'thidua-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const newFile = (): string => join(dir, `ledger-${++n}.sqlite`);

const fileOf = new WeakMap<object, string>();
ledgerContract(
  'SQLite',
  async () => {
    const file = newFile();
    const ledger = openSqliteLedger(file);
    fileOf.set(ledger, file);
    return ledger;
  },
  (ledger) => ledger.close(),
  async (ledger) => {
    const raw = new Database(fileOf.get(ledger)!, { ...sqliteOptions(), readonly: true });
    try {
      return (raw.prepare('SELECT name FROM leases').all() as { name: string }[]).map((r) => r.name);
    } finally {
      raw.close();
    }
  },
);

const T0 = 1_750_000_000_000;
const message = (key: string) => ({
  key, cluster: 'cum-1', kind: 'report', to: ['a@example.vn'], subject: 'Báo cáo', raw: 'x', nextAttemptAt: T0, createdAt: T0,
});

describe('SQLite ledger file', () => {
  it('keeps what it recorded across reopening, in WAL mode at the current schema', async () => {
    const file = newFile();
    const first = openSqliteLedger(file);
    await first.enqueue(message('k1'));
    await first.close();

    const again = openSqliteLedger(file);
    expect(await again.enqueue(message('k1'))).toBe('duplicate');
    await again.close();

    const raw = new Database(file, { ...sqliteOptions(), readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(schemaVersion);
    raw.close();
  });

  it('refuses a file written by a newer version of thidua', () => {
    const file = newFile();
    const raw = new Database(file, sqliteOptions());
    raw.pragma(`user_version = ${schemaVersion + 1}`);
    raw.close();
    expect(() => openSqliteLedger(file)).toThrow(/mới hơn phần mềm/);
  });

  it('shares leases and messages between two connections to one file', async () => {
    const file = newFile();
    const a = openSqliteLedger(file);
    const b = openSqliteLedger(file);
    for (const k of ['k1', 'k2', 'k3']) await a.enqueue(message(k));
    expect(await b.enqueue(message('k2'))).toBe('duplicate');

    expect(await a.acquireLease('cum-1', 'a', T0, 60_000)).toBe(true);
    expect(await b.acquireLease('cum-1', 'b', T0, 60_000)).toBe(false);

    const [fromA, fromB] = await Promise.all([a.claim(T0, 60_000, 2), b.claim(T0, 60_000, 2)]);
    const got = [...fromA, ...fromB].map((m) => m.key).sort();
    expect(got).toEqual(['k1', 'k2', 'k3']);
    await a.close();
    await b.close();
  });

  it('never lets two processes both take the lease or the same message', async () => {
    const file = newFile();
    const setup = openSqliteLedger(file);
    const all = Array.from({ length: 200 }, (_, i) => `m${String(i).padStart(3, '0')}`);
    for (const k of all) await setup.enqueue(message(k));
    await setup.close();

    const worker = join(import.meta.dirname, 'sqlite-claimer.ts');
    const procs = ['p1', 'p2', 'p3'].map((holder) =>
      spawn(process.execPath, ['--import', 'tsx', worker, file, holder, String(T0)], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const runs = procs.map((p) => {
      let out = '';
      let ready!: () => void;
      const isReady = new Promise<void>((resolve) => (ready = resolve));
      p.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('ready\n')) ready();
      });
      const exit = once(p, 'close').then(([code]) => ({ code, out }));
      return { isReady, exit };
    });
    // Start them together, once every process has the file open.
    await Promise.all(runs.map((r) => r.isReady));
    for (const p of procs) p.stdin.end('go\n');

    const results = (await Promise.all(runs.map((r) => r.exit))).map(({ code, out }) => {
      expect(code).toBe(0);
      return JSON.parse(out.trim().split('\n').pop()!) as { lease: boolean; keys: string[] };
    });
    expect(results.filter((r) => r.lease)).toHaveLength(1);
    expect(results.flatMap((r) => r.keys).sort()).toEqual(all);
  });

  it('four processes opening the same new ledger at the same moment all open it, 30 times over', async () => {
    // Each new file is switched to WAL by whichever opener comes first; SQLite answers the
    // others SQLITE_BUSY without waiting, which once stopped a run (two `thidua run` at once).
    const worker = join(import.meta.dirname, 'sqlite-opener.ts');
    const procs = Array.from({ length: 4 }, () => spawn(process.execPath, ['--import', 'tsx', worker], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const lines = procs.map((p) => {
      const queue: string[] = [];
      const waiting: ((l: string) => void)[] = [];
      let rest = '';
      p.stdout.on('data', (c: Buffer) => {
        rest += c.toString();
        for (let i = rest.indexOf('\n'); i >= 0; i = rest.indexOf('\n')) {
          const line = rest.slice(0, i);
          rest = rest.slice(i + 1);
          const w = waiting.shift();
          if (w) w(line);
          else queue.push(line);
        }
      });
      return () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise<string>((r) => waiting.push(r)));
    });
    try {
      expect(await Promise.all(lines.map((next) => next()))).toEqual(['ready', 'ready', 'ready', 'ready']);
      const answers: string[] = [];
      for (let round = 0; round < 30; round++) {
        const file = newFile();
        for (const p of procs) p.stdin.write(`${file}\n`);
        answers.push(...(await Promise.all(lines.map((next) => next()))));
      }
      expect(answers.filter((a) => a !== 'ok')).toEqual([]);
    } finally {
      for (const p of procs) p.stdin.end();
    }
  });
});
