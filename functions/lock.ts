/**
 * One thidua process at a time per ledger (so per workbook): a lock file beside the
 * ledger, created with O_EXCL, holding the owner's pid. A second `thidua run` waits for
 * the first, bounded, so that two runs never interleave their read, write and
 * `Nhật ký` lines. A lock left by a killed process (its pid is gone, or the file is older
 * than any run) is taken over; the lock is removed when the process ends, even by Ctrl-C.
 */
import { hostname } from 'node:os';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { processAlive } from './process-alive.js';

export class LockBusyError extends Error {
  constructor(readonly path: string, readonly holder: number | null) {
    super(`lock ${path} is held by process ${holder ?? '?'}`);
    this.name = 'LockBusyError';
  }
}

export interface LockOptions {
  /** How long to wait for the holder before giving up (THIDUA_LOCK_WAIT_MS, default 2 minutes). */
  waitMs?: number;
  /** A lock file older than this is stale whatever its pid says (default 30 minutes). */
  staleMs?: number;
}

interface Holder {
  pid: number;
  host: string;
}

/** Pids of this process's locks, removed on exit (a kill -9 leaves them: the next run sees the pid is gone). */
const held = new Set<string>();
let exitHook = false;


async function readHolder(path: string): Promise<Holder | null> {
  try {
    const h = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? { pid: h.pid, host: h.host } : null;
  } catch {
    return null; // being written, or garbage
  }
}

/** True when the lock file at `path` belongs to nobody alive. */
async function isStale(path: string, staleMs: number): Promise<boolean> {
  let mtime: number;
  try {
    mtime = (await stat(path)).mtimeMs;
  } catch {
    return false; // gone: the next attempt creates it
  }
  if (Date.now() - mtime > staleMs) return true;
  const h = await readHolder(path);
  // Half-written by a holder that died between create and write: stale after a moment.
  if (!h) return Date.now() - mtime > 2_000;
  return h.host === hostname() && h.pid !== process.pid && !processAlive(h.pid);
}

/** Takes the lock (waiting for a live holder), runs `fn`, releases the lock. */
export async function withLock<T>(path: string, fn: () => Promise<T>, o: LockOptions = {}): Promise<T> {
  const waitMs = o.waitMs ?? (Number(process.env.THIDUA_LOCK_WAIT_MS) || 120_000);
  const staleMs = o.staleMs ?? 30 * 60_000;
  const deadline = Date.now() + waitMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
      } finally {
        await fh.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (await isStale(path, staleMs)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) throw new LockBusyError(path, (await readHolder(path))?.pid ?? null);
    await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
  }
  held.add(path);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const p of held) {
        try {
          unlinkSync(p);
        } catch {
          // already gone
        }
      }
    });
  }
  try {
    return await fn();
  } finally {
    held.delete(path);
    await unlink(path).catch(() => undefined);
  }
}
