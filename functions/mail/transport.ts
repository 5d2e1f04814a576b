/**
 * The mail transport port: hands one finished MIME message to somewhere that delivers
 * it. Adapters: an outbox folder of .eml files (the default, no account needed), SMTP
 * (THIDUA_SMTP_URL), and Gmail (functions/google/gmail.ts).
 */
import { join } from 'node:path';
import { openEmlTransport } from './transports/eml.js';
import { openSmtpTransport, type SmtpTimeouts } from './transports/smtp.js';

export interface Envelope {
  from: string;
  to: string[];
}

export interface MailTransport {
  /** Delivers `raw` as is; `key` is the idempotency key, for adapters that can dedupe on it. */
  send(raw: Buffer, envelope: Envelope, key: string, opts?: { signal?: AbortSignal }): Promise<{ id: string }>;
  close(): Promise<void>;
}

/** SMTP when THIDUA_SMTP_URL is set, else .eml files under `<outboxDir>/sent`. */
export function openTransport(opts: { outboxDir?: string; env?: NodeJS.ProcessEnv; smtp?: Partial<SmtpTimeouts> } = {}): MailTransport {
  const env = opts.env ?? process.env;
  const url = env.THIDUA_SMTP_URL?.trim();
  if (url) return openSmtpTransport(url, opts.smtp);
  return openEmlTransport(opts.outboxDir ?? join(process.cwd(), 'outbox'));
}
