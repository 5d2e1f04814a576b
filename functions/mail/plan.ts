/**
 * Which emails a run sends, fully rendered: the summary to `Email nhận báo cáo`, a
 * scorecard to each unit with an email, and — near the deadline — a reminder to each
 * unit that has not submitted or still has errors. Pure apart from reading templates.
 */
import { daysBetween } from '../core/values/dates.js';
import type { Evaluation, UnitResult } from '../core/model.js';
import { renderChart, renderChartAsync, type Chart } from './chart.js';
import type { EmailDraft, InlineImage, PlanContext } from './draft.js';
import { reminderFacts, scorecardFacts, summaryFacts, type Facts } from './facts.js';
import { contentHash, idempotencyKey, normalizeRecipients } from './key.js';
import { renderEmail } from './render.js';

function periodOf(ev: Evaluation): string {
  return `${ev.settings.year ?? ''} ${ev.settings.period}`.trim();
}

function keyFor(ev: Evaluation, ctx: PlanContext, kind: string, to: string[], content: string): string {
  return idempotencyKey({ cluster: ctx.cluster, period: periodOf(ev), kind, to, content });
}

function draft(
  ev: Evaluation,
  ctx: PlanContext,
  facts: Facts,
  to: string[],
  unit: UnitResult | null,
  key: string,
  chart?: { cid: string; alt: string; image: InlineImage },
): EmailDraft {
  const r = renderEmail(facts, { asOf: ctx.asOf, chartCid: chart?.cid ?? null, chartAlt: chart?.alt ?? null });
  return {
    kind: facts.kind,
    cluster: ctx.cluster,
    unit: unit?.code ?? null,
    lang: ev.settings.language,
    to,
    toName: unit?.name ?? null,
    subject: r.subject,
    html: r.html,
    text: r.text,
    attachments: chart ? [chart.image] : [],
    key,
  };
}

/**
 * An email planned but not yet rendered: its key is known from the facts alone, so a
 * caller can skip rendering (the costly part: templates, CSS inlining, the chart) for
 * content it already previewed or queued.
 */
export interface PlannedEmail {
  kind: EmailDraft['kind'];
  key: string;
  to: string[];
  unit: string | null;
  render(): EmailDraft;
  /**
   * The same draft; the summary's chart is rasterised off the main thread meanwhile
   * (chart.ts, rasteriseAsync), so a caller that starts it before the scorecards gets the
   * picture while it renders them.
   */
  renderAsync(): Promise<EmailDraft>;
}

function summaryPlan(ev: Evaluation, ctx: PlanContext): PlannedEmail | null {
  const to = normalizeRecipients(ev.settings.reportTo);
  if (to.length === 0) return null;
  const facts = summaryFacts(ev, ctx);
  const key = keyFor(ev, ctx, 'summary', to, contentHash(facts));
  const withChart = (c: Chart | null) => {
    const cid = `tong-diem.${key.slice(0, 16)}@thidua`;
    const chart = c
      ? { cid, alt: c.alt, image: { filename: 'tong-diem.png', contentType: 'image/png', content: c.png, cid } }
      : undefined;
    return draft(ev, ctx, facts, to, null, key, chart);
  };
  return {
    kind: 'summary', key, to, unit: null,
    render: () => withChart(renderChart(facts)),
    renderAsync: async () => withChart(await renderChartAsync(facts)),
  };
}

/** An email with nothing to draw: renderAsync is render. */
function synchronous(p: Omit<PlannedEmail, 'renderAsync'>): PlannedEmail {
  return { ...p, renderAsync: async () => p.render() };
}

/** The summary (when there are recipients) and one scorecard per unit with an email, unrendered. */
export function planReportEmails(ev: Evaluation, ctx: PlanContext): PlannedEmail[] {
  const out: PlannedEmail[] = [];
  const summary = summaryPlan(ev, ctx);
  if (summary) out.push(summary);
  for (const u of ev.units) {
    const to = normalizeRecipients(u.emails);
    if (to.length === 0) continue;
    const facts = scorecardFacts(ev, u, ctx);
    const key = keyFor(ev, ctx, `scorecard:${u.code}`, to, contentHash(facts));
    out.push(synchronous({ kind: 'scorecard', key, to, unit: u.code, render: () => draft(ev, ctx, facts, to, u, key) }));
  }
  return out;
}

/** The summary and the scorecards, rendered. */
export function planReports(ev: Evaluation, ctx: PlanContext): EmailDraft[] {
  return planReportEmails(ev, ctx).map((p) => p.render());
}

/**
 * Reminders from `Nhắc trước (ngày)` days before `Hạn nộp` through the deadline day, to each
 * unit with an email that has not submitted or still has errors. The key holds the day
 * and not the content: at most one reminder per unit per day, even if its errors change.
 */
export function planReminderEmails(ev: Evaluation, ctx: PlanContext & { today: string }): PlannedEmail[] {
  const deadline = ev.settings.deadline;
  if (!deadline) return [];
  const daysLeft = daysBetween(ctx.today, deadline);
  if (daysLeft < 0 || daysLeft > Math.max(0, ev.settings.remindDays)) return [];
  const out: PlannedEmail[] = [];
  for (const u of ev.units) {
    if (u.status === 'ok') continue;
    const to = normalizeRecipients(u.emails);
    if (to.length === 0) continue;
    const facts = reminderFacts(ev, u, { deadline, daysLeft }, ctx);
    const key = keyFor(ev, ctx, `reminder:${u.code}`, to, `day:${ctx.today}`);
    out.push(synchronous({ kind: 'reminder', key, to, unit: u.code, render: () => draft(ev, ctx, facts, to, u, key) }));
  }
  return out;
}

export function planReminders(ev: Evaluation, ctx: PlanContext & { today: string }): EmailDraft[] {
  return planReminderEmails(ev, ctx).map((p) => p.render());
}
