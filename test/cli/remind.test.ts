/** `thidua remind`: only inside the window before Hạn nộp, only units missing data or with errors, once a day. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { initWorkbook } from '../../functions/cli/init.js';
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

/** X-Thidua-Kind of each message received. */
const kinds = (from = 0) => smtp.received.slice(from).map((m) => /^X-Thidua-Kind: (.*)$/m.exec(m.raw.toString('utf8'))?.[1]?.trim());

const remind = (day: string) =>
  run(process.execPath, [resolve('bin/thidua.js'), 'remind', file, '--send', '--smtp', smtp.url, '--outbox', join(dir, 'outbox'), '--now', day]);

describe('thidua remind', () => {
  it('sends nothing before the window, one reminder to the unit with an error inside it, once a day', async () => {
    // Hạn nộp 15/12/2023, Nhắc trước 3 ngày: the window is 12/12 … 15/12.
    const before = await remind('2023-12-10');
    expect(before.stdout).toContain('Không có đơn vị nào cần nhắc');
    expect(smtp.received).toHaveLength(0);

    await remind('2023-12-13');
    expect(smtp.received.map((m) => m.to)).toEqual([['hlhpn@thidua.example']]); // HPN has an impossible date
    await remind('2023-12-13');
    expect(smtp.received).toHaveLength(1);
    await remind('2023-12-14');
    expect(smtp.received).toHaveLength(2);
    expect(kinds()).toEqual(['reminder', 'reminder']);
  });

  it('after the deadline, the daily job sends the reports once: the summary and the scorecards', async () => {
    const from = smtp.received.length;
    const after = await remind('2023-12-16');
    expect(after.stdout).toContain('báo cáo (đã quá hạn nộp)');
    const reports = kinds(from);
    expect(reports.filter((k) => k === 'summary')).toHaveLength(1);
    expect(reports.filter((k) => k === 'scorecard').length).toBe(reports.length - 1);
    expect(reports.length).toBeGreaterThan(1);
    await remind('2023-12-17');
    expect(smtp.received).toHaveLength(from + reports.length);
  });
});
