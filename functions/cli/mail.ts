/**
 * The embedded mail step: every run renders its emails into the outbox folder as `.eml`
 * and `.html` previews; with `--send` they are queued in the ledger's outbox (one
 * delivery per idempotency key, however often runs repeat) and delivered over SMTP when
 * `--smtp` or THIDUA_SMTP_URL is given, else as files in `outbox/sent/`.
 */
import { isAbsolute, relative } from 'node:path';
import type { JsonEmail } from '../core/report.js';
import type { Lang } from '../core/model.js';
import type { Ledger } from '../ledger/port.js';
import type { EmailDraft } from '../mail/draft.js';
import { deliverDue, enqueueDrafts, type DeliveryEvent } from '../mail/outbox.js';
import { planReports } from '../mail/plan.js';
import { writePreviews } from '../mail/preview.js';
import { openTransport } from '../mail/transport.js';
import { openSmtpTransport } from '../mail/transports/smtp.js';
import type { MailStep } from '../pipeline.js';

export interface LocalMailOptions {
  cluster: string;
  ledger: Ledger;
  outbox: string;
  send: boolean;
  smtp?: string;
}

/** The calendar day of `epochMs` in Việt Nam, yyyy-mm-dd. */
export function vnDay(epochMs: number): string {
  return new Date(epochMs + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function localMail(o: LocalMailOptions): MailStep {
  return async (ev, ctx) => {
    const drafts = planReports(ev, {
      cluster: o.cluster,
      asOf: vnDay(ctx.now),
      workbookTitle: ctx.source,
      ...(ctx.url ? { url: ctx.url } : {}),
    });
    return deliverDrafts(drafts, o, ctx.now, ev.settings.language);
  };
}

/** Previews always; queue and deliver when sending. Returns the JSON rows and the `Nhật ký` lines. */
export async function deliverDrafts(
  drafts: EmailDraft[],
  o: LocalMailOptions,
  now: number,
  lang: Lang,
): Promise<{ emails: JsonEmail[]; log: string[] }> {
  const previews = await writePreviews(drafts, o.outbox, { date: new Date(now) });
  const emails = previews.map((p) => ({ kind: p.kind, to: p.to, subject: p.subject, path: shortPath(p.eml) }));
  if (!o.send || drafts.length === 0) return { emails, log: [] };

  await enqueueDrafts(o.ledger, drafts, now);
  const transport = o.smtp ? openSmtpTransport(o.smtp) : openTransport({ outboxDir: o.outbox });
  try {
    const events = await deliverDue(o.ledger, transport, now, { cluster: o.cluster });
    return { emails, log: events.map((e) => deliveryLine(e, lang)) };
  } finally {
    await transport.close();
  }
}

/** Relative to the current folder when inside it ("outbox/…eml"), else absolute. */
function shortPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel.startsWith('..') || isAbsolute(rel) ? p : rel;
}

const KIND: Record<Lang, Record<string, string>> = {
  vi: { summary: 'báo cáo tổng hợp', scorecard: 'phiếu điểm', reminder: 'thư nhắc nộp' },
  en: { summary: 'summary', scorecard: 'scorecard', reminder: 'reminder' },
};

export function deliveryLine(e: DeliveryEvent, lang: Lang): string {
  const what = KIND[lang][e.kind] ?? e.kind;
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
