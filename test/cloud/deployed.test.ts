/**
 * The deployed build itself (dist/deploy/, as scripts/deploy.sh stages it: the two bundled
 * scripts, their loader and the code cache written by `--write-code-cache`), served by
 * functions-framework's own command in a child process, as Cloud Run starts it: ports from
 * the environment — Firestore through the bundled firebase-admin over REST on the real
 * emulator, Sheets and Drive through the bundled clients on the loopback fake.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deleteApp, getApps } from 'firebase-admin/app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCloudLedger } from '../../functions/cloud/deps.js';
import type { Ledger } from '../../functions/ledger/port.js';
import { RANKING_HEADERS } from '../../sheets-schema/layout.js';
import { FakeGoogle, seedSpreadsheet } from '../support/fake-google/index.js';
import { firestoreEmulatorInstalled, startFirestoreEmulator, type FirestoreEmulator } from '../support/firestore-emulator.js';
import { requireSystem } from '../support/system.js';
import { clusterWorkbook } from '../sheets/google/fixture.js';
import { SECRET, ping, rankingOf, signedPost, totalOf } from './support.js';

const ROOT = resolve(import.meta.dirname, '../..');
const present = requireSystem('Firestore emulator (gcloud emulators firestore)', firestoreEmulatorInstalled());

/** The upload folder as scripts/deploy.sh's stage() makes it, with this node's code cache. */
function stage(): string {
  execFileSync(process.execPath, [join(ROOT, 'bin', 'build.js')], { cwd: ROOT });
  const dir = mkdtempSync(join(tmpdir(), 'thidua-deployed-'));
  mkdirSync(join(dir, 'dist', 'deploy'), { recursive: true });
  for (const f of ['index.js', 'functions.cjs', 'packages.cjs']) cpSync(join(ROOT, 'dist', 'deploy', f), join(dir, 'dist', 'deploy', f));
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'thidua-functions', private: true, type: 'module', main: 'dist/deploy/index.js' }));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, ['dist/deploy/index.js', '--write-code-cache'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

describe.runIf(present)('the deployed build, served by functions-framework', () => {
  let emulator: FirestoreEmulator;
  let fake: FakeGoogle;
  let ledger: Ledger;
  let child: ChildProcess;
  let url: string;
  let dir: string;
  let output = '';
  const prefix = `deployed-${Date.now()}`;

  beforeAll(async () => {
    dir = stage();
    emulator = await startFirestoreEmulator(); // sets FIRESTORE_EMULATOR_HOST
    fake = await FakeGoogle.start();
    const env = { ...process.env, GOOGLE_CLOUD_PROJECT: 'thidua-test', THIDUA_LEDGER_PREFIX: prefix };
    ledger = await openCloudLedger(env);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const framework = join(ROOT, 'node_modules', '@google-cloud', 'functions-framework', 'build', 'src', 'main.js');
    // Which packages' files Node loaded from node_modules, written as the server ends.
    writeFileSync(join(dir, 'loaded.cjs'), `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(join(dir, 'loaded.json'))}, JSON.stringify(Object.keys(require.cache))));`);
    child = spawn(process.execPath, ['--require', join(dir, 'loaded.cjs'), framework, '--target=sheetEdited', '--signature-type=http', `--port=${port}`, `--source=${dir}`], {
      cwd: dir,
      env: { ...env, THIDUA_WEBHOOK_SECRET: SECRET, THIDUA_GOOGLE_API_ROOT: fake.rootUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (output += c));
    child.stderr!.on('data', (c: Buffer) => (output += c));
    for (let i = 0; ; i++) {
      const up = await fetch(url, { method: 'GET' }).then(() => true, () => false);
      if (up) break;
      if (i > 200 || child.exitCode !== null) throw new Error(`functions-framework did not start:\n${output}`);
      await sleep(50);
    }
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
    await ledger?.close();
    await fake?.close();
    for (const app of getApps().filter((a) => a.name === 'thidua')) await deleteApp(app);
    await emulator?.stop();
  });

  it('refuses a forged ping, answers 404 for an unregistered sheet, and scores a registered one', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(3));
    fake.resetCounts();
    expect((await signedPost(`${url}/`, ping(id), { secret: 'another-secret-0123456789', endpoint: 'sheetEdited' })).status).toBe(401);
    expect((await signedPost(`${url}/`, ping(id), { endpoint: 'sheetEdited' })).status).toBe(404); // the ledger asked, on the emulator
    expect(fake.log).toEqual([]);

    await ledger.registerCluster({ id, name: 'Cụm thử nghiệm', registeredAt: Date.now() });
    fake.editAsPerson(id, 'DV02', 'E2', 30);
    fake.resetCounts();
    const r = await signedPost(`${url}/`, ping(id), { endpoint: 'sheetEdited' });

    expect(r).toEqual({ status: 200, body: { ok: true, outcome: 'ran', runs: 1 } });
    expect(fake.sheetsCalls()).toBe(2);
    expect(totalOf(fake, id, 'DV02')).toBe(17); // 3 + 5 + 0 + 9
    expect(rankingOf(fake, id).map((u) => u[RANKING_HEADERS.code])).toEqual(['DV01', 'DV03', 'DV02']);
    expect((await ledger.recentRuns(id, 5)).map((x) => [x.trigger, x.outcome])).toEqual([['edit', 'ok']]);
  });

  it('ran the request from the bundle: none of its packages loaded from node_modules', async () => {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
    const files = JSON.parse(readFileSync(join(dir, 'loaded.json'), 'utf8')) as string[];
    const packages = new Set(files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter(Boolean));
    expect(files.filter((f) => f.includes('/dist/deploy/'))).toEqual([]); // run through vm.Script, not required
    for (const p of ['zod', 'firebase-admin', '@google-cloud/firestore', '@googleapis/sheets', '@googleapis/drive', 'googleapis-common', 'google-auth-library', 'protobufjs']) {
      expect(packages.has(p), p).toBe(false);
    }
    expect(packages.has('@google-cloud/functions-framework')).toBe(true);
  });
});
