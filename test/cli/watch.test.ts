/**
 * `thidua watch`: a save through a temp file and a rename (how editors save) re-scores
 * once; lock files and our own writes do not start runs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startWatching } from '../../functions/cli/watch.js';
import { initWorkbook } from '../../functions/cli/init.js';
import { Options } from '../../functions/cli/args.js';
import { openLocal } from '../../functions/local.js';
import { applyEdits } from '../../functions/sheets/xlsx/write.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { tempDir } from '../support/cli.js';

async function until(what: () => boolean | Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await what()) return;
    await sleep(50);
  }
  throw new Error('timed out waiting');
}

describe('thidua watch', () => {
  it('waits while Excel holds the file and writes as soon as it is closed', async () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    await initWorkbook(file, { sample: true, force: false });
    const owner = join(dir, '~$khoi.xlsx');
    writeFileSync(owner, 'owner');
    const before = readFileSync(file);
    const lines: string[] = [];
    const w = startWatching(file, Options.parse({ outbox: join(dir, 'outbox') }), (s) => lines.push(s));
    try {
      await w.trigger();
      expect(lines.join('\n')).toContain('đang mở trong Excel');
      expect(lines.join('\n')).toContain('Kết quả sẽ được ghi ngay khi tệp được đóng');
      expect(readFileSync(file).equals(before)).toBe(true);
      unlinkSync(owner); // Excel closes the file
      await until(() => !readFileSync(file).equals(before), 10_000);
      await w.idle();
      const ranking = readXlsx(new Uint8Array(readFileSync(file)), 'x').tabs.find((t) => t.name === 'Xếp hạng')!;
      expect(ranking.rows[1]?.[1]).toEqual({ t: 's', v: 'HND' });
    } finally {
      await w.stop();
    }
  });

  it('re-scores once per save, ignores lock files, never re-runs itself', async () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    await initWorkbook(file, { sample: true, force: false });
    const local = openLocal(file);
    const lines: string[] = [];
    const w = startWatching(file, Options.parse({ outbox: join(dir, 'outbox') }), (s) => lines.push(s), local);
    try {
      await w.trigger();
      const runs = async () => (await local.ledger.recentRuns(local.cluster, 100)).length;
      expect(await runs()).toBe(1);

      // LibreOffice opens the file: a lock file appears beside it. Not a reason to run.
      writeFileSync(join(dir, '.~lock.khoi.xlsx#'), 'user,host');
      await sleep(800);
      await w.idle();
      expect(await runs()).toBe(1);

      // A person raises HPN's date to a real one and saves the way editors do: temp file, then rename.
      const bytes = new Uint8Array(readFileSync(file));
      const hpn = readXlsx(bytes, 'x').tabs.find((t) => t.name === 'HPN')!;
      const row = hpn.rows.findIndex((r) => r[0]?.v === '3.1');
      const edited = applyEdits(bytes, { cells: [{ tab: 'HPN', row, col: 4, value: '14/12/2023' }], tabs: [], append: [], notes: [] });
      writeFileSync(join(dir, 'khoi.xlsx.tmp'), edited);
      renameSync(join(dir, 'khoi.xlsx.tmp'), file);

      await until(async () => (await runs()) === 2);
      await sleep(800); // our own write must not start a third run
      await w.idle();
      expect(await runs()).toBe(2);
      // After a save: what changed, not the whole table.
      expect(lines.at(-1)).toContain('HPN: 3.1 Thực hiện 31/11/2023 → 14/12/2023; hạng 6 → 5, 70,1 → 80,1 điểm');
      expect(lines.at(-1)).toContain('TD: hạng 5 → 6');
      expect(lines.at(-1)).not.toContain('Tên đơn vị');
      // Nhật ký says what changed since the previous run.
      const log = readXlsx(new Uint8Array(readFileSync(file)), 'x').tabs.find((t) => t.name === 'Nhật ký')!;
      expect(log.rows.map((r) => r[2]?.v)).toContain('HPN: 3.1 Thực hiện 31/11/2023 → 14/12/2023');
    } finally {
      await w.stop();
    }
  });
});

describe('npm start', () => {
  it('creates the sample workbook in the current folder, scores it and watches', async () => {
    const { spawn } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const dir = tempDir();
    const child = spawn(process.execPath, [join(process.cwd(), 'bin/thidua.js'), 'start'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await until(() => out.includes('Ctrl-C'), 30_000);
    expect(existsSync(join(dir, 'sample.xlsx'))).toBe(true);
    // 80 columns: the proposal is shortened with "…".
    expect(out).toMatch(/1\s+HND\s+Hội Nông dân tỉnh\s+94,41\s+Xuất sắc\s+Cờ thi đua/);
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});

describe('thidua watch in a terminal', () => {
  it('prints the ranking, then stops cleanly on Ctrl-C', async () => {
    const { spawn } = await import('node:child_process');
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    await initWorkbook(file, { sample: true, force: false });
    const child = spawn(process.execPath, ['bin/thidua.js', 'watch', file, '--outbox', join(dir, 'outbox')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await until(() => out.includes('Ctrl-C'), 30_000);
    expect(out).toMatch(/1\s+HND\s+Hội Nông dân tỉnh\s+94,41/);
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('Đã dừng.');
  });
});
