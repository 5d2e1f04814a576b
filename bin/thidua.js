#!/usr/bin/env node
// The `thidua` command runs the compiled JavaScript in dist/cli/ (no compiler at run time;
// bundled, so a start reads a few files, not ~200: bin/build.js). `npm install` builds it
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
  // Node 22+: V8 keeps the compiled code of our modules between runs (Node 20 has no such cache).
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  const { ensureBuilt } = await import('./build.js');
  await ensureBuilt();
  const { main } = await import('../dist/cli/thidua.js');
  process.exitCode = await main(process.argv.slice(2));
}
