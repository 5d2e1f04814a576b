/**
 * A real SMTP server on loopback (smtp-server) that keeps what it receives, for mail
 * tests. Its behaviour can be switched between runs: accept, refuse with a 4xx or 5xx
 * after the data, or never answer the data (the client's socket timeout must fire).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

export type SmtpMode = 'accept' | 'fail-4xx' | 'fail-5xx' | 'hang';

export interface TestSmtpServer {
  url: string;
  port: number;
  received: Received[];
  mode: SmtpMode;
  close(): Promise<void>;
}

export async function startSmtpServer(mode: SmtpMode = 'accept'): Promise<TestSmtpServer> {
  const received: Received[] = [];
  const state = { mode };
  const hung: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const reply = (code: number, message: string) => callback(Object.assign(new Error(message), { responseCode: code }));
        if (state.mode === 'fail-4xx') return reply(451, '4.3.0 Tạm thời không nhận thư / temporary failure');
        if (state.mode === 'fail-5xx') return reply(554, '5.3.0 Không nhận thư / transaction failed');
        if (state.mode === 'hang') {
          // Never answer: the client gives up on its socket timeout.
          hung.push(() => callback(new Error('closing')));
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    get mode() {
      return state.mode;
    },
    set mode(m: SmtpMode) {
      state.mode = m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of hung.splice(0)) release();
        server.close(() => resolve());
      }),
  };
}
