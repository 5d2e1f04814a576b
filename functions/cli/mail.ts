/**
 * The embedded mail step, wired: which emails is mail/policy.ts's decision; here every run
 * keeps `.eml` and `.html` previews of them in the outbox folder; with `--send` they are
 * queued in the ledger's outbox (one delivery per idempotency key, however often runs
 * repeat) and delivered over SMTP when `--smtp` or THIDUA_SMTP_URL is given, else as files
 * in `outbox/sent/`.
 *
 * Rendering is the costly part of a run (templates, CSS inlining, the chart), and an
 * email's key is known before it is rendered: content already previewed (the folder's
 * manifest) or already queued (the ledger) is not rendered again.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { JsonEmail } from '../core/report.js';
import type { Lang, Settings } from '../core/model.js';
import type { Ledger } from '../ledger/port.js';
import { deliverDue, enqueueDrafts } from '../mail/outbox.js';
import type { EmailDraft } from '../mail/draft.js';
import type { PlannedEmail } from '../mail/plan.js';
import { deliveryLines, emailsFor, type Occasion } from '../mail/policy.js';
import { previewBase, writePreviews } from '../mail/preview.js';
import { openTransport } from '../mail/transport.js';
import { openSmtpTransport } from '../mail/transports/smtp.js';
import type { MailStep } from '../pipeline.js';
import { reviewFolder } from '../core/period.js';

export interface LocalMailOptions {
  cluster: string;
  ledger: Ledger;
  outbox: string;
  send: boolean;
  smtp?: string;
  /** Where the previews go (default `outbox`): a mid-year review keeps its own, beside the year-end's. */
  previewDir?: string;
}

/** The pipeline's mail step for an occasion: `run` and `watch` are requests, `remind` is the daily job. */
export function localMail(o: LocalMailOptions, occasion: Occasion = 'request'): MailStep {
  return async (ev, ctx) => {
    const planned = emailsFor(ev, occasion, { cluster: o.cluster, now: ctx.now, workbookTitle: ctx.source, ...(ctx.url ? { url: ctx.url } : {}) });
    return deliverPlanned(planned, forReview(o, ev.settings), ctx.now, ev.settings.language);
  };
}

/** A mid-year review (Kỳ đánh giá 6 tháng, 9 tháng) keeps its previews in its own folder, beside the year-end's. */
export function forReview(o: LocalMailOptions, s: Pick<Settings, 'year' | 'period'>): LocalMailOptions {
  const folder = reviewFolder(s);
  return folder ? { ...o, previewDir: join(o.outbox, folder) } : o;
}

type Manifest = Record<string, JsonEmail & { key: string }>;
/** Emails whose files are being built and written at once (a bound on memory at 300 units). */
const IN_FLIGHT = 6;
const MANIFEST = '.previews.json';

/** Previews always (rendering only what changed); queue and deliver when sending. Returns the JSON rows and the `Nhật ký` lines. */
export async function deliverPlanned(
  planned: PlannedEmail[],
  o: LocalMailOptions,
  now: number,
  lang: Lang,
): Promise<{ emails: JsonEmail[]; log: string[] }> {
  const previews = o.previewDir ?? o.outbox;
  await mkdir(previews, { recursive: true });
  const manifestPath = join(previews, MANIFEST);
  const manifest: Manifest = existsSync(manifestPath) ? JSON.parse(await readFile(manifestPath, 'utf8')) : {};
  // Rows, manifest entries and the queue keep the planned order, whatever order the renders finish in.
  const emails: JsonEmail[] = new Array(planned.length);
  const fresh: (EmailDraft | null)[] = new Array(planned.length).fill(null);
  const entries: [string, Manifest[string]][] = [];
  const progress = renderProgress(planned.length);
  // The previews' messages are the ones queued: each is built once (same sender, same date).
  const built = new Map<string, Buffer>();
  const preview = async (i: number, draft: EmailDraft, base: string) => {
    const [files] = await writePreviews([draft], previews, { date: new Date(now) });
    if (o.send) built.set(draft.key, files!.raw);
    const row = { kind: draft.kind, to: draft.to, subject: draft.subject, path: shortPath(files!.eml) };
    entries[i] = [base, { ...row, key: draft.key }];
    emails[i] = row;
  };
  // Each email's message is built (nodemailer streams it) while the next one renders, a
  // few at a time; the summary's chart is drawn on the thread pool meanwhile.
  const started: Promise<void>[] = [];
  const inFlight = new Set<Promise<void>>();
  const start = (work: Promise<void>) => {
    work.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    started.push(work);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
  };
  try {
    for (const [i, p] of planned.entries()) {
      progress.step();
      const base = previewBase(p);
      const known = manifest[base];
      const queued = o.send && (await o.ledger.getMessage(p.key)) !== null;
      if (known?.key === p.key && existsSync(join(previews, `${base}.eml`)) && (!o.send || queued)) {
        emails[i] = { kind: known.kind, to: known.to, subject: known.subject, ...(known.path ? { path: known.path } : {}) };
        continue;
      }
      const enqueue = o.send && !queued;
      const finish = async (draft: EmailDraft) => {
        await preview(i, draft, base);
        if (enqueue) fresh[i] = draft;
      };
      start(p.kind === 'summary' ? p.renderAsync().then(finish) : finish(p.render()));
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
  } finally {
    // Nothing of this run is written after it returns or throws.
    await Promise.allSettled(started);
  }
  await Promise.all(started);
  for (const e of entries) if (e) manifest[e[0]] = e[1];
  const toQueue = fresh.filter((d): d is EmailDraft => d !== null);
  progress.done();
  await writeFile(manifestPath, JSON.stringify(manifest, null, 1));
  if (!o.send) return { emails, log: [] };

  await enqueueDrafts(o.ledger, toQueue, now, { built });
  const transport = o.smtp ? openSmtpTransport(o.smtp) : openTransport({ outboxDir: o.outbox });
  try {
    // Also picks up messages of earlier runs that are due for a retry. Ctrl-C stops the
    // delivery and puts the message in flight back (its claim released), then the run ends.
    const stop = new AbortController();
    const interrupt = () => stop.abort();
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      const events = await deliverDue(o.ledger, transport, now, { cluster: o.cluster, signal: stop.signal });
      return { emails, log: deliveryLines(events, lang) };
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  } finally {
    await transport.close();
  }
}

/**
 * "Đang soạn thư 12/40…" on one terminal line while many emails render (stderr, a
 * terminal only: piped output and --json stay clean).
 */
function renderProgress(total: number, err: NodeJS.WriteStream = process.stderr): { step(): void; done(): void } {
  const shown = err.isTTY === true && total >= 8;
  let n = 0;
  return {
    step() {
      n++;
      if (shown) err.write(`\rĐang soạn thư ${n}/${total}…`);
    },
    done() {
      if (shown) err.write('\r\u001b[2K');
    },
  };
}

/** Relative to the current folder when inside it ("outbox/…eml"), else absolute. */
function shortPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel.startsWith('..') || isAbsolute(rel) ? p : rel;
}
