/**
 * End to end with the cloud's own ledger: functions/index.ts served by functions-framework
 * on a loopback port, ports built by deps.ts from the environment — Firestore through
 * firebase-admin on the real emulator — and the fake Google for Sheets and Drive.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { deleteApp, getApps } from 'firebase-admin/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../functions/index.js';
import { cloudDepsFromEnv, type CloudDeps } from '../../functions/cloud/deps.js';
import { provideDeps } from '../../functions/cloud/runtime.js';
import { FakeGoogle, seedSpreadsheet } from '../support/fake-google/index.js';
import { firestoreEmulatorInstalled, startFirestoreEmulator, type FirestoreEmulator } from '../support/firestore-emulator.js';
import { requireSystem } from '../support/system.js';
import { clusterWorkbook } from '../sheets/google/fixture.js';
import { SECRET, listen, ping, signedPost, totalOf } from './support.js';

const present = requireSystem('Firestore emulator (gcloud emulators firestore)', firestoreEmulatorInstalled());

describe.runIf(present)('cloud functions with the Firestore ledger (emulator)', () => {
  let emulator: FirestoreEmulator;
  let fake: FakeGoogle;
  let deps: CloudDeps;
  const url: Record<string, string> = {};
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    emulator = await startFirestoreEmulator(); // sets FIRESTORE_EMULATOR_HOST
    fake = await FakeGoogle.start();
    process.env.THIDUA_WEBHOOK_SECRET = SECRET;
    const env = { ...process.env, GOOGLE_CLOUD_PROJECT: 'thidua-test', THIDUA_LEDGER_PREFIX: `e2e-${Date.now()}` };
    deps = await cloudDepsFromEnv(env, { google: { rootUrl: fake.rootUrl }, retry: { sleep: async () => {} } });
    provideDeps(async () => deps);
    for (const name of ['sheetEdited', 'reconcile']) {
      const served = await listen(getTestServer(name), name);
      url[name] = served.url;
      closers.push(served.close);
    }
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await fake?.close();
    for (const app of getApps().filter((a) => a.name === 'thidua')) await deleteApp(app); // deps.ts's app
    await emulator?.stop();
  });

  it('a registered sheet: a ping scores it, a burst coalesces, reconcile then finds nothing to do', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(3));
    // Not yet registered: refused, nothing read.
    fake.resetCounts();
    expect((await signedPost(url.sheetEdited!, ping(id))).status).toBe(404);
    expect(fake.log).toEqual([]);

    await deps.ledger.registerCluster({ id, name: 'Cụm thử nghiệm', registeredAt: Date.now() });
    fake.editAsPerson(id, 'DV02', 'E2', 30);
    fake.resetCounts();
    expect(await signedPost(url.sheetEdited!, ping(id))).toEqual({ status: 200, body: { ok: true, outcome: 'ran', runs: 1 } });
    expect(fake.sheetsCalls()).toBe(2);
    expect(totalOf(fake, id, 'DV02')).toBe(17); // 3 + 5 + 0 + 9
    expect((await deps.ledger.recentRuns(id, 5)).map((r) => [r.trigger, r.outcome])).toEqual([['edit', 'ok']]);

    fake.resetCounts();
    const answers = [];
    for (let i = 0; i < 20; i++) {
      if (i % 5 === 0) fake.editAsPerson(id, 'DV02', 'E2', 60 + i); // last: 75
      answers.push(signedPost(url.sheetEdited!, ping(id, { ts: Date.now() + i })));
      if (i % 5 === 4) await new Promise((r) => setTimeout(r, 20));
    }
    const statuses = (await Promise.all(answers)).map((a) => a.status);
    expect(statuses.every((s) => s === 200 || s === 202)).toBe(true);
    expect(fake.count('sheets.batchUpdate')).toBeLessThanOrEqual(8);
    expect(totalOf(fake, id, 'DV02')).toBe(21.5); // 7,5 + 5 + 0 + 9

    fake.resetCounts();
    const r = await signedPost(url.reconcile!, { spreadsheetId: id });
    expect(r.body.results).toEqual([{ spreadsheetId: id, outcome: 'unchanged' }]);
    expect(fake.sheetsCalls()).toBe(0);
  });
});
