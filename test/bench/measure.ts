/** Timing helpers for the bench: fresh processes, paired runs, medians. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface ProcessTime {
  ms: number;
  peakRssMB: number;
  /** CPU time of the process (user + system), which a shared machine disturbs less than wall time; 0 when not a node process. */
  cpuMs: number;
}

/** One fresh `node` process (or any program): wall time and, for node, its peak RSS. */
export function timeProcess(cmd: string, args: string[], o: { env?: NodeJS.ProcessEnv; rssFile?: string; cwd?: string } = {}): ProcessTime {
  const node = cmd === process.execPath;
  const rssFile = o.rssFile;
  const full = node && rssFile ? ['--import', join(import.meta.dirname, 'rss.mjs'), ...args] : args;
  const s = performance.now();
  const cpuFile = rssFile ? `${rssFile}.cpu` : undefined;
  const r = spawnSync(cmd, full, { env: { ...process.env, ...(rssFile ? { THIDUA_BENCH_RSS: rssFile, THIDUA_BENCH_CPU: cpuFile } : {}), ...o.env }, cwd: o.cwd, stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
  const ms = performance.now() - s;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr?.toString().slice(0, 500)}`);
  const peak = node && rssFile ? Number(readFileSync(rssFile, 'utf8')) : 0;
  const cpuMs = node && cpuFile ? Number(readFileSync(cpuFile, 'utf8')) : 0;
  return { ms, peakRssMB: round(peak / 1e6), cpuMs: round(cpuMs) };
}

/**
 * Paired runs: each round runs every contestant once, in turn, so a slow moment of a
 * shared machine hits all of them; per contestant the median, and per pair the median of
 * the round-by-round ratios.
 */
export function paired<K extends string>(rounds: number, contestants: Record<K, (round: number) => ProcessTime>): Record<K, { ms: number; cpuMs: number; peakRssMB: number; samples: number[] }> & { ratios: (a: K, b: K) => number } {
  const times = {} as Record<K, ProcessTime[]>;
  for (const k of Object.keys(contestants) as K[]) times[k] = [];
  for (let i = 0; i < rounds; i++) for (const k of Object.keys(contestants) as K[]) times[k].push(contestants[k](i));
  const out = {} as Record<K, { ms: number; cpuMs: number; peakRssMB: number; samples: number[] }>;
  for (const k of Object.keys(times) as K[]) {
    out[k] = { ms: round(median(times[k].map((t) => t.ms))), cpuMs: round(median(times[k].map((t) => t.cpuMs))), peakRssMB: median(times[k].map((t) => t.peakRssMB)), samples: times[k].map((t) => round(t.ms)) };
  }
  const ratios = (a: K, b: K) => round(median(times[a].map((t, i) => t.ms / times[b][i]!.ms)), 2);
  return Object.assign(out, { ratios });
}

export function has(program: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', program], { stdio: 'ignore' }).status === 0;
}

export function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}
