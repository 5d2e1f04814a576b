/**
 * The sample as LibreOffice prints it (issue 9): `init --sample` + a run, exported to PDF
 * by LibreOffice: A4, at most two pages per tab; LibreOffice opens the chart of Tổng điểm
 * on Xếp hạng (UNO) and the header notes sit on the header cells.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEdits } from '../../../functions/core/edits.js';
import { evaluate } from '../../../functions/core/evaluate.js';
import { createWorkbook } from '../../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../../functions/sheets/xlsx/write.js';
import { TAB } from '../../../sheets-schema/layout.js';
import { SAMPLE } from '../../../sheets-schema/sample.js';
import { hasProgram, requireSystem } from '../../support/system.js';

const run = promisify(execFile);
const INSPECT = fileURLToPath(new URL('../../../scripts/fixtures/inspect-with-libreoffice.py', import.meta.url));
const PYTHON = '/usr/bin/python3';
const present = requireSystem(
  'LibreOffice (soffice) với python3-uno, pdfinfo',
  hasProgram('soffice') && hasProgram('pdfinfo') && spawnSync(PYTHON, ['-c', 'import uno'], { stdio: 'ignore' }).status === 0,
);

describe.runIf(present)('the sample in LibreOffice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-print-'));
  const file = join(dir, 'khoi.xlsx');
  let tabs = 0;

  beforeAll(async () => {
    const made = await createWorkbook(SAMPLE);
    const after = applyEdits(made, buildEdits(evaluate(readXlsx(made, 'khoi')), { now: Date.UTC(2023, 11, 20, 3), trigger: 'cli', source: 'khoi', log: [] }));
    writeFileSync(file, after);
    tabs = readXlsx(after, 'khoi').tabs.length;
  }, 60_000);

  it('prints every tab on A4, at most two pages a tab', async () => {
    const out = join(dir, 'pdf');
    await run('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', out, file], { timeout: 120_000 });
    const pdf = join(out, readdirSync(out).find((f) => f.endsWith('.pdf'))!);
    const info = (await run('pdfinfo', [pdf])).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(tabs);
    expect(pages).toBeLessThanOrEqual(2 * tabs);
    expect(info).toMatch(/Page size:\s+(841\.\d+ x 595\.\d+|595\.\d+ x 841\.\d+) pts \(A4\)/);
  }, 180_000);

  it('opens the chart of Tổng điểm on Xếp hạng, and the notes of Xếp hạng on its header row', async () => {
    const { stdout } = await run(PYTHON, [INSPECT, file], { timeout: 120_000, maxBuffer: 64 << 20 });
    const seen = JSON.parse(stdout)[file] as { tabs: { name: string; charts: number; annotations: { cell: string }[] }[] };
    expect(seen).not.toBeNull();
    const ranking = seen.tabs.find((t) => t.name === TAB.ranking)!;
    expect(ranking.charts).toBe(1);
    expect(ranking.annotations.length).toBeGreaterThan(10);
    expect(ranking.annotations.every((a) => /^[A-Z]+1$/.test(a.cell))).toBe(true);
    for (const u of SAMPLE.units) expect(seen.tabs.find((t) => t.name === u.code)!.annotations.every((a) => /^[A-Z]+1$/.test(a.cell))).toBe(true);
  }, 180_000);
});
