/**
 * The cloud ledger: Firestore through firebase-admin. Everything lives under one document,
 * `<prefix>/ledger`, in sub-collections (runs, snapshots, leases, outbox, clusters), so
 * several deployments can share a project and the composite indexes in
 * firestore.indexes.json apply whatever the prefix.
 *
 * Names and keys (idempotency keys, spreadsheet ids) may hold characters a document id
 * cannot (`/`, `__x__`, `..`), so ids are their sha256 in hex and the original is a field.
 * Lease and claim read and write in one transaction, so two instances never both win.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DocumentData, DocumentReference, Firestore, Transaction } from 'firebase-admin/firestore';
import type {
  Ledger, LockRecord, OutboxMessage, OutboxState, RegisteredCluster, RunOutcome, RunRecord, RunTrigger,
} from './port.js';

/** gRPC status codes Firestore reports. */
const NOT_FOUND = 5;

const grpcCode = (e: unknown): unknown => (e as { code?: unknown } | null)?.code;
const idOf = (name: string): string => createHash('sha256').update(name).digest('hex');

const notFound = (what: string): Error => new Error(`Sổ ghi: không tìm thấy ${what} / ledger: ${what} not found`);

/** Runs an update that must find its document, with a readable error when it does not. */
async function mustUpdate(ref: DocumentReference, data: DocumentData, what: string): Promise<void> {
  try {
    await ref.update(data);
  } catch (e) {
    throw grpcCode(e) === NOT_FOUND ? notFound(what) : e;
  }
}

const toRun = (id: string, d: DocumentData): RunRecord => ({
  id,
  cluster: d.cluster,
  trigger: d.trigger as RunTrigger,
  startedAt: d.startedAt,
  finishedAt: d.finishedAt ?? null,
  outcome: (d.outcome ?? null) as RunOutcome | null,
  inputHash: d.inputHash ?? null,
  version: d.version ?? null,
  counts: d.counts ?? null,
  message: d.message ?? null,
  period: d.period ?? null,
});

const toMessage = (d: DocumentData): OutboxMessage => ({
  key: d.key,
  cluster: d.cluster,
  kind: d.kind,
  to: d.to,
  subject: d.subject,
  raw: d.raw,
  state: d.state as OutboxState,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt,
  leaseUntil: d.leaseUntil,
  lastError: d.lastError,
  sentAt: d.sentAt,
  createdAt: d.createdAt,
});

const toCluster = (d: DocumentData): RegisteredCluster => ({
  id: d.id,
  name: d.name,
  processedVersion: d.processedVersion ?? null,
  registeredAt: d.registeredAt,
});

/** Expired leases removed by each acquire (more than the one an acquire may add: they cannot pile up). */
const SWEEP_BATCH = 10;

/**
 * `close()` does nothing: the Firestore instance belongs to the caller, who may share it
 * and terminates it when done.
 */
export function openFirestoreLedger(db: Firestore, prefix = 'thidua'): Ledger {
  const root = db.collection(prefix).doc('ledger');
  const runs = root.collection('runs');
  const snapshots = root.collection('snapshots');
  const leases = root.collection('leases');
  // The rerun mark lives apart from the lease, so that a burst of requests setting it
  // never contends with the holder's lease transactions.
  const reruns = root.collection('reruns');
  const outbox = root.collection('outbox');
  const clusters = root.collection('clusters');
  const carried = root.collection('carriedHistory');
  // Nhật ký lines, one document each under the cluster, ordered by a key that sorts as appended.
  const logs = root.collection('logs');
  const budget = root.collection('budget');
  // A lock's payload may exceed a document's 1 MiB: it is kept gzipped, in parts under the lock.
  const locks = root.collection('locks');

  const readLock = async (cluster: string): Promise<LockRecord | null> => {
    const ref = locks.doc(idOf(cluster));
    const d = (await ref.get()).data();
    if (!d) return null;
    const parts = await Promise.all(Array.from({ length: d.parts as number }, (_, i) => ref.collection('parts').doc(String(i)).get()));
    const bytes = Buffer.concat(parts.map((p) => Buffer.from(p.data()?.gz ?? Buffer.alloc(0))));
    return { at: d.at, by: d.by, inputHash: d.inputHash, payload: gunzipSync(bytes).toString('utf8') };
  };

  /**
   * Each signed ping leaves a lease (its replay memory) that nobody releases: taking a lease
   * removes a few whose time ran out, so they never pile up. A released lease (until 0) stays;
   * one taken again meanwhile stays too (the delete's precondition). Best effort: what is left
   * goes with a later acquire.
   */
  const sweepLeases = async (now: number, except: string): Promise<void> => {
    try {
      const expired = await leases.where('until', '>', 0).where('until', '<=', now).limit(SWEEP_BATCH + 1).get();
      await Promise.all(expired.docs.filter((d) => d.id !== except).slice(0, SWEEP_BATCH)
        .map((d) => d.ref.delete({ lastUpdateTime: d.updateTime }).catch(() => undefined)));
    } catch {
      // Left for the next acquire.
    }
  };

  const inTransaction = <T>(fn: (tx: Transaction) => Promise<T>): Promise<T> => db.runTransaction(fn);
  /** The lease holder's own steps must not fail because requesters crowd the document: retried, bounded. */
  const persistently = async <T>(fn: (tx: Transaction) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(fn);
      } catch (e) {
        if (!isContention(e) || attempt >= 6) throw e;
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt * (0.5 + Math.random() / 2)));
      }
    }
  };

  return {
    async startRun(r) {
      const ref = runs.doc();
      await ref.create({
        cluster: r.cluster, trigger: r.trigger, startedAt: r.startedAt, finishedAt: null, outcome: null,
        inputHash: null, version: null, counts: null, message: null, period: null,
      });
      return ref.id;
    },
    async finishRun(id, r) {
      await mustUpdate(runs.doc(id), { ...r, period: r.period ?? null }, `run ${id}`);
    },
    async markInterrupted(cluster, at) {
      const open = await runs.where('cluster', '==', cluster).where('finishedAt', '==', null).get();
      if (open.empty) return 0;
      const batch = db.batch();
      for (const d of open.docs) {
        batch.update(d.ref, { outcome: 'interrupted', finishedAt: at, message: 'interrupted: the process ended before the run finished' });
      }
      await batch.commit();
      return open.size;
    },
    async recentRuns(cluster, limit) {
      const snap = await runs.where('cluster', '==', cluster).orderBy('startedAt', 'desc').limit(limit).get();
      return snap.docs.map((d) => toRun(d.id, d.data()));
    },

    async getSnapshot(cluster) {
      const d = (await snapshots.doc(idOf(cluster)).get()).data();
      return d ? { units: JSON.parse(d.units), takenAt: d.takenAt } : null;
    },
    async putSnapshot(cluster, s) {
      // As JSON text: unit and criterion codes are free text, and Firestore map keys
      // reserve some shapes (`__x__`) and limit nesting.
      await snapshots.doc(idOf(cluster)).set({ cluster, units: JSON.stringify(s.units), takenAt: s.takenAt });
    },

    getLock: readLock,
    async putLock(cluster, l) {
      const ref = locks.doc(idOf(cluster));
      const chunks = splitBytes(gzipSync(Buffer.from(l.payload, 'utf8')), LOCK_PART_BYTES);
      return inTransaction(async (tx) => {
        if ((await tx.get(ref)).exists) return 'already-locked' as const;
        tx.create(ref, { cluster, at: l.at, by: l.by, inputHash: l.inputHash, parts: chunks.length });
        chunks.forEach((gz, i) => tx.set(ref.collection('parts').doc(String(i)), { gz }));
        return 'locked' as const;
      });
    },
    async removeLock(cluster) {
      const ref = locks.doc(idOf(cluster));
      const was = await readLock(cluster);
      if (!was) return null;
      const removed = await inTransaction(async (tx) => {
        const d = (await tx.get(ref)).data();
        if (!d || d.at !== was.at) return false; // removed (or replaced) meanwhile
        tx.delete(ref);
        for (let i = 0; i < (d.parts as number); i++) tx.delete(ref.collection('parts').doc(String(i)));
        return true;
      });
      return removed ? was : null;
    },

    async appendLog(cluster, lines) {
      if (!lines.length) return;
      // A counter on the cluster's document numbers the lines: runs with the same clock
      // (a fixed --now) still read back in the order they were appended.
      const head = logs.doc(idOf(cluster));
      for (let i = 0; i < lines.length; i += 400) {
        const chunk = lines.slice(i, i + 400);
        await db.runTransaction(async (tx) => {
          const next = ((await tx.get(head)).data()?.next as number | undefined) ?? 0;
          chunk.forEach((l, k) => {
            const seq = next + k;
            tx.set(head.collection('lines').doc(String(seq).padStart(12, '0')), { seq, at: l.at, when: l.when, source: l.source, text: l.text });
          });
          tx.set(head, { cluster, next: next + chunk.length });
        });
      }
    },
    async logLines(cluster) {
      const snap = await logs.doc(idOf(cluster)).collection('lines').orderBy('seq').get();
      return snap.docs.map((d) => {
        const x = d.data();
        return { at: x.at as number, when: x.when as string, source: x.source as string, text: x.text as string };
      });
    },

    async getCarriedHistory(cluster) {
      const d = (await carried.doc(idOf(cluster)).get()).data();
      return d ? { rows: JSON.parse(d.rows), hash: d.hash, from: d.from, carriedAt: d.carriedAt } : null;
    },
    async putCarriedHistory(cluster, h) {
      // Rows as JSON text: Firestore has no arrays of arrays.
      await carried.doc(idOf(cluster)).set({ cluster, rows: JSON.stringify(h.rows), hash: h.hash, from: h.from, carriedAt: h.carriedAt });
    },

    async acquireLease(name, holder, now, ttlMs) {
      const ref = leases.doc(idOf(name));
      const isFree = (l: DocumentData | undefined) => !l || l.holder == null || l.until <= now || l.holder === holder;
      // A plain read first: while another holder has the lease, no transaction (no lock) is needed.
      if (!isFree((await ref.get()).data())) return false;
      const attempt = async (tx: Transaction) => {
        const free = isFree((await tx.get(ref)).data());
        if (free) tx.set(ref, { name, holder, until: now + ttlMs }, { merge: true });
        return free;
      };
      const sweep = sweepLeases(now, ref.id);
      try {
        return await inTransaction(attempt);
      } catch (e) {
        if (!isContention(e)) throw e;
        // Renewing our own lease: keep at it. Taking a new one while others crowd it: one of
        // them holds it now and will see our rerun mark.
        if ((await ref.get()).data()?.holder === holder) return persistently(attempt);
        return false;
      } finally {
        await sweep;
      }
    },
    async releaseLease(name, holder) {
      const ref = leases.doc(idOf(name));
      await persistently(async (tx) => {
        if ((await tx.get(ref)).data()?.holder === holder) tx.update(ref, { holder: null, until: 0 });
      });
    },
    async requestRerun(name) {
      await reruns.doc(idOf(name)).set({ name, rerun: true }, { merge: true });
    },
    async takeRerun(name) {
      const ref = reruns.doc(idOf(name));
      return persistently(async (tx) => {
        const marked = (await tx.get(ref)).data()?.rerun === true;
        if (marked) tx.update(ref, { rerun: false });
        return marked;
      });
    },

    async enqueue(m) {
      const ref = outbox.doc(idOf(m.key));
      // Read, then create, in one transaction (a second enqueuer's commit conflicts, is retried
      // and reads the first's message) — not create() and its ALREADY_EXISTS: over REST
      // (deps.ts) Firestore answers that with HTTP 409, which the client cannot tell from
      // ABORTED and retries without end (firebase/firebase-admin-node#2587).
      return inTransaction(async (tx) => {
        if ((await tx.get(ref)).exists) return 'duplicate' as const;
        tx.create(ref, {
          key: m.key, cluster: m.cluster, kind: m.kind, to: m.to, subject: m.subject, raw: m.raw,
          state: 'pending', attempts: 0, nextAttemptAt: m.nextAttemptAt, leaseUntil: null,
          lastError: null, sentAt: null, createdAt: m.createdAt,
          // When it may next be claimed: nextAttemptAt while pending, the lease expiry
          // while sending, null once sent or failed for good. One field, one range query.
          dueAt: m.nextAttemptAt,
        });
        return 'queued' as const;
      });
    },
    async claim(now, leaseMs, limit, cluster) {
      const byCluster = cluster === undefined ? outbox : outbox.where('cluster', '==', cluster);
      const due = byCluster.where('dueAt', '<=', now).orderBy('dueAt').limit(limit);
      const until = now + leaseMs;
      return inTransaction(async (tx) => {
        const snap = await tx.get(due);
        return snap.docs.map((doc) => {
          const d = doc.data();
          const leased = { state: 'sending', attempts: d.attempts + 1, leaseUntil: until, dueAt: until };
          tx.update(doc.ref, leased);
          return toMessage({ ...d, ...leased });
        });
      });
    },
    async markSent(key, at) {
      await mustUpdate(outbox.doc(idOf(key)), { state: 'sent', sentAt: at, leaseUntil: null, dueAt: null }, `thư ${key}`);
    },
    async markFailed(key, error, retryAt) {
      const ref = outbox.doc(idOf(key));
      await inTransaction(async (tx) => {
        const d = (await tx.get(ref)).data();
        if (!d) throw notFound(`thư ${key}`);
        if (d.state === 'sent') return; // a delivered message stays delivered
        tx.update(ref, {
          state: retryAt === null ? 'failed' : 'pending', lastError: error, leaseUntil: null,
          nextAttemptAt: retryAt ?? d.nextAttemptAt, dueAt: retryAt,
        });
      });
    },
    async getMessage(key) {
      const d = (await outbox.doc(idOf(key)).get()).data();
      return d ? toMessage(d) : null;
    },
    async listMessages(cluster) {
      const snap = await outbox.where('cluster', '==', cluster).orderBy('createdAt').get();
      return snap.docs.map((d) => toMessage(d.data()));
    },

    async registerCluster(c) {
      const ref = clusters.doc(idOf(c.id));
      await inTransaction(async (tx) => {
        if ((await tx.get(ref)).exists) tx.update(ref, { name: c.name });
        else tx.create(ref, { id: c.id, name: c.name, processedVersion: null, registeredAt: c.registeredAt });
      });
    },
    async getCluster(id) {
      const d = (await clusters.doc(idOf(id)).get()).data();
      return d ? toCluster(d) : null;
    },
    async listClusters() {
      return (await clusters.orderBy('id').get()).docs.map((d) => toCluster(d.data()));
    },
    async setProcessedVersion(id, version) {
      await mustUpdate(clusters.doc(idOf(id)), { processedVersion: version }, `cụm ${id}`);
    },

    // One document per key and window, counted in a transaction (contention is retried by
    // the client library; a window lives a minute, so a document sees at most its limit).
    async spendBudget(key, window, limit) {
      if (limit <= 0) return false;
      const ref = budget.doc(idOf(`${key}@${window}`));
      return db.runTransaction(async (tx) => {
        const snap = await tx.get(ref);
        const used = snap.exists ? Number(snap.get('used') ?? 0) : 0;
        if (used >= limit) return false;
        tx.set(ref, { key, window, used: used + 1 });
        return true;
      });
    },

    async close() {},
  };
}

/** Bytes per part of a lock's gzipped payload: well under a document's 1 MiB. */
const LOCK_PART_BYTES = 512 * 1024;

function splitBytes(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out.length ? out : [Buffer.alloc(0)];
}

/** Firestore's answer when transactions crowd one document (gRPC ABORTED; the emulator's "lock timeout"). */
function isContention(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err?.code === 10 || err?.code === 'aborted' || /ABORTED|contention/i.test(String(err?.message ?? ''));
}
