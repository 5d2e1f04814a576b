/**
 * An email the system means to send, fully rendered: what the outbox stores (as MIME)
 * and what `thidua run` previews. The key is the idempotency key: one key, one delivery.
 */

import type { Lang } from '../core/model.js';

export type EmailKind = 'summary' | 'scorecard' | 'reminder';

export interface InlineImage {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Content-ID the HTML refers to as `cid:<cid>`. */
  cid: string;
}

export interface EmailDraft {
  kind: EmailKind;
  /** Cluster id the ledger files the message under (spreadsheet id, or `local`). */
  cluster: string;
  /** Unit code for scorecards and reminders, null for the summary. */
  unit: string | null;
  /** The email's language (settings.language): the sender's display name, Content-Language. */
  lang: Lang;
  to: string[];
  /** Display name for the recipients (the unit's name), or null. */
  toName: string | null;
  subject: string;
  html: string;
  text: string;
  attachments: InlineImage[];
  /** sha256 of (cluster, period, kind, recipients, content hash): one key, one delivery. */
  key: string;
}

/** What the planner needs besides the evaluation. */
export interface PlanContext {
  /** Cluster id (spreadsheet id, or `local` for the embedded workbook). */
  cluster: string;
  /** The day the data is as of, yyyy-mm-dd. Shown, never part of the key. */
  asOf: string;
  workbookTitle: string;
  /** The Google Sheet, when there is one. */
  url?: string;
}
