// Builds dist/ from functions/ and sheets-schema/ with esbuild, in well under a second:
//   - dist/cli/thidua.cjs: the `thidua` command, bundled into one script (docs/performance.md,
//     "No compiler at run time"): our code and the pure-JS packages on its path (zod,
//     commander, fflate). A process spent most of its start resolving, reading and compiling
//     ~200 modules, not running them; one script is read once, and bin/thidua.js runs it
//     through vm.Script with V8's code cache (dist/cli/thidua.cjs.<v8>.<mtime>.<run or other>.cache, written by the
//     first run), so later runs skip compiling it. Other packages (native ones, those that
//     find files beside themselves, the Google and document libraries) are required from
//     node_modules when used.
//   - dist/deploy/: the deployed functions (scripts/deploy.sh stages it; the cold-start bench
//     imports it): functions/deploy.ts bundled into one CommonJS script, functions.cjs, with
//     the packages of the first request inside it (zod trimmed, firebase-admin and Firestore's
//     REST client, the Sheets and Drive clients, auth), run by index.js (bin/functions-main.js)
//     with V8's code cache, which `node dist/deploy/index.js --write-code-cache` writes
//     (docs/performance.md, "The first request's imports").
//   - dist/functions/, dist/sheets-schema/: each file transpiled, not bundled — the layout
//     `npm run build` (tsc, which also typechecks) gives.
// Run by `prepare` on `npm install`, and by bin/thidua.js on first use or when a source is
// newer than the build. One builder at a time: a lock directory, so parallel `thidua`
// processes (tests, a user double-clicking) never read a half-written build.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['functions', 'sheets-schema'];
const DIST = join(ROOT, 'dist');
/** The bundled command. Two levels below the root, like functions/mail/…, so the code's `../..` lookups (templates/, fonts, package.json) find the root. */
export const CLI_DIR = join(DIST, 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'thidua.cjs');
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
  if (built === undefined || !existsSync(CLI_ENTRY)) return false;
  // This file is the build's recipe: a changed one (a pull) builds again, even if no source changed.
  if (statSync(fileURLToPath(import.meta.url)).mtimeMs > built) return false;
  if (statSync(join(ROOT, 'bin', 'functions-main.js'), { throwIfNoEntry: false })?.mtimeMs > built) return false;
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
 * The deployed functions are two scripts, each run with its own code cache (bin/functions-main.js):
 *   - functions.cjs: our code (functions/deploy.ts and all it imports, lazily run parts included);
 *     this is what a cold start compiles, so it holds no package;
 *   - packages.cjs: the packages the first request runs (zod trimmed, firebase-admin with
 *     Firestore's REST client, the Sheets and Drive clients, auth), loaded on the first
 *     `require` of one of them (our code's `import('firebase-admin/app')` and the others are
 *     written as `require("packages:firebase-admin/app")`).
 * From node_modules at run time stay functions-framework (it loads us: one registry), gRPC's
 * google-gax (only the emulator's insecure channel, or a listener, loads it; it reads its
 * protos beside itself), native packages, and those only later requests or emails use.
 */
const DEPLOY_PACKAGES = new Set(['zod', 'firebase-admin', '@google-cloud/firestore', 'google-gax', '@googleapis/sheets', '@googleapis/drive', '@googleapis/gmail', '@googleapis/script', 'google-auth-library']);
const DEPLOY_EXTERNAL = /^(@google-cloud\/functions-framework|google-gax|@grpc\/grpc-js|@grpc\/proto-loader)$/;

/** functions.cjs: every package external; those of DEPLOY_PACKAGES through packages.cjs (collected in `used`). */
function deployOurs(used) {
  return {
    name: 'deploy-ours',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (a) => {
        if (a.path.startsWith('node:') || DEPLOY_EXTERNAL.test(a.path) || !DEPLOY_PACKAGES.has(packageOf(a.path))) return { path: a.path, external: true };
        used.add(a.path);
        // A stand-in module, so that an `import()` too becomes a `require` (esbuild keeps an
        // external `import()` as it is, and Node's ESM loader knows no `packages:`).
        return { path: a.path, namespace: 'deploy-package' };
      });
      b.onLoad({ filter: /.*/, namespace: 'deploy-package' }, (a) => ({ contents: `module.exports = require(${JSON.stringify(`packages:${a.path}`)});`, loader: 'js' }));
      b.onResolve({ filter: /^packages:/ }, (a) => ({ path: a.path, external: true }));
    },
  };
}

/** packages.cjs: the packages themselves, except DEPLOY_EXTERNAL; each by its CommonJS entry. */
const deployPackages = {
  name: 'deploy-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => {
      if (a.path.startsWith('node:') || DEPLOY_EXTERNAL.test(a.path)) return { path: a.path, external: true };
      // As `require` would load it: firebase-admin's ES module entry reads every export of
      // Firestore, and one of them (GrpcStatus) loads all of gRPC's google-gax.
      if (a.kind === 'dynamic-import' || a.kind === 'import-statement') {
        if (a.pluginData === 'as-require') return undefined;
        return b.resolve(a.path, { kind: 'require-call', importer: a.importer, resolveDir: a.resolveDir, pluginData: 'as-require' });
      }
      return undefined;
    });
  },
};

/**
 * functions/mail/packages.ts without its `createRequire` line: its require() calls are then
 * the bundle's own, and the packages they name are bundled (BUNDLED_FOR_MAIL) instead of
 * being read and compiled from node_modules on a first run, outside the code cache.
 */
const PACKAGES_TS = join(ROOT, 'functions', 'mail', 'packages.ts');
const BUNDLED_FOR_MAIL = new Set(['nodemailer', 'handlebars']);
const mailPackages = {
  name: 'mail-packages',
  setup(b) {
    b.onLoad({ filter: /[\\/]functions[\\/]mail[\\/]packages\.ts$/ }, async (a) => {
      if (a.path !== PACKAGES_TS) return undefined;
      const { readFileSync } = await import('node:fs');
      const src = readFileSync(a.path, 'utf8');
      const out = src.replace(/^const require = createRequire\(import\.meta\.url\);$/m, '');
      if (out === src) throw new Error('bin/build.js: functions/mail/packages.ts no longer has the createRequire line the build removes');
      return { contents: out, loader: 'ts' };
    });
  },
};

/** Builds dist/deploy/ into `dir`: functions.cjs, packages.cjs, index.js (the loader). */
async function buildDeploy(build, common, dir) {
  const used = new Set();
  const shared = {
    ...common,
    format: 'cjs',
    bundle: true,
    // As the command's script: no comments or indentation. Two levels below the root, so the
    // upload folder's templates/ is found as from functions/mail/.
    minifyWhitespace: true,
    define: { 'import.meta.url': '__thiduaModuleUrl' },
    banner: { js: "'use strict';\nconst __thiduaModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
  const ours = await build({ ...shared, entryPoints: [join(ROOT, 'functions', 'deploy.ts')], outfile: join(dir, 'functions.cjs'), plugins: [deployOurs(used)] });
  // Each package's module runs on its first `require`, not when packages.cjs loads.
  const entry = [...used].sort().map((spec) => `  get ${JSON.stringify(spec)}() { return require(${JSON.stringify(spec)}); },`).join('\n');
  const packages = await build({
    ...shared,
    stdin: { contents: `module.exports = {\n${entry}\n};\n`, resolveDir: ROOT, sourcefile: 'deploy-packages.js', loader: 'js' },
    outfile: join(dir, 'packages.cjs'),
    plugins: [zodMembers(), deployPackages],
  });
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  for (const f of ['functions.cjs', 'packages.cjs']) hash.update(readFileSync(join(dir, f)));
  const loader = readFileSync(join(ROOT, 'bin', 'functions-main.js'), 'utf8');
  writeFileSync(join(dir, 'index.js'), loader.replace("'__THIDUA_BUILD__'", `'${hash.digest('hex').slice(0, 16)}'`));
  return [ours, packages];
}

const externals = {
  name: 'externals',
  setup(b) {
    const bundled = (a) => BUNDLED.has(packageOf(a.path)) || (a.importer === PACKAGES_TS && BUNDLED_FOR_MAIL.has(packageOf(a.path)));
    b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('node:') || !bundled(a) ? { path: a.path, external: true } : undefined));
  },
};

async function compile() {
  const started = Date.now();
  const files = SOURCES.flatMap((d) => walk(join(ROOT, d)));
  const { build } = await import('esbuild');
  const next = join(DIST, '.cli-next');
  const deployNext = join(DIST, '.deploy-next');
  rmSync(next, { recursive: true, force: true });
  rmSync(deployNext, { recursive: true, force: true });
  const common = { platform: 'node', target: 'node20', sourcemap: false, logLevel: 'error' };
  const [, bundled, deployed] = await Promise.all([
    build({ ...common, format: 'esm', entryPoints: files, outdir: DIST, outbase: ROOT, bundle: false }),
    build({
      ...common,
      // CommonJS, so that bin/thidua.js can run it as a vm.Script with a code cache (V8 has
      // no such cache for ES modules on Node 20). Dynamic imports of our own modules become
      // lazily run parts of the script; of packages, require()s (every one has a CommonJS
      // entry), which also spares the ESM loader's CommonJS lexer.
      format: 'cjs',
      entryPoints: [join(ROOT, 'functions', 'cli.ts')],
      outfile: join(next, 'thidua.cjs'),
      bundle: true,
      // No comments or indentation: a tenth fewer instructions per start (V8 reads less, and
      // scans less of each function it compiles lazily). Names stay; debug from the sources.
      minifyWhitespace: true,
      plugins: [zodMembers(), mailPackages, externals],
      // The code finds templates/, fonts and its cache from import.meta.url.
      define: { 'import.meta.url': '__thiduaModuleUrl' },
      banner: { js: "'use strict';\nconst __thiduaModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    buildDeploy(build, common, deployNext),
  ]);
  for (const r of [bundled, ...deployed]) {
    if (r.warnings.length) {
      const { formatMessages } = await import('esbuild');
      throw new Error((await formatMessages(r.warnings, { kind: 'warning' })).join('\n'));
    }
  }
  const deployDir = join(DIST, 'deploy');
  const deployOld = join(DIST, `.deploy-old-${process.pid}`);
  if (existsSync(deployDir)) renameSync(deployDir, deployOld);
  renameSync(deployNext, deployDir);
  rmSync(deployOld, { recursive: true, force: true });
  // Swap in whole, with no code cache of an older script beside it.
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
