/**
 * The precompiled templates are one script in dist/.email-cache run with V8's code cache
 * beside it (templates.ts). A damaged code cache must never change an email or fail a
 * run: V8 rejects it, the templates compile afresh, and the next run that renders writes
 * a good one again.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { thidua, tempDir } from '../support/cli.js';

const CACHE = join(import.meta.dirname, '../../dist/.email-cache');

describe('the templates’ code cache', () => {
  it('a damaged one gives the same previews, and is written again', () => {
    const dir = tempDir();
    expect(thidua(['init', join(dir, 'mau.xlsx'), '--sample']).code).toBe(0);
    const previews = (name: string) => {
      mkdirSync(join(dir, name));
      const file = join(dir, name, 'khoi.xlsx');
      copyFileSync(join(dir, 'mau.xlsx'), file);
      const outbox = join(dir, name, 'outbox');
      const r = thidua(['run', file, '--json', '--now', '2023-12-15', '--outbox', outbox]);
      expect(r.code, r.stderr).toBe(0);
      return readdirSync(outbox)
        .filter((f) => f.endsWith('.html'))
        .sort()
        .map((f) => [f, readFileSync(join(outbox, f), 'utf8').replaceAll(name, 'X')]);
    };
    const before = previews('before');
    const caches = () => readdirSync(CACHE).filter((f) => f.endsWith('.cache'));
    expect(caches().length, 'a run that rendered leaves a code cache').toBeGreaterThan(0);
    for (const f of caches()) writeFileSync(join(CACHE, f), Buffer.alloc(4096, 0x5a));
    const damaged = previews('damaged');
    expect(damaged.length).toBeGreaterThan(1);
    expect(damaged).toEqual(before);
    expect(caches().some((f) => !readFileSync(join(CACHE, f)).equals(Buffer.alloc(4096, 0x5a))), 'written again').toBe(true);
    expect(previews('after')).toEqual(before);
  });
});
