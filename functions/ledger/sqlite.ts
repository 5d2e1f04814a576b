/**
 * The embedded ledger: one SQLite file (better-sqlite3, WAL). Several processes may share
 * the file (CLI, watcher): lease and claim read-then-write inside BEGIN IMMEDIATE, which
 * takes the write lock before reading, so two of them never both win.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type {
  Ledger, LockRecord, OutboxMessage, OutboxState, RegisteredCluster, RunOutcome, RunRecord, RunTrigger,
} from './port.js';
import { migrate } from './sqlite-schema.js';

/** Expired leases removed by each acquire (more than the one an acquire may add: they cannot pile up). */
const SWEEP_BATCH = 32;

/** How long a writer waits for another process's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

interface RunRow {
  id: string; cluster: string; trigger: string; started_at: number; finished_at: number | null;
  outcome: string | null; input_hash: string | null; version: string | null; counts: string | null; message: string | null;
  period: string | null;
}
interface MessageRow {
  key: string; cluster: string; kind: string; recipients: string; subject: string; raw: string; state: string;
  attempts: number; next_attempt_at: number; lease_until: number | null; last_error: string | null;
  sent_at: number | null; created_at: number;
}
interface LeaseRow { holder: string | null; until: number; rerun: number }
interface LockRow { at: number; locked_by: string; input_hash: string; payload: string }
const toLock = (r: LockRow): LockRecord => ({ at: r.at, by: r.locked_by, inputHash: r.input_hash, payload: r.payload });
interface ClusterRow { id: string; name: string; processed_version: string | null; registered_at: number }

const toRun = (r: RunRow): RunRecord => ({
  id: r.id,
  cluster: r.cluster,
  trigger: r.trigger as RunTrigger,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  outcome: r.outcome as RunOutcome | null,
  inputHash: r.input_hash,
  version: r.version,
  counts: r.counts === null ? null : JSON.parse(r.counts),
  message: r.message,
  period: r.period,
});

const toMessage = (r: MessageRow): OutboxMessage => ({
  key: r.key,
  cluster: r.cluster,
  kind: r.kind,
  to: JSON.parse(r.recipients),
  subject: r.subject,
  raw: r.raw,
  state: r.state as OutboxState,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  leaseUntil: r.lease_until,
  lastError: r.last_error,
  sentAt: r.sent_at,
  createdAt: r.created_at,
});

const toCluster = (r: ClusterRow): RegisteredCluster => ({
  id: r.id,
  name: r.name,
  processedVersion: r.processed_version,
  registeredAt: r.registered_at,
});

/**
 * THIDUA_SQLITE_BINDING names a better_sqlite3.node built for another Node ABI than the
 * installed one (CI's Node 24 run, .ci/run): the shared node_modules stay built for Node 20.
 */
export function sqliteOptions(env: NodeJS.ProcessEnv = process.env): Database.Options {
  const binding = env.THIDUA_SQLITE_BINDING?.trim();
  return binding ? { nativeBinding: binding } : {};
}

/**
 * Switching a new file to WAL takes every connection's lock. Two processes opening the
 * same new ledger at once would wait on each other, so SQLite answers one of them
 * SQLITE_BUSY at once, without its busy handler: the switch is retried here, as long as
 * a writer would wait.
 */
function toWal(db: Database.Database): void {
  const until = Date.now() + BUSY_TIMEOUT_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= until) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
    }
  }
}

export function openSqliteLedger(path: string): Ledger {
  const db = new Database(path, sqliteOptions());
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  toWal(db);
  migrate(db);

  const q = {
    insertRun: db.prepare('INSERT INTO runs (id, cluster, trigger, started_at) VALUES (?, ?, ?, ?)'),
    finishRun: db.prepare(`UPDATE runs SET finished_at = @finishedAt, outcome = @outcome, input_hash = @inputHash,
      version = @version, counts = @counts, message = @message, period = @period WHERE id = @id`),
    markInterrupted: db.prepare(`UPDATE runs SET outcome = 'interrupted', finished_at = ?,
      message = 'interrupted: the process ended before the run finished' WHERE cluster = ? AND finished_at IS NULL`),
    recentRuns: db.prepare('SELECT * FROM runs WHERE cluster = ? ORDER BY started_at DESC, seq DESC LIMIT ?'),
    getSnapshot: db.prepare('SELECT units, taken_at FROM snapshots WHERE cluster = ?'),
    putSnapshot: db.prepare(`INSERT INTO snapshots (cluster, units, taken_at) VALUES (?, ?, ?)
      ON CONFLICT (cluster) DO UPDATE SET units = excluded.units, taken_at = excluded.taken_at`),
    getLock: db.prepare('SELECT at, locked_by, input_hash, payload FROM locks WHERE cluster = ?'),
    putLock: db.prepare('INSERT OR IGNORE INTO locks (cluster, at, locked_by, input_hash, payload) VALUES (?, ?, ?, ?, ?)'),
    removeLock: db.prepare('DELETE FROM locks WHERE cluster = ? RETURNING at, locked_by, input_hash, payload'),
    appendLog: db.prepare('INSERT INTO log_lines (cluster, at, shown, source, text) VALUES (?, ?, ?, ?, ?)'),
    logLines: db.prepare('SELECT at, shown, source, text FROM log_lines WHERE cluster = ? ORDER BY seq'),
    getCarried: db.prepare('SELECT rows, hash, source, carried_at FROM carried_history WHERE cluster = ?'),
    putCarried: db.prepare(`INSERT INTO carried_history (cluster, rows, hash, source, carried_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (cluster) DO UPDATE SET rows = excluded.rows, hash = excluded.hash, source = excluded.source, carried_at = excluded.carried_at`),
    getLease: db.prepare('SELECT holder, until, rerun FROM leases WHERE name = ?'),
    takeLease: db.prepare(`INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until`),
    releaseLease: db.prepare('UPDATE leases SET holder = NULL, until = 0 WHERE name = ? AND holder = ?'),
    // Leases whose time ran out, a batch at a time; a released lease (until 0) and a rerun mark stay.
    sweepLeases: db.prepare(`DELETE FROM leases WHERE name IN
      (SELECT name FROM leases WHERE until > 0 AND until <= @now AND rerun = 0 AND name <> @name LIMIT @limit)`),
    requestRerun: db.prepare(`INSERT INTO leases (name, rerun) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET rerun = 1`),
    takeRerun: db.prepare('UPDATE leases SET rerun = 0 WHERE name = ? AND rerun = 1'),
    enqueue: db.prepare(`INSERT OR IGNORE INTO outbox (key, cluster, kind, recipients, subject, raw, state,
      next_attempt_at, created_at, due_at)
      VALUES (@key, @cluster, @kind, @recipients, @subject, @raw, 'pending', @nextAttemptAt, @createdAt, @nextAttemptAt)`),
    due: db.prepare('SELECT * FROM outbox WHERE due_at <= ? ORDER BY due_at, created_at, key LIMIT ?'),
    dueIn: db.prepare('SELECT * FROM outbox WHERE cluster = ? AND due_at <= ? ORDER BY due_at, created_at, key LIMIT ?'),
    lease: db.prepare(`UPDATE outbox SET state = 'sending', attempts = attempts + 1, lease_until = @until,
      due_at = @until WHERE key = @key`),
    getMessage: db.prepare('SELECT * FROM outbox WHERE key = ?'),
    markSent: db.prepare(`UPDATE outbox SET state = 'sent', sent_at = ?, lease_until = NULL, due_at = NULL WHERE key = ?`),
    // A delivered message stays delivered, whatever a late sender reports.
    markFailed: db.prepare(`UPDATE outbox SET state = @state, last_error = @error, lease_until = NULL,
      next_attempt_at = COALESCE(@retryAt, next_attempt_at), due_at = @retryAt WHERE key = @key AND state <> 'sent'`),
    listMessages: db.prepare('SELECT * FROM outbox WHERE cluster = ? ORDER BY created_at, key'),
    registerCluster: db.prepare(`INSERT INTO clusters (id, name, registered_at) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name`),
    getCluster: db.prepare('SELECT * FROM clusters WHERE id = ?'),
    listClusters: db.prepare('SELECT * FROM clusters ORDER BY id'),
    setProcessedVersion: db.prepare('UPDATE clusters SET processed_version = ? WHERE id = ?'),
    // One statement: insert the first unit, or add one while under the limit.
    spendBudget: db.prepare(`INSERT INTO budget (key, window, used) VALUES (@key, @window, 1)
      ON CONFLICT (key, window) DO UPDATE SET used = used + 1 WHERE used < @limit`),
    dropBudget: db.prepare('DELETE FROM budget WHERE key = ? AND window < ?'),
  };

  const acquire = db.transaction((name: string, holder: string, now: number, ttlMs: number): boolean => {
    // Each signed ping leaves a lease (its replay memory) that nobody releases: taking a
    // lease removes a few that ran out, so they never pile up.
    q.sweepLeases.run({ now, name, limit: SWEEP_BATCH });
    const l = q.getLease.get(name) as LeaseRow | undefined;
    const free = !l || l.holder === null || l.until <= now || l.holder === holder;
    if (free) q.takeLease.run(name, holder, now + ttlMs);
    return free;
  });

  const claim = db.transaction((now: number, leaseMs: number, limit: number, cluster?: string): OutboxMessage[] => {
    const rows = (cluster === undefined ? q.due.all(now, limit) : q.dueIn.all(cluster, now, limit)) as MessageRow[];
    const until = now + leaseMs;
    for (const r of rows) q.lease.run({ key: r.key, until });
    return rows.map((r) => ({ ...toMessage(r), state: 'sending', attempts: r.attempts + 1, leaseUntil: until }));
  });

  const mustChange = (changes: number, what: string): void => {
    if (changes === 0) throw new Error(`Sổ ghi: không tìm thấy ${what} / ledger: ${what} not found`);
  };

  return {
    async startRun(r) {
      const id = randomUUID();
      q.insertRun.run(id, r.cluster, r.trigger, r.startedAt);
      return id;
    },
    async finishRun(id, r) {
      const counts = r.counts === null ? null : JSON.stringify(r.counts);
      mustChange(q.finishRun.run({ ...r, counts, period: r.period ?? null, id }).changes, `run ${id}`);
    },
    async markInterrupted(cluster, at) {
      return q.markInterrupted.run(at, cluster).changes;
    },
    async recentRuns(cluster, limit) {
      return (q.recentRuns.all(cluster, limit) as RunRow[]).map(toRun);
    },

    async getSnapshot(cluster) {
      const row = q.getSnapshot.get(cluster) as { units: string; taken_at: number } | undefined;
      return row ? { units: JSON.parse(row.units), takenAt: row.taken_at } : null;
    },
    async putSnapshot(cluster, s) {
      q.putSnapshot.run(cluster, JSON.stringify(s.units), s.takenAt);
    },

    async getLock(cluster) {
      const row = q.getLock.get(cluster) as LockRow | undefined;
      return row ? toLock(row) : null;
    },
    async putLock(cluster, l) {
      return q.putLock.run(cluster, l.at, l.by, l.inputHash, l.payload).changes === 1 ? 'locked' : 'already-locked';
    },
    async removeLock(cluster) {
      const row = q.removeLock.get(cluster) as LockRow | undefined;
      return row ? toLock(row) : null;
    },

    async appendLog(cluster, lines) {
      db.transaction(() => {
        for (const l of lines) q.appendLog.run(cluster, l.at, l.when, l.source, l.text);
      }).immediate();
    },
    async logLines(cluster) {
      const rows = q.logLines.all(cluster) as { at: number; shown: string; source: string; text: string }[];
      return rows.map((r) => ({ at: r.at, when: r.shown, source: r.source, text: r.text }));
    },

    async getCarriedHistory(cluster) {
      const row = q.getCarried.get(cluster) as { rows: string; hash: string; source: string; carried_at: number } | undefined;
      return row ? { rows: JSON.parse(row.rows), hash: row.hash, from: row.source, carriedAt: row.carried_at } : null;
    },
    async putCarriedHistory(cluster, h) {
      q.putCarried.run(cluster, JSON.stringify(h.rows), h.hash, h.from, h.carriedAt);
    },

    async acquireLease(name, holder, now, ttlMs) {
      return acquire.immediate(name, holder, now, ttlMs);
    },
    async releaseLease(name, holder) {
      q.releaseLease.run(name, holder);
    },
    async requestRerun(name) {
      q.requestRerun.run(name);
    },
    async takeRerun(name) {
      return q.takeRerun.run(name).changes === 1;
    },

    async enqueue(m) {
      const row = { ...m, recipients: JSON.stringify(m.to) };
      return q.enqueue.run(row).changes === 1 ? 'queued' : 'duplicate';
    },
    async claim(now, leaseMs, limit, cluster) {
      return claim.immediate(now, leaseMs, limit, cluster);
    },
    async markSent(key, at) {
      mustChange(q.markSent.run(at, key).changes, `thư ${key}`);
    },
    async markFailed(key, error, retryAt) {
      const state: OutboxState = retryAt === null ? 'failed' : 'pending';
      const changes = q.markFailed.run({ key, error, retryAt, state }).changes;
      if (changes === 0 && !q.getMessage.get(key)) mustChange(0, `thư ${key}`);
    },
    async getMessage(key) {
      const row = q.getMessage.get(key) as MessageRow | undefined;
      return row ? toMessage(row) : null;
    },
    async listMessages(cluster) {
      return (q.listMessages.all(cluster) as MessageRow[]).map(toMessage);
    },

    async registerCluster(c) {
      q.registerCluster.run(c.id, c.name, c.registeredAt);
    },
    async getCluster(id) {
      const row = q.getCluster.get(id) as ClusterRow | undefined;
      return row ? toCluster(row) : null;
    },
    async listClusters() {
      return (q.listClusters.all() as ClusterRow[]).map(toCluster);
    },
    async spendBudget(key, window, limit) {
      if (limit <= 0) return false;
      const spent = q.spendBudget.run({ key, window, limit }).changes === 1;
      if (spent) q.dropBudget.run(key, window); // windows past are of no more use
      return spent;
    },
    async setProcessedVersion(id, version) {
      mustChange(q.setProcessedVersion.run(version, id).changes, `cụm ${id}`);
    },

    async close() {
      if (db.open) db.close();
    },
  };
}
