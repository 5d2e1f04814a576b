/**
 * The SQLite ledger's schema as numbered migrations. `PRAGMA user_version` records how
 * many have run; opening a file applies the missing ones in one write transaction, so an
 * older file is brought up to date and two processes opening a new file do not race.
 */
import type { Database } from 'better-sqlite3';

const migrations: string[] = [
  // 1: everything the Ledger port remembers.
  `
  CREATE TABLE runs (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    cluster      TEXT NOT NULL,
    trigger      TEXT NOT NULL,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    outcome      TEXT,
    input_hash   TEXT,
    version      TEXT,
    counts       TEXT,           -- JSON {units, errors, warnings, emails}
    message      TEXT
  );
  CREATE INDEX runs_by_cluster ON runs (cluster, started_at DESC, seq DESC);

  CREATE TABLE snapshots (
    cluster   TEXT PRIMARY KEY,
    units     TEXT NOT NULL,      -- JSON unit → criterion → field → text
    taken_at  INTEGER NOT NULL
  );

  CREATE TABLE leases (
    name    TEXT PRIMARY KEY,
    holder  TEXT,
    until   INTEGER NOT NULL DEFAULT 0,
    rerun   INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE outbox (
    key              TEXT PRIMARY KEY,
    cluster          TEXT NOT NULL,
    kind             TEXT NOT NULL,
    recipients       TEXT NOT NULL,  -- JSON string[]
    subject          TEXT NOT NULL,
    raw              TEXT NOT NULL,
    state            TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    lease_until      INTEGER,
    last_error       TEXT,
    sent_at          INTEGER,
    created_at       INTEGER NOT NULL,
    -- When the message may next be claimed: next_attempt_at while pending, the lease
    -- expiry while sending, NULL once sent or failed for good. One column, one index.
    due_at           INTEGER
  );
  CREATE INDEX outbox_due ON outbox (due_at);
  CREATE INDEX outbox_by_cluster ON outbox (cluster, due_at);

  CREATE TABLE clusters (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    processed_version  TEXT,
    registered_at      INTEGER NOT NULL
  );
  `,
  // 2: the period a run scored; the Lịch sử rows new-year carried into a workbook.
  `
  ALTER TABLE runs ADD COLUMN period TEXT;
  CREATE TABLE carried_history (
    cluster     TEXT PRIMARY KEY,
    rows        TEXT NOT NULL,    -- JSON (string | number | null)[][]
    hash        TEXT NOT NULL,
    source      TEXT NOT NULL,
    carried_at  INTEGER NOT NULL
  );
  `,
  // 3: the meeting's lock of a cluster's results.
  `
  CREATE TABLE locks (
    cluster     TEXT PRIMARY KEY,
    at          INTEGER NOT NULL,
    locked_by   TEXT NOT NULL,
    input_hash  TEXT NOT NULL,
    payload     TEXT NOT NULL     -- JSON, core/lock/payload.ts
  );
  `,
  // 4: a budget per key and window (the cloud's Google quotas per minute).
  `
  CREATE TABLE budget (
    key     TEXT NOT NULL,
    window  INTEGER NOT NULL,
    used    INTEGER NOT NULL,
    PRIMARY KEY (key, window)
  );
  `,
  // 5: every Nhật ký line, in order (the log's source of truth: a stale save cannot lose them).
  `
  CREATE TABLE log_lines (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    cluster  TEXT NOT NULL,
    at       INTEGER NOT NULL,
    shown    TEXT NOT NULL,
    source   TEXT NOT NULL,
    text     TEXT NOT NULL
  );
  CREATE INDEX log_lines_by_cluster ON log_lines (cluster, seq);
  `,
  // 6: leases whose time ran out (a signed ping's replay memory), found cheaply to be removed.
  `
  CREATE INDEX leases_expired ON leases (until) WHERE until > 0 AND rerun = 0;
  `,
];

export const schemaVersion = migrations.length;

export function migrate(db: Database): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > schemaVersion) {
      throw new Error(
        `Sổ ghi (ledger) có phiên bản ${current}, mới hơn phần mềm (${schemaVersion}): hãy cập nhật thidua. ` +
          `/ Ledger schema ${current} is newer than this software (${schemaVersion}).`,
      );
    }
    for (let v = current; v < schemaVersion; v++) db.exec(migrations[v]!);
    if (current !== schemaVersion) db.pragma(`user_version = ${schemaVersion}`);
  }).immediate();
}
