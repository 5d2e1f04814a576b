/**
 * SMTP through nodemailer: THIDUA_SMTP_URL like smtp://user:pass@host:587 (STARTTLS when
 * the server offers it) or smtps://…:465. Every phase has a timeout, so a server that
 * stops answering fails the attempt instead of holding the outbox's lease forever.
 */
import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';
import type { MailTransport } from '../transport.js';

export interface SmtpTimeouts {
  /** TCP connect. */
  connectionMs: number;
  /** Server greeting after connecting. */
  greetingMs: number;
  /** Any silence on an open connection (including the reply to the message data). */
  socketMs: number;
  /** The whole of one message, however the server dribbles its answers: then the connection is closed. */
  messageMs: number;
}

/** Short: a run must not wait minutes on a server that does not answer (docs/robustness.md). */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 5_000, greetingMs: 5_000, socketMs: 15_000, messageMs: 30_000 };

export function openSmtpTransport(url: string, timeouts: Partial<SmtpTimeouts> = {}): MailTransport {
  const t = { ...DEFAULT_SMTP_TIMEOUTS, ...timeouts };
  // Loaded here, not on import: a run that sends nothing (previews only) does not read nodemailer's 40 modules.
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof Nodemailer;
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: t.connectionMs,
    greetingTimeout: t.greetingMs,
    socketTimeout: t.socketMs,
    // One connection per message: nothing lingers between runs of a short-lived process.
    pool: false,
  });
  return {
    async send(raw, envelope, _key, opts = {}) {
      // Aborting closes the connection (nodemailer's signal support): nothing lingers past the run.
      const deadline = AbortSignal.timeout(t.messageMs);
      const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
      let info;
      try {
        info = await transporter.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw, signal });
      } catch (e) {
        // Our own per-message deadline is a timeout of the server, not the caller's abort.
        if (deadline.aborted && !opts.signal?.aborted) throw Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' });
        throw e;
      }
      return { id: String(info.messageId ?? info.response ?? '') };
    },
    async close() {
      transporter.close();
    },
  };
}
