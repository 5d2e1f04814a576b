/**
 * The core alone (validate, score, rank, award: pure) from 6 to 10.000 units × 50
 * criteria, on snapshots built in memory (snapshot.ts). µs per cell should stay within 2×
 * across the curve. CPU time is reported beside wall time: on a shared machine the wall
 * time includes waiting for a core.
 *
 * The core measured is the compiled build (dist/, what `thidua` and the cloud run), not
 * the TypeScript sources through tsx (1,2–1,4× slower): built first if stale.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { evaluate as Evaluate } from '../../functions/core/evaluate.js';
import { median, round } from './measure.js';
import { syntheticSnapshot } from './snapshot.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

async function compiledEvaluate(): Promise<typeof Evaluate> {
  execFileSync(process.execPath, [join(ROOT, 'bin', 'build.js')], { stdio: 'inherit' });
  const core = (await import(pathToFileURL(join(ROOT, 'dist', 'functions', 'core', 'evaluate.js')).href)) as { evaluate: typeof Evaluate };
  return core.evaluate;
}

export async function coreCurve(sizes = [6, 60, 600, 2000, 10_000], criteria = 50) {
  const evaluate = await compiledEvaluate();
  const points = [];
  for (const units of sizes) {
    const snap = await syntheticSnapshot(units, criteria);
    const rounds = units >= 2000 ? 3 : units >= 600 ? 5 : 15;
    // Warm-up: long enough for the JIT at small sizes (one evaluation of 6 units is not).
    for (let i = 0, t0 = performance.now(); i < 200 && (i === 0 || performance.now() - t0 < 500); i++) evaluate(snap);
    // A round is a batch of evaluations lasting ≥ ~50 ms, divided by its count: one evaluation of 6 units
    // (~1 ms) is too short for a per-call timer and for process-wide CPU time (GC and compiler threads).
    const t1 = performance.now();
    evaluate(snap);
    const batch = Math.max(1, Math.ceil(50 / Math.max(performance.now() - t1, 0.01)));
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      for (let k = 0; k < batch; k++) evaluate(snap);
      wall.push((performance.now() - t) / batch);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000 / batch);
    }
    const cells = units * criteria;
    points.push({ units, criteria, ms: round(median(wall)), cpuMs: round(median(cpu)), usPerCell: round((median(wall) * 1000) / cells, 2), cpuUsPerCell: round((median(cpu) * 1000) / cells, 2) });
  }
  const spread = (xs: number[]) => round(Math.max(...xs) / Math.min(...xs), 2);
  return {
    note: 'the compiled core (dist/); median of 3–15 rounds after a warm-up, a round being a batch of evaluations of ≥ ~50 ms divided by its count; criteria of every rule. spread = largest µs per cell ÷ smallest across the curve (wall, and CPU time of the process, which a shared machine disturbs less)',
    points,
    spreadWall: spread(points.map((p) => p.usPerCell)),
    spreadCpu: spread(points.map((p) => p.cpuUsPerCell)),
  };
}
