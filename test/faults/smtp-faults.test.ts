/**
 * Mail faults (issue 7): `thidua run --send` against SMTP servers that reject, never
 * greet, drop the connection in the middle of the message, or store it and drop before
 * answering. Each run ends (a two-minute guard marks a hang), leaves what it could not
 * deliver pending, and a later run against a working server delivers every message
 * exactly once — except the one duplicate no client can avoid (stored, then dropped),
 * which carries the same Message-ID so that it is recognisably the same message.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initWorkbook } from '../../functions/cli/init.js';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { enqueueDrafts, deliverDue } from '../../functions/mail/outbox.js';
import { openSmtpTransport } from '../../functions/mail/transports/smtp.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { tempDir } from '../support/cli.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { isOneVietnameseLine, thiduaChild } from './child.js';

type RawMode = 'never-greet' | 'drop-mid-data' | 'accept-then-drop' | 'slow-drip';

/** A hand-made SMTP server misbehaving in one way; `stored` keeps what it read whole. */
async function rawServer(mode: RawMode): Promise<{ url: string; stored: Buffer[]; close(): Promise<void> }> {
  const stored: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    if (mode === 'never-greet') return; // accepts the connection, then silence
    if (mode === 'slow-drip') {
      // A greeting one byte at a time, every 4 s: no socket timeout ever fires.
      const greeting = '220 cham-chap.example ESMTP\r\n';
      let i = 0;
      const t = setInterval(() => (i < greeting.length ? sock.write(greeting[i++]!) : clearInterval(t)), 4_000);
      sock.on('close', () => clearInterval(t));
      return;
    }
    sock.write('220 loi.example ESMTP\r\n');
    let inData = false;
    let buf = Buffer.alloc(0);
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (inData) {
        if (mode === 'drop-mid-data' && buf.length > 200) return sock.destroy();
        const end = buf.indexOf('\r\n.\r\n');
        if (end < 0) return;
        stored.push(buf.subarray(0, end + 2));
        // Stored, then the connection drops before the 250 reaches the client.
        return sock.destroy();
      }
      let nl: number;
      while ((nl = buf.indexOf('\r\n')) >= 0) {
        const line = buf.subarray(0, nl).toString('latin1').toUpperCase();
        buf = buf.subarray(nl + 2);
        if (line.startsWith('EHLO') || line.startsWith('HELO')) sock.write('250 loi.example\r\n');
        else if (line.startsWith('DATA')) {
          inData = true;
          sock.write('354 go ahead\r\n');
          return;
        } else if (line.startsWith('QUIT')) sock.end('221 bye\r\n');
        else sock.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stored,
    close: () => new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      server.close(() => ok());
    }),
  };
}

const dir = tempDir('thidua-smtp-');
let sample: string;
let good: TestSmtpServer;

beforeAll(async () => {
  sample = join(dir, 'sample.xlsx');
  await initWorkbook(sample, { sample: true, force: false });
  good = await startSmtpServer('accept');
});
afterAll(async () => {
  await good.close();
});

function fresh(name: string): string {
  mkdirSync(join(dir, name));
  const f = join(dir, name, 'cum.xlsx');
  copyFileSync(sample, f);
  return f;
}
const run = (f: string, url: string, day: string) =>
  thiduaChild(['run', f, '--send', '--smtp', url, '--now', day, '--outbox', join(f, '..', 'outbox')], { guardMs: 120_000 });
const messageIds = async (raws: Buffer[]) => Promise.all(raws.map(async (r) => (await simpleParser(r)).messageId));
const mailLines = (f: string) =>
  readXlsx(new Uint8Array(readFileSync(f)), 'x').tabs.find((t) => t.name === 'Nhật ký')!.rows.filter((r) => r[1]?.v === 'Gửi thư').map((r) => String(r[2]?.v));
async function states(f: string): Promise<string[]> {
  const l = openSqliteLedger(join(f, '..', '.thidua', 'ledger.sqlite'));
  const s = (await l.listMessages(`file:${f}`)).map((m) => m.state);
  await l.close();
  return s.sort();
}

describe('run --send against a failing SMTP server, then once it works', () => {
  const FAULTS = [
    { mode: 'never-greet' as const, tried: 1 },
    { mode: 'drop-mid-data' as const, tried: 1 },
    { mode: 'reject' as const, tried: 7 },
    { mode: 'accept-then-drop' as const, tried: 1 },
  ];
  it.each(FAULTS)('$mode: the run ends, the rest stay pending, a later run delivers each once', async ({ mode, tried }) => {
    const before = good.received.length;
    const bad = mode === 'reject' ? await startSmtpServer('fail-5xx') : await rawServer(mode);
    const f = fresh(mode);
    const first = await run(f, bad.url, '2023-12-15');
    await bad.close();
    expect(first.hung).toBe(false); // ended within the two-minute guard
    expect(first.code).toBe(0);
    expect(await states(f)).toEqual(Array(7).fill('pending'));
    const lines = mailLines(f);
    expect(lines).toHaveLength(tried);
    for (const l of lines) expect(l).toMatch(/^Chưa gửi được .* \(.*máy chủ thư.*\); sẽ thử lại$/);

    // The server works again the next day: everything still pending goes out, once.
    const second = await run(f, good.url, '2023-12-16');
    expect(second.code).toBe(0);
    expect(await states(f)).toEqual(Array(7).fill('sent'));
    const third = await run(f, good.url, '2023-12-17');
    expect(third.code).toBe(0);
    const got = good.received.slice(before);
    expect(got).toHaveLength(7);
    const ids = await messageIds(got.map((g) => g.raw));
    expect(new Set(ids).size).toBe(7);
    if (mode === 'accept-then-drop') {
      // The unavoidable duplicate: the same message (same Message-ID) at both servers.
      const dropped = await messageIds((bad as { stored: Buffer[] }).stored);
      expect(dropped).toHaveLength(1);
      expect(ids).toContain(dropped[0]);
    }
  });

  it('a server that never greets does not hold the run: it ends well within two minutes', async () => {
    const bad = await rawServer('never-greet');
    const f = fresh('never-greet-timing');
    const t0 = performance.now();
    const r = await run(f, bad.url, '2023-12-15');
    const ms = performance.now() - t0;
    await bad.close();
    expect(r.hung).toBe(false);
    expect(r.code).toBe(0);
    console.log(`run --send against a server that never greets: ended in ${(ms / 1000).toFixed(1)} s`);
  });
});

describe('delivery bounds, in process', () => {
  it('a server answering a byte every 4 s is cut off by the per-message deadline, and the message stays pending', async () => {
    const bad = await rawServer('slow-drip');
    const ledger = openSqliteLedger(':memory:');
    const { planReports } = await import('../../functions/mail/plan.js');
    const { evaluate } = await import('../../functions/core/evaluate.js');
    const ev = evaluate(readXlsx(new Uint8Array(readFileSync(sample)), 'x')).evaluation;
    const drafts = planReports(ev, { cluster: 'local', asOf: '2023-12-15', workbookTitle: 'x' }).slice(0, 2);
    await enqueueDrafts(ledger, drafts, 0);
    const transport = openSmtpTransport(bad.url, { messageMs: 1_500 });
    const events = await deliverDue(ledger, transport, 0, { clock: () => 0 });
    await transport.close();
    await bad.close();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'retry' });
    expect(events[0]!.error).toContain('máy chủ thư không trả lời kịp');
    expect((await ledger.listMessages('local')).map((m) => m.state).sort()).toEqual(['pending', 'pending']);
    await ledger.close();
  });

  it('past the run budget nothing more is claimed, and an aborted send is put back at once', async () => {
    const ledger = openSqliteLedger(':memory:');
    const { planReports } = await import('../../functions/mail/plan.js');
    const { evaluate } = await import('../../functions/core/evaluate.js');
    const ev = evaluate(readXlsx(new Uint8Array(readFileSync(sample)), 'x')).evaluation;
    await enqueueDrafts(ledger, planReports(ev, { cluster: 'local', asOf: '2023-12-15', workbookTitle: 'x' }), 0);
    // A transport that never settles and ignores the signal: the budget still ends the call.
    const stuck = { send: () => new Promise<{ id: string }>(() => undefined), close: async () => undefined };
    const events = await deliverDue(ledger, stuck, 0, { clock: () => 0, budgetMs: 300 });
    expect(events).toMatchObject([{ outcome: 'retry', retryAt: 0 }]);
    expect(events[0]!.error).toBe('hết thời gian dành cho việc gửi thư ở lần chạy này');
    const ms = await ledger.listMessages('local');
    expect(ms.every((m) => m.state === 'pending' && m.leaseUntil === null && m.nextAttemptAt === 0)).toBe(true);
    await ledger.close();
  });
});

void isOneVietnameseLine;
