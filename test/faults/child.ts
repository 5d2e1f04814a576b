/**
 * The real `thidua` command in a child process, as a person runs it, with what the
 * suite measures: exit code, output, peak memory (maxRSS, recorded by peak.mjs at exit)
 * and whether it hung — the only use of time: a generous guard after which the child is
 * killed and the attempt counted as a hang.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve('bin/thidua.js');
const PEAK = resolve('test/faults/peak.mjs');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory, bytes (0 when the process died before its exit handler). */
  peak: number;
  hung: boolean;
}

export interface ChildOptions {
  env?: Record<string, string>;
  /** Kill and report a hang after this long (default 60 s). */
  guardMs?: number;
  /** Called with the child once it is spawned (to kill it at some point). */
  started?: (child: ChildProcess) => void;
}

export function thiduaChild(args: string[], o: ChildOptions = {}): Promise<ChildResult> {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-peak-'));
  const peakFile = join(dir, 'peak');
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', PEAK, BIN, ...args], {
      env: { ...process.env, THIDUA_SMTP_URL: '', THIDUA_PEAK_FILE: peakFile, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    let hung = false;
    const guard = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, o.guardMs ?? 60_000);
    o.started?.(child);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      let peak = 0;
      try {
        peak = Number(readFileSync(peakFile, 'utf8'));
      } catch {
        // killed before exit
      }
      rmSync(dir, { recursive: true, force: true });
      done({ code, signal, stdout, stderr, peak, hung });
    });
  });
}

/** Runs `tasks` with at most `n` at a time (the machine has 2 cores). */
export async function pool<T>(tasks: (() => Promise<T>)[], n = 2): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, async () => {
    while (next < tasks.length) {
      const k = next++;
      out[k] = await tasks[k]!();
    }
  }));
  return out;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const MB = 1024 * 1024;

/** A line a person can act on: Vietnamese, one line, no stack trace, no English error words. */
export function isOneVietnameseLine(s: string): boolean {
  const lines = s.trim().split('\n');
  return lines.length === 1
    && /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i.test(lines[0]!)
    && !/\bat .+:\d+|Error\b|TypeError|undefined|ENOENT|EACCES|SQLITE_/.test(lines[0]!);
}
