// The deployed functions' entry (`main` of the upload folder, scripts/deploy.sh), copied by
// bin/build.js to dist/deploy/index.js beside the two scripts it runs: functions.cjs (our
// code, functions/deploy.ts) now, and packages.cjs (the packages the first request runs) on
// the first `require("packages:…")` from it. Each runs as CommonJS does, through vm.Script,
// so that V8's code cache can be given: the compiled code of the module and of what its first
// request loads, written at build time by `node dist/deploy/index.js --write-code-cache`
// (scripts/deploy.sh; `gcp-build` on Cloud Build, with the runtime's own node). V8 checks a
// cache against the script, its version and flags; one that does not match is rejected and
// the script is compiled as usual.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
/** The scripts' content hash, written in by bin/build.js: V8 checks a cache against the script's length only, so a cache names the build it was made from. */
const BUILD = '__THIDUA_BUILD__';
const scripts = [];

/** Runs one of the scripts; `require("packages:x")` from it is x from packages.cjs. */
function run(name) {
  const file = join(here, name);
  const cacheFile = `${file}.${BUILD}.${process.versions.v8}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  scripts.push({ name, script, cacheFile, cacheUsed: cachedData !== undefined && !script.cachedDataRejected });
  const nodeRequire = createRequire(file);
  const require = (id) => (id.startsWith('packages:') ? packages()[id.slice(9)] : nodeRequire(id));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Object.assign(require, { resolve: nodeRequire.resolve, cache: nodeRequire.cache }), module, file, here);
  return module.exports;
}

let loaded;
const packages = () => (loaded ??= run('packages.cjs'));
const ours = run('functions.cjs');

/** Loads what the first `sheetEdited` run loads (functions/deploy.ts). */
export const firstRequest = ours.firstRequest;
/** Which scripts ran so far, and whether V8 took each one's code cache. */
export const codeCaches = () => Object.fromEntries(scripts.map((s) => [s.name, s.cacheUsed]));

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--write-code-cache') {
  // After the first request's loading: the caches then hold the functions it compiled too.
  try {
    await firstRequest();
  } catch (e) {
    console.warn(`the first request's loading failed (${e.message}); the code cache holds what ran`);
  }
  for (const { script, cacheFile } of scripts) {
    const tmp = `${cacheFile}.${process.pid}`;
    try {
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
      console.log(`code cache: ${cacheFile}`);
    } catch (e) {
      // A build without a cache still runs (compiled on load): never fail the deploy for it.
      rmSync(tmp, { force: true });
      console.warn(`no code cache written: ${e.message}`);
    }
  }
}
