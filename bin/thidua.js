#!/usr/bin/env node
// The `thidua` command runs the compiled JavaScript in dist/cli/ (no compiler at run time):
// one bundled script (bin/build.js), run with V8's code cache. `npm install` builds it
// (`prepare`); if it is missing or older than a source, it is rebuilt here first (well
// under a second), so a fresh clone needs only `npm install` and an edited source is never
// run stale.
// THIDUA_FROM_SOURCES=1 runs the TypeScript sources through tsx instead (development, tests).
if (process.env.THIDUA_FROM_SOURCES === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../functions/cli.ts');
  process.exitCode = await main(process.argv.slice(2));
} else {
  // Node 22+: V8 also keeps the compiled code of the packages required from node_modules.
  (await import('node:module')).enableCompileCache?.();
  const { ensureBuilt, CLI_ENTRY } = await import('./build.js');
  await ensureBuilt();
  const { main } = await runCli(CLI_ENTRY, process.argv[2]);
  process.exitCode = await main(process.argv.slice(2));
}

/**
 * Runs the bundle as CommonJS does (a function of exports, require, module, __filename,
 * __dirname), through vm.Script so that V8's code cache can be given: the compiled code
 * from an earlier run, which V8 checks against the source and its own version and flags
 * (a mismatch is rejected and the script compiled afresh). `run` has a cache of its own
 * (what it compiles is not what `init` or `--help` do), the other commands share one; each
 * is written once per build and Node version, by the first such command to end; a folder
 * we may not write to just goes without.
 */
async function runCli(file, command) {
  const [{ readFileSync, renameSync, rmSync, statSync, writeFileSync }, { dirname }, vm, { createRequire }] = await Promise.all([
    import('node:fs'),
    import('node:path'),
    import('node:vm'),
    import('node:module'),
  ]);
  const name = command === 'run' ? 'run' : 'other';
  // V8 checks a cache against the source's length only: a process that ran an older build
  // writes its cache at exit, perhaps after a rebuild, so the name carries the script's mtime.
  const cacheFile = `${file}.${process.versions.v8}.${Math.trunc(statSync(file).mtimeMs).toString(36)}.${name}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the command has run: the cache then holds the functions it compiled too.
    process.once('beforeExit', () => {
      const tmp = `${cacheFile}.${process.pid}`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        rmSync(tmp, { force: true });
      }
    });
  }
  return module.exports;
}
