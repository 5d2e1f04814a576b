/**
 * The embedded mail step: every run renders its emails into the outbox folder as `.eml`
 * and `.html` previews; with `--send` they are queued in the ledger's outbox (one
 * delivery per idempotency key) and delivered over SMTP when configured, else into
 * `outbox/sent/`.
 */
import type { MailStep } from '../pipeline.js';

export interface LocalMailOptions {
  cluster: string;
  outbox: string;
  send: boolean;
  smtp?: string;
  now: () => number;
}

export function localMail(_o: LocalMailOptions): MailStep {
  // Wired to functions/mail once its outbox and previews land.
  return async () => ({ emails: [], log: [] });
}
