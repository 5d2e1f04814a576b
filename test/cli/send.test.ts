/**
 * `thidua run FILE --send` over a real SMTP server on loopback: the summary and the
 * scorecards go out once; an unchanged re-run delivers nothing; a changed total is new
 * content and goes out again; every delivery is a line in Nhật ký.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { initWorkbook } from '../../functions/cli/init.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../functions/sheets/xlsx/write.js';
import { writeFileSync } from 'node:fs';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { tempDir } from '../support/cli.js';

const run = promisify(execFile);
let smtp: TestSmtpServer;
const dir = tempDir();
const file = join(dir, 'khoi.xlsx');

beforeAll(async () => {
  smtp = await startSmtpServer('accept');
  await initWorkbook(file, { sample: true, force: false });
});
afterAll(() => smtp.close());

const send = () =>
  run(process.execPath, [resolve('bin/thidua.js'), 'run', file, '--json', '--send', '--smtp', smtp.url, '--outbox', join(dir, 'outbox'), '--now', '2023-12-16'], {
    env: { ...process.env, THIDUA_MAIL_FROM: 'Ban Thi đua <thidua@thidua.example>' },
  });

const logLines = () => readXlsx(new Uint8Array(readFileSync(file)), 'x').tabs.find((t) => t.name === 'Nhật ký')!.rows.map((r) => String(r[2]?.v ?? ''));

describe('thidua run --send', () => {
  it('delivers each email once, however often it runs', async () => {
    await send();
    expect(smtp.received).toHaveLength(7); // the summary and six scorecards
    const summary = await simpleParser(smtp.received.find((m) => m.to.includes('lanhdao@thidua.example'))!.raw);
    expect(summary.subject).toBe('[Khối thi đua các tổ chức chính trị - xã hội tỉnh] Kết quả chấm điểm thi đua năm 2023 (cập nhật 16/12/2023)');
    expect(summary.text).toContain('Hội Nông dân tỉnh');
    expect(summary.html).toContain('94,41');
    expect(logLines().filter((l) => l.startsWith('Đã gửi'))).toHaveLength(7);

    await send();
    expect(smtp.received).toHaveLength(7); // unchanged content: nothing new
  });

  it('a changed total is new content: the summary and that unit\'s scorecard go out again', async () => {
    const bytes = new Uint8Array(readFileSync(file));
    const hpn = readXlsx(bytes, 'x').tabs.find((t) => t.name === 'HPN')!;
    const row = hpn.rows.findIndex((r) => r[0]?.v === '3.1');
    writeFileSync(file, applyEdits(bytes, { cells: [{ tab: 'HPN', row, col: 4, value: '14/12/2023' }], tabs: [], append: [], notes: [] }));
    const before = smtp.received.length;
    await send();
    const fresh = smtp.received.slice(before).map((m) => m.to.join(','));
    expect(fresh).toContain('hlhpn@thidua.example');
    expect(fresh.some((t) => t.includes('lanhdao@thidua.example'))).toBe(true);
    expect(fresh).not.toContain('hnd@thidua.example'); // HND's scorecard did not change
  });
});
