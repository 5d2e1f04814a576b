#!/usr/bin/env node
// The `thidua` command: runs the TypeScript sources directly through tsx, so a fresh
// clone needs only `npm install` (no build step) for `npx thidua …` and `npm start`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../functions/cli.ts');
process.exitCode = await main(process.argv.slice(2));
