/**
 * The complete MIME message of a draft, built by nodemailer's MailComposer (never by
 * hand): UTF-8 subject and names as encoded-words, text and HTML alternatives, the chart
 * inline (multipart/related, cid), and a Message-ID derived from the idempotency key so
 * that a repeat of the same key carries the same id.
 */
import { createRequire } from 'node:module';
import type MailComposerType from 'nodemailer/lib/mail-composer';
import type { EmailDraft } from './draft.js';
import { messageIdFor } from './key.js';
import type { Sender } from './sender.js';

// Loaded on the first message built: a re-run whose emails are all unchanged never needs it.
let composerClass: typeof MailComposerType | null = null;

export async function buildMime(d: EmailDraft, opts: { from: Sender; date: Date }): Promise<Buffer> {
  const MailComposer = (composerClass ??= createRequire(import.meta.url)('nodemailer/lib/mail-composer') as typeof MailComposerType);
  const composer = new MailComposer({
    from: { name: opts.from.name, address: opts.from.address },
    to: d.to.map((address) => (d.toName ? { name: d.toName, address } : address)),
    subject: d.subject,
    text: d.text,
    html: d.html,
    attachments: d.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
      cid: a.cid,
      contentDisposition: 'inline',
    })),
    messageId: messageIdFor(d.key),
    date: opts.date,
    headers: {
      'Content-Language': d.lang,
      // RFC 3834: automatic mail; out-of-office responders should stay quiet.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Thidua-Key': d.key,
      'X-Thidua-Kind': d.kind,
    },
  });
  return composer.compile().build();
}
