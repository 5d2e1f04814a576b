/**
 * The mail step of `sendReports`: which emails, queued in the ledger's outbox (one
 * delivery per idempotency key, however often the scheduler or a person asks), then
 * delivered. Two modes:
 *  - `reports` (on demand, "Gửi báo cáo"): the summary and a scorecard per unit; keys by
 *    content, so the same figures are never sent twice and changed figures are;
 *  - `scheduled` (daily): reminders from `Nhắc trước (ngày)` days before `Hạn nộp` (one per
 *    unit per day), and once the deadline has passed, the reports — once per deadline,
 *    whatever changes afterwards (a late correction is sent by asking again).
 */
import type { JsonEmail } from '../core/report.js';
import type { Evaluation, Lang } from '../core/model.js';
import type { Ledger } from '../ledger/port.js';
import type { MailStep } from '../pipeline.js';
import type { EmailDraft } from '../mail/draft.js';
import { idempotencyKey } from '../mail/key.js';
import { deliverDue, enqueueDrafts, type DeliveryEvent, type EnqueueResult } from '../mail/outbox.js';
import { planReminders, planReports } from '../mail/plan.js';
import type { MailTransport } from '../mail/transport.js';

export type ReportMode = 'reports' | 'scheduled';

export interface ReportOutcome {
  queued: EnqueueResult[];
  delivered: DeliveryEvent[];
}

export interface ReportMailOptions {
  ledger: Ledger;
  cluster: string;
  transport: MailTransport;
  mode: ReportMode;
}

/** The step for the pipeline, and what it did (after the run). */
export function reportMail(o: ReportMailOptions): { step: MailStep; outcome: () => ReportOutcome } {
  let outcome: ReportOutcome = { queued: [], delivered: [] };
  const step: MailStep = async (ev, ctx) => {
    const today = dayInVietnam(ctx.now);
    const plan = { cluster: o.cluster, asOf: today, workbookTitle: ctx.source, ...(ctx.url ? { url: ctx.url } : {}) };
    const drafts = o.mode === 'reports' ? planReports(ev, plan) : scheduledDrafts(ev, plan, today);
    const queued = await enqueueDrafts(o.ledger, drafts, ctx.now);
    const delivered = await deliverDue(o.ledger, o.transport, ctx.now, { cluster: o.cluster });
    outcome = { queued, delivered };
    const emails: JsonEmail[] = queued.filter((q) => q.outcome === 'queued').map((q) => ({ kind: q.kind, to: q.to, subject: q.subject }));
    return { emails, log: logLines(outcome, ev.settings.language) };
  };
  return { step, outcome: () => outcome };
}

function scheduledDrafts(ev: Evaluation, plan: Parameters<typeof planReports>[1], today: string): EmailDraft[] {
  const drafts = planReminders(ev, { ...plan, today });
  const deadline = ev.settings.deadline;
  if (deadline && today > deadline) {
    const period = `${ev.settings.year ?? ''} ${ev.settings.period}`.trim();
    for (const d of planReports(ev, plan)) {
      // Keyed by the deadline, not the content: sent once after it, whatever changes later.
      const key = idempotencyKey({ cluster: plan.cluster, period, kind: `after-deadline:${d.kind}:${d.unit ?? ''}`, to: d.to, content: `deadline:${deadline}` });
      drafts.push({ ...d, key });
    }
  }
  return drafts;
}

/** yyyy-mm-dd in Việt Nam (UTC+7, no daylight saving). */
export function dayInVietnam(epochMs: number): string {
  return new Date(epochMs + 7 * 3_600_000).toISOString().slice(0, 10);
}

const WORDS: Record<Lang, { kind: Record<string, string>; sent: string; retry: string; failed: string; dup: (n: number) => string }> = {
  vi: {
    kind: { summary: 'báo cáo tổng hợp', scorecard: 'phiếu điểm', reminder: 'thư nhắc' },
    sent: 'Đã gửi',
    retry: 'Chưa gửi được (sẽ thử lại)',
    failed: 'Không gửi được',
    dup: (n) => `${n} thư có nội dung không đổi đã gửi trước đó, không gửi lại`,
  },
  en: {
    kind: { summary: 'summary report', scorecard: 'scorecard', reminder: 'reminder' },
    sent: 'Sent',
    retry: 'Not sent yet (will retry)',
    failed: 'Could not send',
    dup: (n) => `${n} unchanged emails were sent before and are not sent again`,
  },
};

function logLines(o: ReportOutcome, lang: Lang): string[] {
  const w = WORDS[lang];
  const lines = o.delivered.map((d) => {
    const what = `${w.kind[d.kind] ?? d.kind} → ${d.to.join(', ')}`;
    if (d.outcome === 'sent') return `${w.sent} ${what}`;
    return `${d.outcome === 'retry' ? w.retry : w.failed} ${what}: ${d.error ?? ''}`.trim();
  });
  const duplicates = o.queued.filter((q) => q.outcome === 'duplicate').length;
  if (duplicates) lines.push(w.dup(duplicates));
  return lines;
}
