/**
 * The complete MIME message of a draft, built by nodemailer's MailComposer (never by
 * hand): UTF-8 subject and names as encoded-words, text and HTML alternatives, the chart
 * inline (multipart/related, cid), and a Message-ID derived from the idempotency key so
 * that a repeat of the same key carries the same id.
 */
import type MailComposerType from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { EmailDraft } from './draft.js';
import { messageIdFor } from './key.js';
import { mailComposer } from './packages.js';
import type { Sender } from './sender.js';

// Loaded on the first message built: a re-run whose emails are all unchanged never needs it.
let composerClass: typeof MailComposerType | null = null;

/** What MailComposer is given for a draft (without `textEncoding`: nodemailer then picks Q or B per value). */
export function composerOptions(d: EmailDraft, opts: { from: Sender; date: Date }): Mail.Options {
  return {
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
  };
}

export async function buildMime(d: EmailDraft, opts: { from: Sender; date: Date }): Promise<Buffer> {
  const MailComposer = (composerClass ??= mailComposer());
  const options = composerOptions(d, opts);
  const encoding = commonTextEncoding(d, opts.from);
  return new MailComposer(encoding ? { ...options, textEncoding: encoding === 'Q' ? 'quoted-printable' : 'base64' } : options)
    .compile()
    .build();
}

/**
 * nodemailer decides between quoted-printable and base64 for each text value it encodes —
 * the bodies, and the names and subject that need encoded-words — by counting letters
 * against 8-bit and control characters, and for a body it counts twice (headers, then
 * content): on a 60-unit cluster that was a third of the MIME building. When every value
 * it could ask about gets the same answer, that answer is given once as `textEncoding`,
 * which nodemailer then uses for each of them: the message is the same, byte for byte.
 * Values it never asks about (printable ASCII headers, which go out as they are) are left
 * out; when the answers differ, nodemailer decides per value, as before.
 */
export function commonTextEncoding(d: EmailDraft, from: Sender): 'Q' | 'B' | null {
  let seen: 'Q' | 'B' | null = null;
  const values = [d.text, d.html];
  for (const v of [from.name, d.toName ?? '', d.subject, ...d.attachments.map((a) => a.filename)]) if (!passesAsIs(v)) values.push(v);
  for (const v of values) {
    const e = textEncodingOf(v);
    if (seen !== null && e !== seen) return null;
    seen = e;
  }
  return seen;
}

/** A header value nodemailer writes as it is, without asking which encoding: printable ASCII, no `"`, no `=?`. */
function passesAsIs(v: string): boolean {
  return /^[\x20\x21\x23-\x7e]*$/.test(v) && !v.includes('=?');
}

/** 1: a Latin letter, 2: a control character nodemailer counts with the 8-bit ones. */
const ASCII_CLASS = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = c <= 0x08 || c === 0x0b || c === 0x0c || (c >= 0x0e && c <= 0x1f) ? 2 : (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 1 : 0;
  return t;
})();

/**
 * nodemailer's MimeNode._getTextEncoding: more Latin letters than 8-bit and control
 * characters → Q, else B. Stops as soon as the rest of the text cannot change the answer.
 */
export function textEncodingOf(value: string): 'Q' | 'B' {
  let nonLatin = 0;
  let latin = 0;
  const len = value.length;
  let i = 0;
  while (i < len) {
    const end = Math.min(len, i + 4096);
    for (; i < end; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) nonLatin++;
      else {
        const k = ASCII_CLASS[code]!;
        if (k === 1) latin++;
        else if (k === 2) nonLatin++;
      }
    }
    const rest = len - i;
    if (nonLatin + rest < latin) return 'Q';
    if (nonLatin >= latin + rest) return 'B';
  }
  return nonLatin < latin ? 'Q' : 'B';
}
