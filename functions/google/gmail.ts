/**
 * Gmail as a mail transport: the message is built elsewhere (nodemailer, raw MIME) and
 * handed over whole as `raw`, base64url-encoded, as `users.messages.send` wants it.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { withRetry, type RetryOptions } from './retry.js';

export interface GmailSent {
  id: string;
  threadId: string | null;
}

export async function sendViaGmail(
  client: gmail_v1.Gmail,
  raw: Buffer | string,
  retry: RetryOptions = {},
): Promise<GmailSent> {
  const encoded = (typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw).toString('base64url');
  // A timed-out send may still have gone out; the outbox decides about trying again, not us.
  const res = await withRetry(
    'Gmail users.messages.send',
    (s) => client.users.messages.send({ userId: 'me', requestBody: { raw: encoded } }, s),
    { retryTimeouts: false, ...retry },
  );
  return { id: res.data.id ?? '', threadId: res.data.threadId ?? null };
}
