/**
 * The workbook file under faults (issue 7): `kill -9` at random points of a run leaves the
 * old workbook or the new one, never a third; the next run cleans up what the killed one
 * left (temp file, lock, unfinished ledger run). Concurrent runs never lose a `Nhật ký`
 * line; a person's save in the middle is never lost. A read-only workbook is refused.
 */
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWorkbook } from '../../functions/cli/init.js';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../functions/sheets/xlsx/write.js';
import { tempDir } from '../support/cli.js';
import { isOneVietnameseLine, pool, sha256, thiduaChild } from './child.js';

const dir = tempDir('thidua-safety-');
const OLD = join(dir, 'old.xlsx');
const NOW = ['--now', '2023-12-15'];
let oldHash: string;
let newHash: string;
/** How long an uninterrupted run takes here (ms): kill points are drawn over it. */
let runMs: number;

/** A fresh folder holding a copy of the old workbook. */
function fresh(name: string): string {
  const d = join(dir, name);
  mkdirSync(d);
  copyFileSync(OLD, join(d, 'cum.xlsx'));
  return join(d, 'cum.xlsx');
}

const logLines = (file: string) => readXlsx(new Uint8Array(readFileSync(file)), 'x').tabs.find((t) => t.name === 'Nhật ký')?.rows.slice(1) ?? [];
const summaries = (file: string) => logLines(file).filter((r) => r[1]?.t === 's' && r[1].v !== 'Gửi thư');
const temps = (file: string) => readdirSync(join(file, '..')).filter((f) => f.endsWith('.tmp'));

beforeAll(async () => {
  await initWorkbook(OLD, { sample: true, force: false });
  oldHash = sha256(new Uint8Array(readFileSync(OLD)));
  const f = fresh('reference');
  const t0 = performance.now();
  const r = await thiduaChild(['run', f, ...NOW, '--outbox', join(f, '..', 'outbox')]);
  runMs = performance.now() - t0;
  expect(r.code).toBe(0);
  newHash = sha256(new Uint8Array(readFileSync(f)));
  expect(newHash).not.toBe(oldHash);
});

describe('kill -9 at random points of a run', () => {
  it('50 times: the workbook is always the old or the new one, and the next run cleans up (checked on 10 of them)', async () => {
    const TRIALS = 50;
    const seen = { old: 0, new: 0 };
    const failures: string[] = [];
    let x = 12345;
    const rand = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    await pool(Array.from({ length: TRIALS }, (_, k) => async () => {
      const f = fresh(`kill-${k}`);
      // Over the whole run, weighted to its second half, where it patches and writes.
      const at = runMs * (0.35 + 0.75 * rand());
      const r = await thiduaChild(['run', f, ...NOW, '--outbox', join(f, '..', 'outbox')], {
        started: (child) => setTimeout(() => child.kill('SIGKILL'), at),
      });
      const h = sha256(new Uint8Array(readFileSync(f)));
      if (h === oldHash) seen.old++;
      else if (h === newHash) seen.new++;
      else failures.push(`trial ${k} (kill at ${at.toFixed(0)} ms, exit ${r.code}): a third workbook`);
      // Every fifth trial, the next run: completes, removes what was left, marks the killed run.
      if (k % 5 !== 0) return;
      const next = await thiduaChild(['run', f, ...NOW, '--outbox', join(f, '..', 'outbox')]);
      if (next.code !== 0) failures.push(`trial ${k}: next run exit ${next.code}: ${next.stderr}`);
      if (temps(f).length) failures.push(`trial ${k}: temp files left: ${temps(f).join(', ')}`);
      const ledger = openSqliteLedger(join(f, '..', '.thidua', 'ledger.sqlite'));
      const runs = await ledger.recentRuns(`file:${f}`, 10);
      await ledger.close();
      if (runs.some((run) => run.finishedAt === null)) failures.push(`trial ${k}: a run left unfinished in the ledger`);
    }));
    console.log(`kill -9: ${TRIALS} attempts, ${TRIALS - failures.length} passed (old ${seen.old}, new ${seen.new}); run ${runMs.toFixed(0)} ms`);
    expect(failures).toEqual([]);
    expect(seen.old + seen.new).toBe(TRIALS);
  });

  it('a temp file and a lock left by a killed process are removed by the next run; the killed run is marked interrupted', async () => {
    const f = fresh('stale');
    const d = join(f, '..');
    mkdirSync(join(d, '.thidua'));
    const ledgerPath = join(d, '.thidua', 'ledger.sqlite');
    const ledger = openSqliteLedger(ledgerPath);
    await ledger.startRun({ cluster: `file:${f}`, trigger: 'cli', startedAt: Date.UTC(2023, 11, 14) });
    await ledger.close();
    const deadPid = 2 ** 22 - 3; // above any pid this machine hands out
    writeFileSync(join(d, `.cum.xlsx.${deadPid}-0badc0de.tmp`), 'half a workbook');
    writeFileSync(`${ledgerPath}.lock`, JSON.stringify({ pid: deadPid, host: (await import('node:os')).hostname() }));
    const r = await thiduaChild(['run', f, ...NOW, '--outbox', join(d, 'outbox')]);
    expect(r.code).toBe(0);
    expect(temps(f)).toEqual([]);
    expect(readdirSync(join(d, '.thidua'))).not.toContain('ledger.sqlite.lock');
    const after = openSqliteLedger(ledgerPath);
    const runs = await after.recentRuns(`file:${f}`, 10);
    await after.close();
    expect(runs.map((x) => x.outcome).sort()).toEqual(['interrupted', 'ok']);
  });
});

describe('concurrent runs and a person saving', () => {
  it('20 pairs of simultaneous runs with --send: no Nhật ký line lost, each email delivered once', async () => {
    const failures: string[] = [];
    for (let round = 0; round < 20; round += 2) {
      await pool([0, 1].map((k) => async () => {
        const f = fresh(`pair-${round + k}`);
        const outbox = join(f, '..', 'outbox');
        const both = await Promise.all([0, 1].map(() => thiduaChild(['run', f, ...NOW, '--send', '--outbox', outbox])));
        for (const r of both) if (r.code !== 0) failures.push(`pair ${round + k}: exit ${r.code}: ${r.stderr}`);
        const lines = summaries(f).length;
        if (lines !== 2) failures.push(`pair ${round + k}: ${lines} run lines in Nhật ký, want 2`);
        const sent = readdirSync(join(outbox, 'sent')).filter((n) => n.endsWith('.eml'));
        const delivered = logLines(f).filter((r) => r[1]?.t === 's' && r[1].v === 'Gửi thư').length;
        if (sent.length !== 7 || delivered !== 7) failures.push(`pair ${round + k}: ${sent.length} emails sent, ${delivered} delivery lines, want 7 and 7`);
      }));
    }
    console.log(`concurrent pairs: 20 attempts, ${20 - failures.length} passed`);
    expect(failures).toEqual([]);
  });

  it('10 times, a person saves while two runs go on: the save is never lost and the runs complete', async () => {
    const failures: string[] = [];
    await pool(Array.from({ length: 10 }, (_, k) => async () => {
      const f = fresh(`person-${k}`);
      const outbox = join(f, '..', 'outbox');
      const runs = [0, 1].map(() => thiduaChild(['run', f, ...NOW, '--outbox', outbox]));
      // The person's save, as a spreadsheet program saves: the whole file replaced at once.
      await new Promise((r) => setTimeout(r, runMs * (0.3 + 0.07 * k)));
      const typed = `Sửa tay lần ${k}`;
      const mine = applyEdits(new Uint8Array(readFileSync(f)), { cells: [{ tab: 'HND', row: 1, col: 6, value: typed }], tabs: [], append: [], notes: [] });
      writeFileSync(`${f}.person`, mine);
      renameSync(`${f}.person`, f);
      for (const r of await Promise.all(runs)) if (r.code !== 0) failures.push(`save ${k}: exit ${r.code}: ${r.stderr}`);
      const hnd = readXlsx(new Uint8Array(readFileSync(f)), 'x').tabs.find((t) => t.name === 'HND')!;
      if (hnd.rows[1]?.[6]?.v !== typed) failures.push(`save ${k}: the person's "${typed}" is gone (${JSON.stringify(hnd.rows[1]?.[6])})`);
    }));
    console.log(`person's save during runs: 10 attempts, ${10 - failures.length} passed`);
    expect(failures).toEqual([]);
  });
});

describe('a read-only workbook', () => {
  it('is never replaced: exit 1, one Vietnamese line, file and mode unchanged', async () => {
    const f = fresh('readonly');
    chmodSync(f, 0o444);
    const before = sha256(new Uint8Array(readFileSync(f)));
    const r = await thiduaChild(['run', f, ...NOW, '--outbox', join(f, '..', 'outbox')]);
    expect(r.code).toBe(1);
    expect(isOneVietnameseLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain('chỉ đọc');
    expect(sha256(new Uint8Array(readFileSync(f)))).toBe(before);
    expect(statSync(f).mode & 0o777).toBe(0o444);
    expect(temps(f)).toEqual([]);
  });
});
