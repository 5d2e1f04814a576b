/**
 * The mail step of `sendReports`, wired: which emails is mail/policy.ts's decision (the
 * same as on one machine); here they are rendered, queued in the ledger's outbox (one
 * delivery per idempotency key, however often the scheduler or a person asks) and
 * delivered. `reports` (on demand, "Gửi báo cáo") is the policy's `request`; `scheduled`
 * (Cloud Scheduler, daily) is its `daily` job.
 */
import type { JsonEmail } from '../core/report.js';
import type { Ledger } from '../ledger/port.js';
import type { MailStep } from '../pipeline.js';
import { deliverDue, enqueueDrafts, type DeliveryEvent, type EnqueueResult } from '../mail/outbox.js';
import { deliveryLines, emailsFor, type Occasion } from '../mail/policy.js';
import type { MailTransport } from '../mail/transport.js';

export type ReportMode = 'reports' | 'scheduled';

const OCCASION: Record<ReportMode, Occasion> = { reports: 'request', scheduled: 'daily' };

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
    const planned = emailsFor(ev, OCCASION[o.mode], { cluster: o.cluster, now: ctx.now, workbookTitle: ctx.source, ...(ctx.url ? { url: ctx.url } : {}) });
    // A key already in the outbox is not rendered again (rendering is the costly part).
    const toQueue = [];
    const duplicates: EnqueueResult[] = [];
    for (const p of planned) {
      const known = await o.ledger.getMessage(p.key);
      if (known) duplicates.push({ key: p.key, kind: p.kind, to: p.to, subject: known.subject, outcome: 'duplicate' });
      else toQueue.push(p.render());
    }
    const fresh = await enqueueDrafts(o.ledger, toQueue, ctx.now);
    const queued = [...fresh, ...duplicates];
    const delivered = await deliverDue(o.ledger, o.transport, ctx.now, { cluster: o.cluster });
    outcome = { queued, delivered };
    const emails: JsonEmail[] = fresh.filter((q) => q.outcome === 'queued').map((q) => ({ kind: q.kind, to: q.to, subject: q.subject }));
    return { emails, log: deliveryLines(delivered, ev.settings.language, queued) };
  };
  return { step, outcome: () => outcome };
}
