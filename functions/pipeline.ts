/**
 * One run, the same whatever started it and wherever the workbook lives (ARCHITECTURE.md):
 * read once → evaluate (pure) → write once → emails → log. A person saving between our
 * read and write wins: the run starts again on their content.
 */
import { createHash } from 'node:crypto';
import type { SheetEdits, WorkbookSnapshot } from './core/cell.js';
import { missingLogLines } from './core/log-restore.js';
import { findTab } from './core/workbook/grid.js';
import { describeChanges, inputsOf } from './core/changes.js';
import { buildEdits, type TriggerLabel } from './core/edits.js';
import { evaluate, type EvaluationDetail } from './core/evaluate.js';
import type { JsonEmail } from './core/report.js';
import { WorkbookUnusableError } from './core/unusable.js';
import { staleEdits } from './core/stale.js';
import type { Evaluation } from './core/model.js';
import { formatDateTime } from './core/format.js';
import { periodLabel, reviewKey } from './core/period.js';
import { lockedResults } from './core/lock/payload.js';
import type { Ledger, LogLine, RunTrigger } from './ledger/port.js';
import { WorkbookChangedError, WorkbookOpenError, type WorkbookPort } from './sheets/port.js';
import { LOG_HEADERS, TAB } from '../sheets-schema/layout.js';

/** What a run does with its emails: previews, and delivery when asked. Returns JSON rows and `Nhật ký` lines. */
export type MailStep = (ev: Evaluation, ctx: { now: number; source: string; url?: string }) => Promise<{ emails: JsonEmail[]; log: string[] }>;

export interface RunOptions {
  workbook: WorkbookPort;
  ledger: Ledger;
  /** Ledger key of this cluster (spreadsheet id, or `file:<path>`). */
  cluster: string;
  trigger: RunTrigger & TriggerLabel;
  now: () => number;
  mail?: MailStep;
  /** Attempts when a person keeps saving between our read and write. */
  maxAttempts?: number;
  /**
   * On a shared sheet, a workbook whose structure cannot be used still gets its issue
   * report and a stale mark on the last ranking (core/stale.ts). Off for `.xlsx`, which
   * stays byte-identical.
   */
  reportUnusable?: boolean;
  /** Lines for `Nhật ký` with this run's (a lock, an unlock); a function when their words follow the sheet's `Ngôn ngữ`. */
  log?: string[] | ((ev: Evaluation) => string[]);
}

export type RunResult =
  /** `changes`: what changed in the inputs since the previous run (the Nhật ký lines). */
  | { outcome: 'ok'; evaluation: Evaluation; emails: JsonEmail[]; version: string; snapshot: WorkbookSnapshot; changes: string[] }
  | { outcome: 'unusable'; error: WorkbookUnusableError }
  /** Scored, but the file is open in Excel: nothing written, no email; write again once it is closed. */
  | { outcome: 'open'; evaluation: Evaluation; snapshot: WorkbookSnapshot };

export async function runOnce(o: RunOptions): Promise<RunResult> {
  // The first read, and the ledger's look-ups that do not depend on it, go out together:
  // on Firestore each look-up is a round trip, and the read one of Google's. Nothing is
  // written before the run is recorded as started.
  const firstRead = early(o.workbook.read());
  o.workbook.prepareWrite?.(); // every run writes (at least its Cập nhật lúc, or an unusable workbook's report)
  const firstLogLines = early(o.ledger.logLines(o.cluster));
  const runId = await o.ledger.startRun({ cluster: o.cluster, trigger: o.trigger, startedAt: o.now() });
  const attempts = o.maxAttempts ?? 5;
  try {
    const [carried, lock] = await Promise.all([
      // What new-year carried into Lịch sử: the tab is compared with it to tell hand edits.
      o.ledger.getCarriedHistory(o.cluster),
      // The meeting's lock (MEETING.md): the results stay the locked ones, the vote still counts.
      heldLock(o.ledger, o.cluster),
    ]);
    for (let attempt = 1; ; attempt++) {
      const { snapshot, version } = await (attempt === 1 ? firstRead : o.workbook.read());
      let detail: EvaluationDetail;
      try {
        detail = evaluate(snapshot, { carriedHistory: carried?.rows ?? null, lock });
      } catch (e) {
        if (e instanceof WorkbookUnusableError && o.reportUnusable) await o.workbook.write(staleEdits(snapshot, e.reason, o.now()), version);
        throw e;
      }
      const ev = detail.evaluation;
      // Each review (year-end, 6 tháng, 9 tháng) compares with its own last inputs and keeps them apart.
      const review = reviewKey(o.cluster, ev.settings);
      const previous = await o.ledger.getSnapshot(review);
      const inputs = inputsOf(ev);
      const changes = previous ? describeChanges(previous.units, inputs, ev.settings.language) : [];
      // Lines a stale save dropped come back from the ledger, before this run's own.
      const restored = missingLogLines(await (attempt === 1 ? firstLogLines : o.ledger.logLines(o.cluster)), findTab(snapshot, TAB.log) ?? undefined);
      const edits = buildEdits(detail, { now: o.now(), trigger: o.trigger, source: snapshot.title, log: [...(typeof o.log === 'function' ? o.log(ev) : o.log ?? []), ...changes] });
      const ownLines = logLinesOf(edits, o.now());
      if (restored.length) edits.append = edits.append.map((a) => (a.tab === TAB.log ? { ...a, rows: [...restored.map((l) => [l.when, l.source, l.text]), ...a.rows] } : a));
      try {
        const written = await o.workbook.write(edits, version);
        await o.ledger.appendLog(o.cluster, ownLines);
        await o.ledger.putSnapshot(review, { units: inputs, takenAt: o.now() });
        const mail = o.mail ? await o.mail(ev, { now: o.now(), source: snapshot.title, ...(snapshot.url ? { url: snapshot.url } : {}) }) : { emails: [], log: [] };
        const finalVersion = mail.log.length ? await appendLog(o, ev, mail.log, written) : written;
        await o.ledger.finishRun(runId, {
          finishedAt: o.now(), outcome: 'ok', inputHash: hashInputs(inputs), version: finalVersion,
          counts: counts(detail, mail.emails.length), message: null, period: periodLabel(ev.settings),
        });
        return { outcome: 'ok', evaluation: ev, emails: mail.emails, version: finalVersion, snapshot, changes };
      } catch (e) {
        if (e instanceof WorkbookChangedError && attempt < attempts) continue;
        if (e instanceof WorkbookOpenError) {
          await o.ledger.finishRun(runId, {
            finishedAt: o.now(), outcome: 'conflict', inputHash: hashInputs(inputs), version: null,
            counts: counts(detail, 0), message: 'workbook open in Excel: not written', period: periodLabel(ev.settings),
          });
          return { outcome: 'open', evaluation: ev, snapshot };
        }
        throw e;
      }
    }
  } catch (e) {
    const unusable = e instanceof WorkbookUnusableError;
    await o.ledger.finishRun(runId, {
      finishedAt: o.now(), outcome: unusable ? 'unusable' : e instanceof WorkbookChangedError ? 'conflict' : 'failed',
      inputHash: null, version: null, counts: null, message: e instanceof Error ? e.message : String(e),
    });
    if (unusable) return { outcome: 'unusable', error: e };
    throw e;
  }
}

/** A promise started before it is awaited: its rejection is handled where it is awaited, not reported as unhandled meanwhile. */
function early<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** The cluster's locked results, as `evaluate` takes them; null when not locked. */
export async function heldLock(ledger: Ledger, cluster: string) {
  const held = await ledger.getLock(cluster);
  return held ? lockedResults(held.at, held.payload) : null;
}

/** Delivery lines go to `Nhật ký` in a second, append-only write; a person's save in between wins and the lines wait for the next run's log in the ledger. */
async function appendLog(o: RunOptions, ev: Evaluation, lines: string[], version: string): Promise<string> {
  const when = formatDateTime(o.now());
  const source = ev.settings.language === 'vi' ? 'Gửi thư' : 'Mail';
  await o.ledger.appendLog(o.cluster, lines.map((text) => ({ at: o.now(), when, source, text })));
  try {
    return await o.workbook.write(
      { cells: [], tabs: [], notes: [], append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: lines.map((l) => [when, source, l]) }] },
      version,
    );
  } catch (e) {
    if (e instanceof WorkbookChangedError) return version;
    throw e;
  }
}

function counts(detail: EvaluationDetail, emails: number) {
  const errors = detail.evaluation.issues.filter((i) => i.severity === 'error').length;
  return { units: detail.evaluation.units.length, errors, warnings: detail.evaluation.issues.length - errors, emails };
}

function hashInputs(inputs: unknown): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** This run's `Nhật ký` rows as the ledger keeps them. */
function logLinesOf(edits: SheetEdits, at: number): LogLine[] {
  return edits.append
    .filter((a) => a.tab === TAB.log)
    .flatMap((a) => a.rows.map((r) => ({ at, when: String(r[0] ?? ''), source: String(r[1] ?? ''), text: String(r[2] ?? '') })));
}
