/**
 * The email policy, for both ends (docs/emails.md): which emails an occasion produces and
 * how their delivery reads in `Nhật ký`. `cli/` and `cloud/` only wire a transport and a
 * ledger to it; neither decides what goes out when.
 *
 *  - `request` — a person asks: `thidua run --send`, "Gửi báo cáo" / `sendReports` with a
 *    spreadsheet id. The summary and each unit's scorecard (`run` without `--send` and
 *    `watch` preview exactly these, and send nothing).
 *  - `daily` — the daily job: `thidua remind` on one machine, Cloud Scheduler's
 *    `sendReports` in the cloud. Reminders inside the window before `Hạn nộp` (one per unit
 *    per day); once the deadline has passed, the summary and the scorecards too.
 *
 * Reports are keyed by their content everywhere (mail/key.ts), so the same figures never go
 * out twice whichever end or occasion planned them, and changed figures go out once.
 */
import type { Evaluation, Lang } from '../core/model.js';
import type { DeliveryEvent, EnqueueResult } from './outbox.js';
import { planReminderEmails, planReportEmails, type PlannedEmail } from './plan.js';

export type Occasion = 'request' | 'daily';

export interface OccasionContext {
  /** Ledger key of the cluster (spreadsheet id, or `file:<path>`). */
  cluster: string;
  /** The time of the run, epoch ms: its day in Việt Nam is the as-of date and the reminder day. */
  now: number;
  workbookTitle: string;
  url?: string;
}

/** The calendar day of `epochMs` in Việt Nam (UTC+7, no daylight saving), yyyy-mm-dd. */
export function vnDay(epochMs: number): string {
  return new Date(epochMs + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Whether the reports go out on this occasion. */
export function reportsDue(ev: Evaluation, occasion: Occasion, today: string): boolean {
  if (occasion === 'request') return true;
  const deadline = ev.settings.deadline;
  return deadline !== null && today > deadline;
}

/** The emails an occasion produces, unrendered (their keys are known; rendering is deferred). */
export function emailsFor(current: Evaluation, occasion: Occasion, ctx: OccasionContext): PlannedEmail[] {
  // While locked (MEETING.md) the emails show the locked issues: an input edited after the
  // lock is a warning in Kiểm tra, never a reason for a report or scorecard to go out again.
  const ev = current.locked ? { ...current, issues: current.locked.issues } : current;
  const today = vnDay(ctx.now);
  const plan = { cluster: ctx.cluster, asOf: today, workbookTitle: ctx.workbookTitle, ...(ctx.url ? { url: ctx.url } : {}) };
  const out: PlannedEmail[] = [];
  if (occasion === 'daily') out.push(...planReminderEmails(ev, { ...plan, today }));
  if (reportsDue(ev, occasion, today)) out.push(...planReportEmails(ev, plan));
  return out;
}

const WORDS: Record<Lang, { kind: Record<string, string>; dup: (n: number) => string }> = {
  vi: {
    kind: { summary: 'báo cáo tổng hợp', scorecard: 'phiếu điểm', reminder: 'thư nhắc nộp' },
    dup: (n) => `${n} thư có nội dung không đổi đã gửi trước đó, không gửi lại`,
  },
  en: {
    kind: { summary: 'summary', scorecard: 'scorecard', reminder: 'reminder' },
    dup: (n) => `${n} unchanged emails were sent before and are not sent again`,
  },
};

/** One `Nhật ký` line per delivery attempt. */
export function deliveryLine(e: DeliveryEvent, lang: Lang): string {
  const what = WORDS[lang].kind[e.kind] ?? e.kind;
  const to = e.to.join(', ');
  if (lang === 'en') {
    if (e.outcome === 'sent') return `Sent the ${what} to ${to}`;
    if (e.outcome === 'retry') return `Could not send the ${what} to ${to} (${e.error}); will retry`;
    return `Gave up sending the ${what} to ${to} after ${e.attempts} attempts (${e.error})`;
  }
  if (e.outcome === 'sent') return `Đã gửi ${what} tới ${to}`;
  if (e.outcome === 'retry') return `Chưa gửi được ${what} tới ${to} (${e.error}); sẽ thử lại`;
  return `Không gửi được ${what} tới ${to} sau ${e.attempts} lần thử (${e.error})`;
}

/** The `Nhật ký` lines of a delivery: each attempt, then how many were not sent again because unchanged. */
export function deliveryLines(delivered: readonly DeliveryEvent[], lang: Lang, queued: readonly Pick<EnqueueResult, 'outcome'>[] = []): string[] {
  const lines = delivered.map((e) => deliveryLine(e, lang));
  const duplicates = queued.filter((q) => q.outcome === 'duplicate').length;
  if (duplicates) lines.push(WORDS[lang].dup(duplicates));
  return lines;
}
