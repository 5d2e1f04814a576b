/**
 * End to end: plan → outbox in a real SQLite ledger → a real SMTP server on loopback →
 * every message read back with mailparser, as a recipient's mail program would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../functions/core/model.js';
import type { Ledger } from '../../functions/ledger/port.js';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { deliverDue, enqueueDrafts } from '../../functions/mail/outbox.js';
import { planReminders, planReports } from '../../functions/mail/plan.js';
import { openSmtpTransport } from '../../functions/mail/transports/smtp.js';
import type { MailTransport } from '../../functions/mail/transport.js';
import { isPng } from '../support/chromium.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { provincialBlock } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'thidua-delivery-'));
const T0 = Date.UTC(2023, 11, 15, 2, 0, 0);
const HOUR = 3_600_000;
const CLUSTER = 'Khối thi đua các tổ chức chính trị - xã hội tỉnh';
const ctx = { cluster: 'local', asOf: '2023-12-15', workbookTitle: 'thi-dua-2023.xlsx', url: 'https://docs.google.com/spreadsheets/d/abc/edit' };

let server: TestSmtpServer;
let ledger: Ledger;
let transport: MailTransport;
let n = 0;

beforeAll(async () => {
  server = await startSmtpServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.mode = 'accept';
  server.received.length = 0;
  ledger = openSqliteLedger(join(dir, `ledger-${++n}.sqlite`));
  transport = openSmtpTransport(server.url, { socketMs: 500, connectionMs: 2_000, greetingMs: 2_000 });
});
afterEach(async () => {
  await transport.close();
  await ledger.close();
});

/** One run of the pipeline's mail step: plan, queue, deliver. */
async function run(ev: Evaluation, now: number, asOf = ctx.asOf) {
  const queued = await enqueueDrafts(ledger, planReports(ev, { ...ctx, asOf }), now, { from: { name: 'Văn phòng Khối', address: 'thidua@example.vn' } });
  const delivered = await deliverDue(ledger, transport, now, { from: 'thidua@example.vn', clock: () => now, random: () => 0.5 });
  return { queued, delivered };
}

// keepCidLinks: look at the HTML as sent, not with the image already swapped in.
const parsed = () => Promise.all(server.received.map((r) => simpleParser(r.raw, { keepCidLinks: true })));
const addresses = (m: ParsedMail) => (Array.isArray(m.to) ? m.to.flatMap((t) => t.value) : m.to!.value).map((a) => a.address);

describe('email delivery through SMTP', () => {
  it('delivers the summary and the scorecards with everything a reader needs', async () => {
    const { delivered } = await run(provincialBlock(), T0);
    expect(delivered.map((e) => e.outcome)).toEqual(Array(7).fill('sent'));
    const mails = await parsed();
    expect(mails).toHaveLength(7);

    const summary = mails.find((m) => m.subject!.includes('Kết quả chấm điểm'))!;
    expect(summary.subject).toBe(`[${CLUSTER}] Kết quả chấm điểm thi đua năm 2023 (cập nhật 15/12/2023)`);
    expect(addresses(summary)).toEqual(['lanhdao@example.vn', 'vanphong.khoi@example.vn']);
    expect(server.received.find((r) => r.to.includes('lanhdao@example.vn'))!.to).toEqual(['lanhdao@example.vn', 'vanphong.khoi@example.vn']);
    expect(summary.from!.value[0]).toEqual({ name: 'Văn phòng Khối', address: 'thidua@example.vn' });

    // both parts, with the table's facts in rank order
    const html = summary.html as string;
    for (const body of [html, summary.text!]) {
      expect(body).toContain('97,5');
      const at = ['Hội Nông dân tỉnh', 'Liên đoàn Lao động tỉnh', 'Hội Cựu chiến binh tỉnh'].map((u) => body.indexOf(u));
      expect(at[0]).toBeGreaterThan(-1);
      expect(at[0]!).toBeLessThan(at[1]!);
      expect(at[1]!).toBeLessThan(at[2]!);
    }
    expect(summary.text).toContain('1. Hội Nông dân tỉnh: 97,5 điểm, Xuất sắc. Đề nghị: Cờ thi đua');
    expect(html).toContain('href="https://docs.google.com/spreadsheets/d/abc/edit"');

    // the inline chart: the cid in the HTML names a real PNG part
    const cid = /src="cid:([^"]+)"/.exec(html)![1];
    expect(summary.attachments).toHaveLength(1);
    expect(summary.attachments[0]!.cid).toBe(cid);
    expect(isPng(summary.attachments[0]!.content)).toBe(true);
    expect(html).toMatch(/alt="Biểu đồ tổng điểm \(thang điểm 100\): 1\. Hội Nông dân tỉnh: 97,5;/);

    const ldld = mails.find((m) => addresses(m).includes('ldld@example.vn'))!;
    expect(ldld.subject).toBe(`[${CLUSTER}] Phiếu điểm thi đua năm 2023 của Liên đoàn Lao động tỉnh (cập nhật 15/12/2023)`);
    expect((Array.isArray(ldld.to) ? ldld.to[0]! : ldld.to!).value[0]!.name).toBe('Liên đoàn Lao động tỉnh');
    expect(ldld.text).toContain('Xếp hạng: 2/6');
    expect(ldld.messageId).toMatch(/^<[0-9a-f]{32}@thidua>$/);
  });

  it('shows a unit named like a script or a formula as text', async () => {
    await run(
      provincialBlock({}, (units) => {
        units.find((u) => u.code === 'TD')!.name = '<script>alert(1)</script>';
        units.find((u) => u.code === 'HLHPN')!.name = '=HYPERLINK("x")';
      }),
      T0,
    );
    const mails = await parsed();
    const summary = mails.find((m) => m.subject!.includes('Kết quả chấm điểm'))!;
    expect(summary.html).not.toMatch(/<script/i);
    expect(summary.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(summary.text).toContain('<script>alert(1)</script>');
    expect(summary.text).toContain('=HYPERLINK("x")');
    const td = mails.find((m) => addresses(m).includes('tinhdoan@example.vn'))!;
    expect(td.subject).toContain('của <script>alert(1)</script> (cập nhật');
  });

  it('delivers once, however often the same cluster is run again', async () => {
    await run(provincialBlock(), T0);
    const second = await run(provincialBlock(), T0 + HOUR, '2023-12-16');
    expect(second.queued.every((q) => q.outcome === 'duplicate')).toBe(true);
    expect(second.delivered).toEqual([]);
    await run(provincialBlock(), T0 + 24 * HOUR, '2023-12-16');
    expect(server.received).toHaveLength(7);
  });

  it('sends a new message when a total changes, and only for the emails whose facts changed', async () => {
    await run(provincialBlock(), T0);
    const { delivered } = await run(
      provincialBlock({}, (units) => {
        units.find((u) => u.code === 'HND')!.scores!['3.1'] = 10;
      }),
      T0 + HOUR,
    );
    // HND's total changes (97,5 → 98,5): the summary and HND's scorecard are new; so is
    // LĐLĐ's, which shows the gap to HND.
    expect(delivered.map((e) => e.subject).sort()).toEqual([
      `[${CLUSTER}] Kết quả chấm điểm thi đua năm 2023 (cập nhật 15/12/2023)`,
      `[${CLUSTER}] Phiếu điểm thi đua năm 2023 của Hội Nông dân tỉnh (cập nhật 15/12/2023)`,
      `[${CLUSTER}] Phiếu điểm thi đua năm 2023 của Liên đoàn Lao động tỉnh (cập nhật 15/12/2023)`,
    ]);
    expect(server.received).toHaveLength(10);
    const last = await simpleParser(server.received.find((r, i) => i >= 7 && r.to.includes('lanhdao@example.vn'))!.raw);
    expect(last.text).toContain('1. Hội Nông dân tỉnh: 98,5 điểm');
  });

  it.each(['fail-4xx', 'fail-5xx', 'hang'] as const)(
    'leaves the messages pending when the server %s, and delivers each once later',
    async (mode) => {
      server.mode = mode;
      const first = await run(provincialBlock(), T0);
      // A server that does not answer is not tried again in the same run: the rest wait, untried.
      const tried = mode === 'hang' ? 1 : 7;
      expect(first.delivered.map((e) => e.outcome)).toEqual(Array(tried).fill('retry'));
      expect(first.delivered[0]!.error).toBeTruthy();
      expect(server.received).toHaveLength(0);
      const states = (await ledger.listMessages('local')).map((m) => m.state);
      expect(states).toEqual(Array(7).fill('pending'));

      server.mode = 'accept';
      // The untried are due at once; the backoff holds back those that were tried.
      expect((await deliverDue(ledger, transport, T0 + 1_000, { clock: () => T0 + 1_000 })).length).toBe(7 - tried);
      const later = await deliverDue(ledger, transport, T0 + HOUR, { clock: () => T0 + HOUR });
      expect(later.map((e) => e.outcome)).toEqual(Array(tried).fill('sent'));
      expect(await deliverDue(ledger, transport, T0 + 2 * HOUR, { clock: () => T0 + 2 * HOUR })).toEqual([]);
      const ids = (await parsed()).map((m) => m.messageId);
      expect(ids).toHaveLength(7);
      expect(new Set(ids).size).toBe(7);
    },
  );

  it('sends reminders only within the window before the deadline, once per unit per day', async () => {
    const ev = provincialBlock({ deadline: '2023-12-20', remindDays: 3 });
    const remind = async (today: string, now: number) => {
      await enqueueDrafts(ledger, planReminders(ev, { ...ctx, asOf: today, today }), now);
      return deliverDue(ledger, transport, now, { clock: () => now });
    };
    expect(await remind('2023-12-16', T0)).toEqual([]);
    expect((await remind('2023-12-17', T0 + 24 * HOUR)).map((e) => e.outcome)).toEqual(['sent']);
    expect(await remind('2023-12-17', T0 + 30 * HOUR)).toEqual([]);
    expect((await remind('2023-12-18', T0 + 48 * HOUR)).map((e) => e.outcome)).toEqual(['sent']);
    expect(await remind('2023-12-21', T0 + 144 * HOUR)).toEqual([]);
    const mails = await parsed();
    expect(mails.map((m) => m.subject)).toEqual([
      `[${CLUSTER}] Nhắc nộp số liệu thi đua năm 2023: còn 3 ngày (hạn 20/12/2023)`,
      `[${CLUSTER}] Nhắc nộp số liệu thi đua năm 2023: còn 2 ngày (hạn 20/12/2023)`,
    ]);
    expect(mails.every((m) => addresses(m).join() === 'tinhdoan@example.vn')).toBe(true);
    expect(mails[0]!.text).toContain('Ô E7');
  });
});
