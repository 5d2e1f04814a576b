import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { FakeGoogle } from '../support/fake-google/index.js';
import { gmailClient } from '../../functions/google/clients.js';
import { sendViaGmail } from '../../functions/google/gmail.js';
import { GoogleCallError } from '../../functions/google/retry.js';

let fake: FakeGoogle;
beforeAll(async () => void (fake = await FakeGoogle.start()));
afterAll(async () => fake.close());

async function mime(subject: string): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail({
    from: '"Ban Thi đua" <tdkt@example.vn>',
    to: 'hnd@example.vn',
    subject,
    text: 'Kết quả chấm điểm thi đua năm 2024 của đơn vị.',
    html: '<p>Kết quả chấm điểm <b>thi đua</b> năm 2024.</p>',
  });
  return info.message as Buffer;
}

const quick = { sleep: async () => {} };

describe('sendViaGmail through the real Gmail client', () => {
  it('delivers the raw MIME message as built, with a Vietnamese subject intact', async () => {
    const raw = await mime('Kết quả thi đua năm 2024 — Hội Nông dân');
    fake.resetCounts();
    const sent = await sendViaGmail(gmailClient({ rootUrl: fake.rootUrl }), raw, quick);

    expect(fake.count('gmail.send')).toBe(1);
    const got = fake.sent.at(-1)!;
    expect(got.userId).toBe('me');
    expect(got.raw.equals(raw)).toBe(true);
    expect(sent.id).toBe(`msg-${fake.sent.length}`);
    const parsed = await simpleParser(got.raw);
    expect(parsed.subject).toBe('Kết quả thi đua năm 2024 — Hội Nông dân');
    expect(parsed.text).toContain('Kết quả chấm điểm thi đua');
    // The JSON request carried `raw` as base64url (no + / characters).
    expect(fake.requests('gmail.send')[0]!.body.raw).toMatch(/^[A-Za-z0-9_-]+=*$/);
  });

  it('accepts the message as a string too', async () => {
    const raw = (await mime('Nhắc hạn nộp')).toString('utf8');
    await sendViaGmail(gmailClient({ rootUrl: fake.rootUrl }), raw, quick);
    expect(fake.sent.at(-1)!.raw.toString('utf8')).toBe(raw);
  });

  it('retries a 503 and delivers once', async () => {
    const before = fake.sent.length;
    fake.resetCounts();
    fake.inject({ endpoint: 'gmail.send', status: 503 });
    await sendViaGmail(gmailClient({ rootUrl: fake.rootUrl }), await mime('Thử lại'), quick);
    expect(fake.count('gmail.send')).toBe(2);
    expect(fake.sent.length).toBe(before + 1);
  });

  it('does not send again after a timeout: the first attempt may have gone out', async () => {
    fake.resetCounts();
    fake.inject({ endpoint: 'gmail.send', hang: true });
    const err = await sendViaGmail(gmailClient({ rootUrl: fake.rootUrl }), await mime('Treo'), { ...quick, timeoutMs: 200 }).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleCallError);
    expect(err.timedOut).toBe(true);
    expect(fake.count('gmail.send')).toBe(1);
  });
});
