/**
 * Cold start of the deployable module, compiled (dist/, as Cloud Functions loads it),
 * next to the whole `googleapis` package: a fresh process importing it, wall time and peak
 * RSS, in paired rounds; and what the first request imports on top.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, paired, round, timeProcess } from './measure.js';

/** Inside a fresh process: how long the imports themselves take, node's own start-up left out (less disturbed by a busy machine). */
function importTime(code: string, rounds: number): number {
  const t: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); ${code}; process.stdout.write(String(performance.now() - t));`], { encoding: 'utf8' });
    t.push(Number(out));
  }
  return round(median(t));
}

/** What the first sheetEdited run imports: the body check (zod), the ports (Firestore ledger, Sheets and Drive clients, auth, budget), the run. */
const FIRST_REQUEST = [
  './dist/functions/cloud/requests.js', './dist/functions/cloud/deps.js', './dist/functions/cloud/score.js', './dist/functions/ledger/firestore.js',
  'firebase-admin/app', 'firebase-admin/firestore', './dist/functions/sheets/google/adapter.js',
  './dist/functions/google/clients.js', './dist/functions/google/auth.js', './dist/functions/google/budget.js',
];

export function coldStart(rounds = 7) {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-cold-'));
  const rss = join(dir, 'rss');
  const imp = (code: string) => () => timeProcess(process.execPath, ['--input-type=module', '-e', code], { rssFile: rss });
  const r = paired(rounds, {
    nodeE0: () => timeProcess(process.execPath, ['-e', '0'], { rssFile: rss }),
    functionsModule: imp("await import('./dist/functions/index.js')"),
    functionsFirstRequest: imp(`await import('./dist/functions/index.js'); await Promise.all(${JSON.stringify(FIRST_REQUEST)}.map((m) => import(m)))`),
    googleapisUmbrella: imp("await import('googleapis')"),
  });
  const { ratios, ...times } = r;
  const first = `await import('./dist/functions/index.js'); await Promise.all(${JSON.stringify(FIRST_REQUEST)}.map((m) => import(m)))`;
  const inProcess = {
    functionsModuleMs: importTime("await import('./dist/functions/index.js')", rounds),
    functionsFirstRequestMs: importTime(first, rounds),
    googleapisUmbrellaMs: importTime("await import('googleapis')", rounds),
  };
  return {
    inProcess,
    note: 'fresh `node` processes importing the compiled module (dist/), medians of paired rounds; functionsFirstRequest adds what the first sheetEdited run imports; googleapis 171.4.0 (devDependency) for comparison',
    ...times,
    firstRequestImportsMs: Math.round(times.functionsFirstRequest.ms - times.functionsModule.ms),
    functionsModuleVsUmbrella: ratios('functionsModule', 'googleapisUmbrella'),
  };
}
