/**
 * `npm run bench`: how long a run takes and how much memory it needs, on the sample and on
 * a synthetic cluster of 60 units × 40 criteria. Medians of several runs, measured in one
 * go so that ratios are comparable on a noisy machine. Figures go to bench/results.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorkbook } from '../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../functions/sheets/xlsx/write.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { buildEdits } from '../../functions/core/edits.js';
import { SAMPLE } from '../../sheets-schema/sample.js';
import { syntheticCluster } from './synthetic.js';
import { cloudBench } from './cloud.js';

const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => Math.round(x * 10) / 10;

function timeIt(n: number, f: () => void): number {
  f(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  return ms(median(t));
}

/**
 * `thidua run FILE --json` as a user runs it, in a fresh process each time: the first run
 * of a workbook (every email rendered) and a re-run of the same, unchanged workbook.
 */
function wholeProcess(file: string, n: number) {
  const first: number[] = [], again: number[] = [], rssFirst: number[] = [], rssAgain: number[] = [];
  const once = (copy: string, i: number, times: number[], rss: number[]) => {
    const rssFile = join(dir, 'rss.txt');
    const s = performance.now();
    execFileSync(process.execPath, ['--import', './test/bench/rss.mjs', 'bin/thidua.js', 'run', copy, '--json', '--outbox', join(dir, `outbox-${i}`)], {
      env: { ...process.env, THIDUA_BENCH_RSS: rssFile, THIDUA_LEDGER: join(dir, `ledger-${i}.sqlite`) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    times.push(performance.now() - s);
    rss.push(Number(readFileSync(rssFile, 'utf8')));
  };
  for (let i = 0; i < n; i++) {
    const copy = join(dir, `run-${i}-${Date.now()}.xlsx`);
    copyFileSync(file, copy);
    once(copy, i, first, rssFirst);
    once(copy, i, again, rssAgain);
  }
  const mb = (xs: number[]) => Math.round(median(xs) / 1e5) / 10;
  return {
    firstRun: { ms: ms(median(first)), peakRssMB: mb(rssFirst) },
    unchangedRerun: { ms: ms(median(again)), peakRssMB: mb(rssAgain) },
  };
}

async function measure(name: string, content: Parameters<typeof createWorkbook>[0]) {
  const file = join(dir, `${name}.xlsx`);
  const bytes = new Uint8Array(await createWorkbook(content));
  writeFileSync(file, bytes);
  const snap = readXlsx(bytes, name);
  const detail = evaluate(snap);
  const edits = buildEdits(detail, { now: 0, trigger: 'cli', source: name, log: [] });
  return {
    units: content.units.length,
    criteria: content.criteria.filter((c) => c.rule !== null).length,
    fileKB: Math.round(bytes.length / 102.4) / 10,
    coreMs: timeIt(30, () => evaluate(snap)),
    readXlsxMs: timeIt(15, () => readXlsx(bytes, name)),
    patchXlsxMs: timeIt(15, () => applyEdits(bytes, edits)),
    wholeProcess: wholeProcess(file, 5),
  };
}

const results = {
  measuredAt: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  note: 'medians; wholeProcess = `thidua run FILE --json` in a fresh process (tsx start-up included): firstRun renders every email, unchangedRerun finds them already previewed',
  sample: await measure('sample', SAMPLE),
  synthetic60x40: await measure('synthetic', syntheticCluster(60, 40)),
  cloud: await cloudBench(),
};
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
