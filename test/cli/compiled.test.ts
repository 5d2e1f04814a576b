/**
 * The `thidua` bin runs the compiled build (dist/, rebuilt from the sources when stale):
 * it must do exactly what the TypeScript sources do. Same sample, same clock, one run
 * each way: the same JSON, the same workbook bytes, the same email previews. The bundle
 * runs with V8's code cache once a run has written it (bin/thidua.js): a second compiled
 * run, which finds it, must give the same again.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { thidua, tempDir } from '../support/cli.js';

describe('the compiled bin', () => {
  it('gives the same output as the sources: JSON, workbook and previews byte for byte', () => {
    const dir = tempDir();
    const made = thidua(['init', join(dir, 'mau.xlsx'), '--sample']);
    expect(made.code).toBe(0);
    const one = (name: string, env: Record<string, string>) => {
      // The same file name (the workbook shows it), in a folder of its own.
      mkdirSync(join(dir, name));
      const file = join(dir, name, 'khoi.xlsx');
      copyFileSync(join(dir, 'mau.xlsx'), file);
      const outbox = join(dir, name, 'outbox');
      const r = thidua(['run', file, '--json', '--now', '2023-12-15', '--outbox', outbox], env);
      expect(r.code, r.stderr).toBe(0);
      const previews = readdirSync(outbox).filter((f) => f.endsWith('.html')).sort();
      return {
        json: r.stdout.replaceAll(name, 'X'),
        xlsx: readFileSync(file),
        previews: previews.map((f) => [f, readFileSync(join(outbox, f), 'utf8').replaceAll(name, 'X')]),
      };
    };
    const compiled = one('compiled', {});
    const cache = readdirSync(join(import.meta.dirname, '../../dist/cli')).filter((f) => f.endsWith('.run.cache'));
    expect(cache.length, 'a compiled run leaves the code cache').toBeGreaterThan(0);
    const cached = one('cached', {});
    const sources = one('sources', { THIDUA_FROM_SOURCES: '1' });
    expect(compiled.previews.length).toBeGreaterThan(1);
    expect(compiled.json).toBe(sources.json);
    expect(compiled.previews).toEqual(sources.previews);
    expect(compiled.xlsx.equals(sources.xlsx)).toBe(true);
    expect(cached.json).toBe(sources.json);
    expect(cached.previews).toEqual(sources.previews);
    expect(cached.xlsx.equals(sources.xlsx)).toBe(true);
  });
});
