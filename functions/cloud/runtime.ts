/**
 * The ports of this function instance: built on the first request that needs them and
 * shared by the requests after it (a failed build is tried again on the next request).
 */
import type { CloudDeps } from './deps.js';

let build: () => Promise<CloudDeps> = async () => (await import('./deps.js')).cloudDepsFromEnv(process.env);
let built: Promise<CloudDeps> | null = null;

export function instanceDeps(): Promise<CloudDeps> {
  built ??= build().catch((e: unknown) => {
    built = null;
    throw e;
  });
  return built;
}

/** Builds the ports another way from now on (tests: the loopback fake, a SQLite ledger). */
export function provideDeps(factory: () => Promise<CloudDeps>): void {
  build = factory;
  built = null;
}
