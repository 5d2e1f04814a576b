// Builds dist/ from functions/ and sheets-schema/ with esbuild, in well under a second:
//   - dist/cli/: the `thidua` command, bundled (docs/performance.md, "No compiler at run
//     time"): thidua.js and the chunks it imports, our code and the pure-JS packages on its
//     path (zod, commander, fflate) in a few files instead of ~200 — a process spends its
//     start resolving and reading modules, not running them. Dynamic imports (subcommands,
//     the email renderer, Google, documents) stay separate chunks, loaded when used; other
//     packages (native ones, those that find files beside themselves) stay in node_modules.
//   - dist/functions/, dist/sheets-schema/: each file transpiled, not bundled — the layout
//     `npm run build` (tsc, which also typechecks; scripts/deploy.sh) gives, which the
//     cold-start bench imports.
// Run by `prepare` on `npm install`, and by bin/thidua.js on first use or when a source is
// newer than the build. One builder at a time: a lock directory, so parallel `thidua`
// processes (tests, a user double-clicking) never read a half-written build.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['functions', 'sheets-schema'];
const DIST = join(ROOT, 'dist');
/** The bundled command. Two levels below the root, like functions/mail/…, so the code's `../..` lookups (templates/, fonts, package.json) find the root. */
export const CLI_DIR = join(DIST, 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'thidua.js');
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
  if (!existsSync(join(ROOT, 'functions', 'cli.ts'))) return existsSync(CLI_ENTRY);
  const built = statSync(STAMP, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return false;
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

/** Pure-JS packages on the run's path, bundled into dist/cli; every other package is imported from node_modules at run time. */
const BUNDLED = new Set(['zod', 'commander', 'fflate']);
const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/**
 * `import { z } from 'zod'` as only the members our code uses. esbuild cannot shake a
 * namespace object that is re-exported as a value (zod's `z`), so without this the bundle
 * carries all of zod (750 KB: every locale, JSON Schema). Same modules, same code, fewer of
 * them; a member missing here fails the build (warnings are errors below).
 */
function zodMembers() {
  const dir = dirname(createRequire(join(ROOT, 'package.json')).resolve('zod/package.json'));
  const at = (p) => JSON.stringify(join(dir, p));
  return {
    name: 'zod-members',
    setup(b) {
      b.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', namespace: 'zod-members' }));
      b.onResolve({ filter: /^zod-members:z$/ }, () => ({ path: 'z', namespace: 'zod-members' }));
      b.onLoad({ filter: /.*/, namespace: 'zod-members' }, (a) => ({
        resolveDir: dir,
        contents:
          a.path === 'zod'
            ? "import * as z from 'zod-members:z'; export { z };"
            : `export { string, number, object, boolean, enum, email, array, url } from ${at('v4/classic/schemas.js')};\n` +
              `export * as coerce from ${at('v4/classic/coerce.js')};\n` +
              `export { NEVER } from ${at('v4/core/core.js')};\n`,
      }));
    },
  };
}

/**
 * CommonJS packages on the run's path, imported through require() rather than `import`:
 * Node's ESM loader parses a CommonJS module imported from ESM (and what it re-exports)
 * with its lexer to find the export names, ~10 ms for better-sqlite3's. The same object
 * either way (module.exports as the default export).
 */
const REQUIRED = new Set(['better-sqlite3']);

const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => {
      if (a.namespace !== 'required' && REQUIRED.has(a.path)) return { path: a.path, namespace: 'required' };
      return a.path.startsWith('node:') || !BUNDLED.has(packageOf(a.path)) ? { path: a.path, external: true } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'required' }, (a) => ({ contents: `module.exports = require(${JSON.stringify(a.path)});`, resolveDir: ROOT }));
  },
};

async function compile() {
  const started = Date.now();
  const files = SOURCES.flatMap((d) => walk(join(ROOT, d)));
  const { build } = await import('esbuild');
  const next = join(DIST, '.cli-next');
  rmSync(next, { recursive: true, force: true });
  const common = { format: 'esm', platform: 'node', target: 'node20', sourcemap: false, logLevel: 'error' };
  const [, bundled] = await Promise.all([
    build({ ...common, entryPoints: files, outdir: DIST, outbase: ROOT, bundle: false }),
    build({
      ...common,
      entryPoints: { thidua: join(ROOT, 'functions', 'cli.ts') },
      outdir: next,
      bundle: true,
      splitting: true,
      plugins: [zodMembers(), externals],
      // commander is CommonJS: its require('node:events') and the like need a require.
      banner: { js: "import { createRequire as __thiduaCreateRequire } from 'node:module';\nconst require = __thiduaCreateRequire(import.meta.url);" },
    }),
  ]);
  if (bundled.warnings.length) {
    const { formatMessages } = await import('esbuild');
    throw new Error((await formatMessages(bundled.warnings, { kind: 'warning' })).join('\n'));
  }
  // Swap in whole: the chunks' names change with their contents.
  const old = join(DIST, `.cli-old-${process.pid}`);
  if (existsSync(CLI_DIR)) renameSync(CLI_DIR, old);
  renameSync(next, CLI_DIR);
  rmSync(old, { recursive: true, force: true });
  writeFileSync(STAMP, `${new Date(started).toISOString()} ${files.length} files\n`);
  // The stamp's mtime must not be later than a source saved while we compiled.
  const t = new Date(started);
  utimesSync(STAMP, t, t);
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
