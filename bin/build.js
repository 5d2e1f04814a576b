// Compiles functions/ and sheets-schema/ to dist/ (same layout as `npm run build`, which is
// tsc and also typechecks): each file transpiled by esbuild, not bundled, in well under a
// second. Run by `prepare` on `npm install`, and by bin/thidua.js on first use or when a
// source is newer than the build. One builder at a time: a lock directory, so parallel
// `thidua` processes (tests, a user double-clicking) never read a half-written build.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['functions', 'sheets-schema'];
const DIST = join(ROOT, 'dist');
/** Written last: its mtime is the time of the build the files in dist/ come from. */
const STAMP = join(DIST, '.built');
const LOCK = join(DIST, '.building');

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** True when dist/ holds a build at least as new as every source (or there are no sources: an installed package). */
export function isFresh() {
  if (!existsSync(join(ROOT, 'functions', 'cli.ts'))) return existsSync(join(DIST, 'functions', 'cli.js'));
  if (!existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  for (const dir of SOURCES) {
    const stack = [join(ROOT, dir)];
    while (stack.length) {
      const d = stack.pop();
      if (statSync(d).mtimeMs > built) return false; // a file added, removed or renamed
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) stack.push(p);
        else if (statSync(p).mtimeMs > built) return false;
      }
    }
  }
  return true;
}

async function compile() {
  const started = Date.now();
  const files = SOURCES.flatMap((d) => walk(join(ROOT, d)));
  const { build } = await import('esbuild');
  await build({
    entryPoints: files,
    outdir: DIST,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    sourcemap: false,
    logLevel: 'error',
  });
  writeFileSync(STAMP, `${new Date(started).toISOString()} ${files.length} files\n`);
  // The stamp's mtime must not be later than a source saved while we compiled.
  const t = new Date(started);
  (await import('node:fs')).utimesSync(STAMP, t, t);
}

/** Builds when stale; waits for a build another process has started. */
export async function ensureBuilt() {
  for (let waited = 0; !isFresh(); ) {
    mkdirSync(DIST, { recursive: true });
    try {
      mkdirSync(LOCK);
    } catch {
      // Someone else is building. A lock older than a minute belongs to a builder that died.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 60_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {}
      await new Promise((r) => setTimeout(r, 50));
      if ((waited += 50) > 120_000) throw new Error('thidua: timed out waiting for the build in ' + relative(process.cwd(), DIST));
      continue;
    }
    try {
      if (!isFresh()) await compile();
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureBuilt();
  // `prepare`: the email templates with their CSS inlined, cached now rather than on the first email.
  const { loadTemplates } = await import('../dist/functions/mail/templates.js');
  loadTemplates();
}
