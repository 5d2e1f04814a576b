/**
 * SMTP through nodemailer: THIDUA_SMTP_URL like smtp://user:pass@host:587 (STARTTLS when
 * the server offers it) or smtps://…:465. Every phase has a timeout, so a server that
 * stops answering fails the attempt instead of holding the outbox's lease forever.
 */
import nodemailer from 'nodemailer';
import type { MailTransport } from '../transport.js';

export interface SmtpTimeouts {
  /** TCP connect. */
  connectionMs: number;
  /** Server greeting after connecting. */
  greetingMs: number;
  /** Any silence on an open connection (including the reply to the message data). */
  socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 60_000 };

export function openSmtpTransport(url: string, timeouts: Partial<SmtpTimeouts> = {}): MailTransport {
  const t = { ...DEFAULT_SMTP_TIMEOUTS, ...timeouts };
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: t.connectionMs,
    greetingTimeout: t.greetingMs,
    socketTimeout: t.socketMs,
    // One connection per message: nothing lingers between runs of a short-lived process.
    pool: false,
  });
  return {
    async send(raw, envelope) {
      const info = await transporter.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
      return { id: String(info.messageId ?? info.response ?? '') };
    },
    async close() {
      transporter.close();
    },
  };
}
