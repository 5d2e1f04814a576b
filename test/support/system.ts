/**
 * Tests that need a program installed on the machine (LibreOffice, the Firestore emulator,
 * Chromium) run only where it is present: elsewhere they are skipped with a loud message,
 * except on CI (CI=true), where a missing program is a broken machine and must fail.
 */
import { spawnSync } from 'node:child_process';

/** True when `name` is an executable found on PATH. */
export function hasProgram(name: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0;
}

/**
 * Returns `present`; when false, warns loudly (so a skipped suite is noticed) or, on CI,
 * throws so the test file fails.
 */
export function requireSystem(what: string, present: boolean): boolean {
  if (present) return true;
  const message = `${what} không có trên máy này / is not installed on this machine`;
  if (process.env.CI === 'true') throw new Error(`CI: ${message}`);
  console.warn(`\n${'!'.repeat(72)}\n!! BỎ QUA / SKIPPED: ${message}\n${'!'.repeat(72)}\n`);
  return false;
}

/** `requireSystem` for a program on PATH. */
export function requireProgram(name: string): boolean {
  return requireSystem(`chương trình "${name}"`, hasProgram(name));
}
