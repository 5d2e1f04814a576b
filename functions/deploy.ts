/**
 * The entry of the deployed bundle (bin/build.js → dist/deploy/functions.cjs): the
 * functions of index.ts, and what their first request loads, so that the build can compile
 * it ahead (V8's code cache, dist/deploy/index.js) and the cold-start bench can time it.
 */
import './index.js';

/**
 * Loads what the first `sheetEdited` run loads, and no more: the body check (zod), the ports
 * as deps.ts builds them from the environment (Firestore ledger, Sheets and Drive clients,
 * credentials, budget) — constructed, not called: no request leaves — Firestore's REST
 * transport, which its first call loads, and the run. test/cloud/deployed.test.ts serves
 * this bundle and checks a real first request loads none of these packages from node_modules.
 */
export async function firstRequest(): Promise<void> {
  const [, , { cloudDepsFromEnv }] = await Promise.all([import('./cloud/requests.js'), import('./cloud/score.js'), import('./cloud/deps.js')]);
  const deps = await cloudDepsFromEnv({ GOOGLE_CLOUD_PROJECT: 'thidua-first-request' });
  deps.workbook('first-request');
  // What Firestore requires on its first call with preferRest (deps.ts): the GAPIC client and gax's REST half.
  await Promise.all([import('@google-cloud/firestore/build/src/v1/index.js'), import('google-gax/build/src/fallback.js')]);
  await deps.ledger.close?.();
}
