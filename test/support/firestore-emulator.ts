/**
 * Starts the real Firestore emulator (`gcloud emulators firestore start`) for one test
 * file and stops it completely. gcloud is a Python wrapper that starts a shell script that
 * starts Java: killing gcloud alone leaves Java running, so the emulator is spawned as the
 * leader of its own process group and the whole group is killed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import type { Firestore } from 'firebase-admin/firestore';
import { ledgerFirestore } from '../../functions/cloud/deps.js';
import { hasProgram } from './system.js';

export interface FirestoreEmulator {
  /** `127.0.0.1:<port>`, as FIRESTORE_EMULATOR_HOST wants it. */
  host: string;
  /** Process group id of gcloud and its children. */
  pgid: number;
  /** A firebase-admin Firestore on the emulator (its own app, project `thidua-test`). */
  db: Firestore;
  /** Terminates the client, kills the whole process group and waits until it is gone. */
  stop(): Promise<void>;
}

/** True when gcloud is on PATH and its Firestore emulator component is installed. */
export function firestoreEmulatorInstalled(): boolean {
  if (!hasProgram('gcloud')) return false;
  const gcloud = spawnSync('sh', ['-c', 'command -v gcloud'], { encoding: 'utf8' }).stdout.trim();
  const sdkRoot = dirname(dirname(realpathSync(gcloud)));
  if (existsSync(join(sdkRoot, 'platform', 'cloud-firestore-emulator'))) return true;
  // An SDK laid out differently: ask gcloud itself (slower).
  const info = spawnSync('gcloud', ['info', '--format=value(installation.sdk_root)'], { encoding: 'utf8' });
  const root = info.stdout?.trim();
  return !!root && existsSync(join(root, 'platform', 'cloud-firestore-emulator'));
}

/** True while any process of the group is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answers(host: string): Promise<boolean> {
  try {
    const res = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function killGroup(pgid: number): Promise<void> {
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pgid, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  for (let i = 0; i < 100 && groupAlive(pgid); i++) {
    if (i === 50) signal('SIGKILL'); // after ~5 s of ignoring SIGTERM
    await sleep(100);
  }
  if (groupAlive(pgid)) throw new Error(`Firestore emulator process group ${pgid} is still running`);
}

export async function startFirestoreEmulator(startupTimeoutMs = 90_000): Promise<FirestoreEmulator> {
  const host = `127.0.0.1:${await freePort()}`;
  const child = spawn('gcloud', ['emulators', 'firestore', 'start', `--host-port=${host}`, '--quiet'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = child.pid!;
  // Should the test process die before stop(), do not leave a Java server behind.
  const killOnExit = (): void => {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', killOnExit);
  let log = '';
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-4_000); // drained, so a full pipe never blocks it
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  child.on('exit', () => (exited = true));

  const deadline = performance.now() + startupTimeoutMs;
  while (!(await answers(host))) {
    if (exited || performance.now() > deadline) {
      await killGroup(pgid);
      throw new Error(`Firestore emulator did not start on ${host}:\n${log}`);
    }
    await sleep(250);
  }

  process.env.FIRESTORE_EMULATOR_HOST = host;
  const app = initializeApp({ projectId: 'thidua-test' }, `thidua-test-${pgid}`);
  const db = await ledgerFirestore(app); // as the cloud opens it: over REST
  return {
    host,
    pgid,
    db,
    async stop() {
      await db.terminate().catch(() => {});
      await deleteApp(app).catch(() => {});
      await killGroup(pgid);
      process.off('exit', killOnExit);
    },
  };
}
