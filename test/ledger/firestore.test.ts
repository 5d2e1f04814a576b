/**
 * The contract against the real Firestore emulator, started once for this file.
 * Each test gets its own prefix, so tests never see each other's documents.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFirestoreLedger } from '../../functions/ledger/firestore.js';
import {
  firestoreEmulatorInstalled, groupAlive, startFirestoreEmulator, type FirestoreEmulator,
} from '../support/firestore-emulator.js';
import { requireSystem } from '../support/system.js';
import { ledgerContract } from './contract.js';

const present = requireSystem('Firestore emulator (gcloud emulators firestore)', firestoreEmulatorInstalled());

let emulator: FirestoreEmulator;

describe.runIf(present)('Firestore ledger on the emulator', () => {
  beforeAll(async () => {
    emulator = await startFirestoreEmulator();
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  let n = 0;
  const prefixOf = new WeakMap<object, string>();
  ledgerContract(
    'Firestore',
    async () => {
      const prefix = `thidua-test-${++n}`;
      const ledger = openFirestoreLedger(emulator.db, prefix);
      prefixOf.set(ledger, prefix);
      return ledger;
    },
    (ledger) => ledger.close(),
    async (ledger) => (await emulator.db.collection(prefixOf.get(ledger)!).doc('ledger').collection('leases').get()).docs.map((d) => d.data().name as string),
  );

  it('keeps each prefix’s documents apart', async () => {
    const a = openFirestoreLedger(emulator.db, 'thidua-a');
    const b = openFirestoreLedger(emulator.db, 'thidua-b');
    await a.registerCluster({ id: 'local', name: 'Cụm A', registeredAt: 1 });
    expect(await b.listClusters()).toEqual([]);
    expect(await a.listClusters()).toHaveLength(1);
  });
});

// Runs after the suite above has stopped its emulator: nothing of it may be left running
// (gcloud, its shell script, and above all the Java server it started).
describe.runIf(present)('Firestore emulator shutdown', () => {
  it('leaves no process of the emulator running', () => {
    expect(groupAlive(emulator.pgid)).toBe(false);
    const port = emulator.host.split(':')[1];
    const left = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(`--port=${port}`) || line.includes(`--host-port=${emulator.host}`));
    expect(left).toEqual([]);
  });
});
