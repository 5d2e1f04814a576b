/**
 * Cold start of the deployed module — dist/deploy/, what scripts/deploy.sh stages: the two
 * bundled scripts run by their loader with the code cache `--write-code-cache` writes (here
 * for this node, as Cloud Build does for the runtime's) — next to the whole `googleapis`
 * package: a fresh process importing it, wall time and peak RSS, in paired rounds; and what
 * the first request loads on top (functions/deploy.ts `firstRequest`: the body check, the
 * ports as deps.ts builds them, Firestore's REST transport, the run).
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

const MODULE = "await import('./dist/deploy/index.js')";
const FIRST = "await (await import('./dist/deploy/index.js')).firstRequest()";

export function coldStart(rounds = 7) {
  // The deployed build, and its code cache for this node (the cloud's build step writes the runtime's).
  execFileSync(process.execPath, ['bin/build.js']);
  execFileSync(process.execPath, ['dist/deploy/index.js', '--write-code-cache'], { stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'thidua-cold-'));
  const rss = join(dir, 'rss');
  const imp = (code: string) => () => timeProcess(process.execPath, ['--input-type=module', '-e', code], { rssFile: rss });
  const r = paired(rounds, {
    nodeE0: () => timeProcess(process.execPath, ['-e', '0'], { rssFile: rss }),
    functionsModule: imp(MODULE),
    functionsFirstRequest: imp(FIRST),
    googleapisUmbrella: imp("await import('googleapis')"),
  });
  const { ratios, ...times } = r;
  const inProcess = {
    functionsModuleMs: importTime(MODULE, rounds),
    functionsFirstRequestMs: importTime(FIRST, rounds),
    googleapisUmbrellaMs: importTime("await import('googleapis')", rounds),
  };
  return {
    inProcess,
    note: 'fresh `node` processes importing the deployed module (dist/deploy/: two bundled scripts with their code cache), medians of paired rounds; functionsFirstRequest adds what the first sheetEdited run loads (functions/deploy.ts firstRequest); googleapis 171.4.0 (devDependency) for comparison',
    ...times,
    firstRequestImportsMs: Math.round(times.functionsFirstRequest.ms - times.functionsModule.ms),
    functionsModuleVsUmbrella: ratios('functionsModule', 'googleapisUmbrella'),
  };
}
