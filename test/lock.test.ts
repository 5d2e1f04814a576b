/** The lock beside the ledger (functions/lock.ts): one holder at a time, stale locks taken over, waiting bounded. */
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockBusyError, withLock } from '../functions/lock.js';
import { tempDir } from './support/cli.js';

describe('withLock', () => {
  it('never lets two holders overlap, and removes the file afterwards', async () => {
    const path = join(tempDir(), 'ledger.sqlite.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(Array.from({ length: 8 }, () => withLock(path, async () => {
      most = Math.max(most, ++inside);
      await new Promise((r) => setTimeout(r, 10));
      inside--;
    })));
    expect(most).toBe(1);
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    const path = join(tempDir(), 'ledger.sqlite.lock');
    writeFileSync(path, JSON.stringify({ pid: 2 ** 22 - 3, host: hostname() }));
    expect(await withLock(path, async () => 'ran')).toBe('ran');
  });

  it('gives up after the wait with LockBusyError naming the holder, leaving its lock alone', async () => {
    const path = join(tempDir(), 'ledger.sqlite.lock');
    writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname() }));
    const e = await withLock(path, async () => 'ran', { waitMs: 200 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LockBusyError);
    expect((e as LockBusyError).holder).toBe(process.ppid);
    expect(existsSync(path)).toBe(true);
  });

  it('releases the lock when the work fails', async () => {
    const path = join(tempDir(), 'ledger.sqlite.lock');
    await expect(withLock(path, async () => { throw new Error('hỏng'); })).rejects.toThrow('hỏng');
    expect(existsSync(path)).toBe(false);
  });
});
