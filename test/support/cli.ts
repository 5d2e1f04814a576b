/** Runs the real `thidua` command in a fresh process, as a user would. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve('bin/thidua.js');

export function thidua(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    // THIDUA_LANG unset unless a test sets it: what is asserted is Vietnamese, the default.
    env: { ...process.env, THIDUA_SMTP_URL: '', THIDUA_LANG: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'thidua-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
