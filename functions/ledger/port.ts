/**
 * The ledger port: what the system remembers between runs. Two real adapters with one
 * contract test suite: SQLite (embedded default) and Firestore (cloud).
 * All times are epoch milliseconds passed in by the caller (the core has no clock).
 */

export type RunTrigger = 'cli' | 'watch' | 'edit' | 'reconcile' | 'schedule' | 'manual';
/** `interrupted`: the process died mid-run (killed, power cut); set by the next start. */
export type RunOutcome = 'ok' | 'unusable' | 'failed' | 'conflict' | 'interrupted';

export interface RunRecord {
  id: string;
  cluster: string;
  trigger: RunTrigger;
  startedAt: number;
  finishedAt: number | null;
  outcome: RunOutcome | null;
  /** sha256 of the inputs the run scored. */
  inputHash: string | null;
  /** Workbook version read (file hash, Drive version). */
  version: string | null;
  counts: { units: number; errors: number; warnings: number; emails: number } | null;
  message: string | null;
  /** `Năm` and `Kỳ đánh giá` the run scored ("2023 6 tháng"), once read; a mid-year review's runs stay apart from the year-end's. */
  period: string | null;
}

/** Each unit's inputs as typed, per criterion code: the basis of "what changed" in Nhật ký. */
export interface InputsSnapshot {
  /** unit code → criterion code → field → displayed text. */
  units: Record<string, Record<string, Record<string, string>>>;
  takenAt: number;
}

/**
 * The `Lịch sử` rows `thidua new-year` wrote into a cluster's new workbook: a run
 * compares the tab with them to tell hand edits (MEETING.md, "A new year").
 */
/** One `Nhật ký` line as the run wrote it: the ledger keeps the log's source of truth. */
export interface LogLine {
  /** When it was written, epoch ms (lines of one run share it). */
  at: number;
  /** The three cells: `Thời điểm` as shown, `Nguồn`, `Nội dung`. */
  when: string;
  source: string;
  text: string;
}

export interface CarriedHistory {
  /** Each row in `HISTORY_HEADERS` order: Năm, Mã, Tên đơn vị, Hạng, Tổng điểm, Xếp loại, Khen thưởng, Vai trò. */
  rows: (string | number | null)[][];
  /** sha256 of the rows, for a quick look at whether anything changed. */
  hash: string;
  /** The workbook the rows came from (its ledger key). */
  from: string;
  carriedAt: number;
}

/**
 * A cluster's locked results (MEETING.md, "Locking the results"): while it exists, runs
 * keep the locked scores, ranks, grades and proposals.
 */
export interface LockRecord {
  /** When the results were locked, epoch ms. */
  at: number;
  /** Who locked them (account or user name). */
  by: string;
  /** sha256 of the scoring inputs at the lock (Cấu hình, Đơn vị, Tiêu chí, the unit tabs). */
  inputHash: string;
  /** The locked evaluation, as JSON text (core/lock/payload.ts): opaque to the ledger, possibly megabytes. */
  payload: string;
}

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxMessage {
  /** Idempotency key: hash of (cluster, period, kind, recipient, content hash). */
  key: string;
  cluster: string;
  kind: string;
  to: string[];
  subject: string;
  /** The complete MIME message (built by nodemailer), base64 or text; delivered as is. */
  raw: string;
  state: OutboxState;
  attempts: number;
  /** When a pending message may next be tried (backoff), epoch ms. */
  nextAttemptAt: number;
  /** While `sending`: lease expiry; a crashed sender's lease runs out and the message is retried. */
  leaseUntil: number | null;
  lastError: string | null;
  sentAt: number | null;
  createdAt: number;
}

export interface RegisteredCluster {
  /** Spreadsheet id (`local` for the embedded workbook). */
  id: string;
  name: string;
  /** Last Drive/file version a run completed on; reconcile runs when it differs. */
  processedVersion: string | null;
  registeredAt: number;
}

export interface Ledger {
  // runs
  startRun(r: { cluster: string; trigger: RunTrigger; startedAt: number }): Promise<string>;
  finishRun(
    id: string,
    r: Pick<RunRecord, 'finishedAt' | 'outcome' | 'inputHash' | 'version' | 'counts' | 'message'> & { period?: string | null },
  ): Promise<void>;
  recentRuns(cluster: string, limit: number): Promise<RunRecord[]>;
  /**
   * Marks the cluster's runs that never finished as `interrupted` (finishedAt = `at`);
   * called by a run that holds the cluster's lock, so none of them is still running.
   * Returns how many were marked.
   */
  markInterrupted(cluster: string, at: number): Promise<number>;

  // last inputs seen, to say what changed
  getSnapshot(cluster: string): Promise<InputsSnapshot | null>;
  putSnapshot(cluster: string, s: InputsSnapshot): Promise<void>;

  // Nhật ký: every line ever written, so that a stale save that dropped some can be undone
  /** Appends lines after the cluster's earlier ones, in the order given. */
  appendLog(cluster: string, lines: LogLine[]): Promise<void>;
  /** Every line of the cluster, in the order they were appended. */
  logLines(cluster: string): Promise<LogLine[]>;

  // what new-year carried into Lịch sử (replaced when new-year runs again with --force)
  getCarriedHistory(cluster: string): Promise<CarriedHistory | null>;
  putCarriedHistory(cluster: string, h: CarriedHistory): Promise<void>;

  // the meeting's lock (one per cluster)
  getLock(cluster: string): Promise<LockRecord | null>;
  /** Stores the lock unless the cluster already holds one (kept as it was): atomic, so two lockers never both win. */
  putLock(cluster: string, lock: LockRecord): Promise<'locked' | 'already-locked'>;
  /** Removes the lock and returns what it was; null when there was none. */
  removeLock(cluster: string): Promise<LockRecord | null>;

  // leases: at most one run per cluster at a time, at most one waiting
  /** Takes the lease if free or expired; true when `holder` now holds it. */
  acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
  /** Marks that another run is wanted after the current one (idempotent: one waiting at most). */
  requestRerun(name: string): Promise<void>;
  /** Clears and returns the rerun mark. */
  takeRerun(name: string): Promise<boolean>;

  // outbox
  /** 'queued' for a new key, 'duplicate' when that key was ever queued (whatever its state). */
  enqueue(m: Omit<OutboxMessage, 'state' | 'attempts' | 'leaseUntil' | 'lastError' | 'sentAt'>): Promise<'queued' | 'duplicate'>;
  /** Moves up to `limit` due messages (pending with nextAttemptAt ≤ now, or sending with an expired lease) to `sending` with a lease, atomically: two claimers never get the same message. */
  claim(now: number, leaseMs: number, limit: number, cluster?: string): Promise<OutboxMessage[]>;
  markSent(key: string, at: number): Promise<void>;
  /** Back to pending at `retryAt`, or `failed` for good when `retryAt` is null. */
  markFailed(key: string, error: string, retryAt: number | null): Promise<void>;
  getMessage(key: string): Promise<OutboxMessage | null>;
  listMessages(cluster: string): Promise<OutboxMessage[]>;

  // registered spreadsheets (cloud)
  registerCluster(c: { id: string; name: string; registeredAt: number }): Promise<void>;
  getCluster(id: string): Promise<RegisteredCluster | null>;
  listClusters(): Promise<RegisteredCluster[]>;
  setProcessedVersion(id: string, version: string): Promise<void>;

  // a budget shared by every instance (cloud: Google's per-minute quotas)
  /**
   * Spends one unit of `key`'s budget for the window starting at `window` (e.g. the minute,
   * epoch ms), atomically: true if fewer than `limit` were spent in it before.
   */
  spendBudget(key: string, window: number, limit: number): Promise<boolean>;

  close(): Promise<void>;
}
