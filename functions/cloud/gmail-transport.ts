/**
 * Gmail API as a mail transport for the cloud: the outbox's finished MIME message goes
 * out whole through `users.messages.send`, as the Workspace user THIDUA_MAIL_FROM (domain-
 * wide delegation, scope gmail.send only). Gmail takes the recipients from the message's
 * own headers; the envelope is only counted against Gmail's limits:
 * 100 recipients per message sent through the Gmail API, 2 000 messages and 10 000
 * recipients a day per user (support.google.com/a/answer/166852). A message over the
 * first is refused here with the reason; the daily ones are kept in the ledger, and a
 * message past them waits in the outbox for the next day.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { gmailAuth, senderAddress } from '../google/auth.js';
import { gmailClient } from '../google/clients.js';
import { sendViaGmail } from '../google/gmail.js';
import type { RetryOptions } from '../google/retry.js';
import type { Ledger } from '../ledger/port.js';
import type { MailTransport } from '../mail/transport.js';
import type { CloudDepsOverrides } from './deps.js';

export const GMAIL_API_MAX_RECIPIENTS = 100;
export const GMAIL_MESSAGES_PER_DAY = 2_000;
export const GMAIL_RECIPIENTS_PER_DAY = 10_000;

export interface GmailLimits {
  ledger: Ledger;
  sender: string;
  now?: () => number;
  messagesPerDay?: number;
  recipientsPerDay?: number;
}

export function gmailTransport(client: gmail_v1.Gmail, retry: RetryOptions = {}, limits?: GmailLimits): MailTransport {
  return {
    async send(raw, envelope) {
      const recipients = new Set(envelope.to.map((a) => a.trim().toLowerCase()).filter(Boolean));
      if (recipients.size > GMAIL_API_MAX_RECIPIENTS) {
        throw new Error(
          `Thư có ${recipients.size} người nhận; Gmail API chỉ cho gửi tối đa ${GMAIL_API_MAX_RECIPIENTS} người nhận mỗi thư. ` +
            'Hãy rút gọn "Email nhận báo cáo" (dùng một địa chỉ nhóm) hoặc gửi qua SMTP.',
        );
      }
      if (limits) await spendDaily(limits, recipients.size);
      const sent = await sendViaGmail(client, raw, retry);
      return { id: sent.id };
    },
    async close() {},
  };
}

/** The day's budget of messages and recipients for the sender (days in Việt Nam, UTC+7). */
async function spendDaily(l: GmailLimits, recipients: number): Promise<void> {
  const t = (l.now ?? Date.now)();
  const day = Math.floor((t + 7 * 3_600_000) / 86_400_000);
  const sender = senderAddress(l.sender).toLowerCase();
  const over = () =>
    new Error(`Đã tới giới hạn gửi thư trong ngày của Gmail cho ${sender}; thư sẽ được gửi lại sau.`);
  if (!(await l.ledger.spendBudget(`gmail:messages:${sender}`, day, l.messagesPerDay ?? GMAIL_MESSAGES_PER_DAY))) throw over();
  for (let i = 0; i < recipients; i++) {
    if (!(await l.ledger.spendBudget(`gmail:recipients:${sender}`, day, l.recipientsPerDay ?? GMAIL_RECIPIENTS_PER_DAY))) throw over();
  }
}

/**
 * Delegation without a key file by default: THIDUA_GMAIL_SERVICE_ACCOUNT (the runtime
 * account, set by scripts/deploy.sh) signs its JWT through IAM Credentials signJwt. A key
 * file (THIDUA_GMAIL_KEY_FILE) is still honoured where an organisation allows keys.
 */
export async function gmailTransportFromEnv(env: NodeJS.ProcessEnv, o: CloudDepsOverrides = {}, ledger?: Ledger): Promise<MailTransport> {
  const sender = env.THIDUA_MAIL_FROM?.trim();
  if (!sender) throw new Error('Thiếu THIDUA_MAIL_FROM: địa chỉ người gửi mà tài khoản dịch vụ được ủy quyền gửi thay.');
  const keyFilename = env.THIDUA_GMAIL_KEY_FILE?.trim();
  const account = env.THIDUA_GMAIL_SERVICE_ACCOUNT?.trim();
  let auth: NonNullable<Parameters<typeof gmailClient>[0]>['auth'];
  if (o.google?.auth !== undefined || (o.google && !keyFilename && !account)) auth = o.google.auth;
  else if (keyFilename || !account) auth = gmailAuth(env, keyFilename ? { keyFilename } : {});
  else {
    const { delegatedClient } = await import('../google/delegation.js');
    auth = delegatedClient({ serviceAccount: account, subject: senderAddress(sender), ...(o.retry ? { retry: o.retry } : {}) });
  }
  const client = gmailClient({ ...(o.google?.rootUrl ? { rootUrl: o.google.rootUrl } : {}), ...(auth !== undefined ? { auth } : {}) });
  return gmailTransport(client, o.retry, ledger ? { ledger, sender } : undefined);
}
