/**
 * The ports of this function instance: built on the first request that needs them and
 * shared by the requests after it (a failed build is tried again on the next request).
 */
import type { CloudDeps } from './deps.js';
import { googleIdTokenVerifier, type IdTokenVerifier } from './oidc.js';

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

let verifier: IdTokenVerifier | null = null;

/** Google's ID-token verification for this instance (certificates fetched and cached once). */
export const instanceVerifier: IdTokenVerifier = (token, audiences) => (verifier ??= googleIdTokenVerifier())(token, audiences);

/** Verifies ID tokens another way from now on (tests: a key made by the test). */
export function provideVerifier(v: IdTokenVerifier): void {
  verifier = v;
}
