import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTransport } from '../../../functions/mail/transport.js';
import { openSmtpTransport } from '../../../functions/mail/transports/smtp.js';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp.js';

const raw = Buffer.from(
  'From: thidua@localhost\r\nTo: hnd@example.vn\r\nSubject: =?UTF-8?Q?Th=C6=B0?=\r\nMessage-ID: <abc@thidua>\r\n\r\nXin chao\r\n',
);
const envelope = { from: 'thidua@localhost', to: ['hnd@example.vn', 'ldld@example.vn'] };

let server: TestSmtpServer;
beforeAll(async () => {
  server = await startSmtpServer();
});
afterAll(async () => server.close());

describe('SMTP transport (real smtp-server on loopback)', () => {
  it('delivers the raw message as is to the envelope recipients', async () => {
    server.mode = 'accept';
    const t = openSmtpTransport(server.url);
    await t.send(raw, envelope, 'k1');
    await t.close();
    const got = server.received.at(-1)!;
    expect(got.to).toEqual(['hnd@example.vn', 'ldld@example.vn']);
    expect(got.from).toBe('thidua@localhost');
    expect(got.raw.toString()).toContain('Message-ID: <abc@thidua>');
    expect(got.raw.toString()).toContain('Xin chao');
  });

  it('is chosen when THIDUA_SMTP_URL is set', async () => {
    server.mode = 'accept';
    const before = server.received.length;
    const t = openTransport({ env: { THIDUA_SMTP_URL: server.url } });
    await t.send(raw, envelope, 'k2');
    await t.close();
    expect(server.received.length).toBe(before + 1);
  });

  it.each([
    ['fail-4xx', 451],
    ['fail-5xx', 554],
  ] as const)('fails the attempt when the server answers %s', async (mode, code) => {
    server.mode = mode;
    const before = server.received.length;
    const t = openSmtpTransport(server.url);
    await expect(t.send(raw, envelope, 'k3')).rejects.toMatchObject({ responseCode: code });
    await t.close();
    expect(server.received.length).toBe(before);
  });

  it('gives up on a server that never answers, on the socket timeout', async () => {
    server.mode = 'hang';
    const t = openSmtpTransport(server.url, { socketMs: 300 });
    await expect(t.send(raw, envelope, 'k4')).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    await t.close();
  });

  it('gives up on a port where nothing listens', async () => {
    const closed = await startSmtpServer();
    const url = closed.url;
    await closed.close();
    const t = openSmtpTransport(url, { connectionMs: 1_000 });
    await expect(t.send(raw, envelope, 'k5')).rejects.toThrow();
    await t.close();
  });
});
