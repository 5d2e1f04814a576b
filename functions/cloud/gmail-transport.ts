/**
 * Gmail API as a mail transport for the cloud: the outbox's finished MIME message goes
 * out whole through `users.messages.send`, as the Workspace user THIDUA_MAIL_FROM (domain-
 * wide delegation, scope gmail.send only). Gmail takes the recipients from the message's
 * own headers, so the envelope is not needed.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { gmailAuth } from '../google/auth.js';
import { gmailClient } from '../google/clients.js';
import { sendViaGmail } from '../google/gmail.js';
import type { RetryOptions } from '../google/retry.js';
import type { MailTransport } from '../mail/transport.js';
import type { CloudDepsOverrides } from './deps.js';

export function gmailTransport(client: gmail_v1.Gmail, retry: RetryOptions = {}): MailTransport {
  return {
    async send(raw) {
      const sent = await sendViaGmail(client, raw, retry);
      return { id: sent.id };
    },
    async close() {},
  };
}

/**
 * Delegation signs a JWT with the account's own key: THIDUA_GMAIL_KEY_FILE (a Secret
 * Manager file mounted by scripts/deploy.sh), else GOOGLE_APPLICATION_CREDENTIALS.
 */
export function gmailTransportFromEnv(env: NodeJS.ProcessEnv, o: CloudDepsOverrides = {}): MailTransport {
  const keyFilename = env.THIDUA_GMAIL_KEY_FILE?.trim();
  return gmailTransport(gmailClient(o.google ?? { auth: gmailAuth(env, keyFilename ? { keyFilename } : {}) }), o.retry);
}
