/** `thidua lock` / `thidua unlock` and the vote on top of a lock, as a cluster's secretary uses them (MEETING.md). */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { TAB } from '../../sheets-schema/layout.js';
import { tempDir, thidua } from '../support/cli.js';

const dir = tempDir('thidua-lock-');
const file = join(dir, 'khoi.xlsx');
const outbox = join(dir, 'outbox');
const env = { THIDUA_USER: 'thuky.khoi' };
const json = (args: string[]) => {
  const r = thidua(args, env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};
type Unit = { code: string; rank: number; total: number; grade: string; award: string | null; proposal: string | null; votes: unknown[] };
const results = (out: { units: Unit[] }) => out.units.map((u) => [u.code, u.rank, u.total, u.grade, u.proposal]);

async function edit(fn: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  fn(wb);
  await wb.xlsx.writeFile(file);
}
const tab = (name: string) => readXlsx(readFileSync(file), 'khoi.xlsx').tabs.find((t) => t.name === name)!;
const texts = (name: string) => tab(name).rows.map((r) => r.map((c) => (c === null ? '' : String(c.v))));

let before: { units: Unit[] };
let sentFirst: string[];

async function outboxKeys(): Promise<string[]> {
  const ledger = openSqliteLedger(join(dir, '.thidua', 'ledger.sqlite'));
  try {
    return (await ledger.listMessages(`file:${file}`)).map((m) => m.key).sort();
  } finally {
    await ledger.close();
  }
}

beforeAll(async () => {
  expect(thidua(['init', file, '--sample']).code).toBe(0);
  before = json(['run', file, '--json', '--send', '--outbox', outbox]);
  sentFirst = await outboxKeys();
  expect(sentFirst.length).toBe(7); // the summary and six scorecards
});

describe('thidua lock, a vote, thidua unlock', () => {
  it('is not locked at first, and proposes next year by rotation', () => {
    const out = json(['run', file, '--json', '--outbox', outbox]);
    expect(out.locked).toBeNull();
    expect(out.next).toEqual({ year: 2024, head: 'MTTQ', deputy: 'LDLD', by: 'rotation' });
    expect(out.units[0]).toMatchObject({ code: 'HND', award: 'Cờ thi đua của UBND tỉnh', proposal: 'Cờ thi đua của UBND tỉnh', votes: [], voteResult: null });
  });

  it('locks: says when, logs who, and shows it beside Xếp hạng', () => {
    const r = thidua(['lock', file, '--now', '2023-12-20'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Đã chốt kết quả lúc 20/12/2023 10:00');
    const log = texts(TAB.log).map((row) => row.join(' | '));
    expect(log.some((l) => l.includes('Đã chốt kết quả lúc 20/12/2023 10:00 (người chốt: thuky.khoi'))).toBe(true);
    const ranking = texts(TAB.ranking).flat();
    expect(ranking).toContain('Đã chốt lúc 20/12/2023 10:00');
    expect(ranking).toContain('Năm 2024: Cụm trưởng Ủy ban MTTQ Việt Nam tỉnh, Cụm phó Liên đoàn Lao động tỉnh (luân phiên)');
  });

  it('refuses a second lock, naming the first', () => {
    const r = thidua(['lock', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Kết quả đã được chốt lúc 20/12/2023 10:00 (người chốt: thuky.khoi)');
  });

  it('keeps the locked results when inputs change, warning on each changed cell; sends nothing again', async () => {
    await edit((wb) => {
      wb.getWorksheet('LDLD')!.getCell('E6').value = '7.000'; // 2.2 Thực hiện, was 6.754
      wb.getWorksheet('HND')!.getCell('G2').value = 'Kế hoạch sửa lại'; // 1.1 Minh chứng
    });
    const out = json(['run', file, '--json', '--send', '--outbox', outbox]);
    expect(results(out)).toEqual(results(before));
    expect(out.locked).toEqual({ at: '2023-12-20T10:00:00+07:00' });
    const changed = out.issues.filter((i: { code: string }) => i.code === 'changed-after-lock');
    expect(changed).toEqual([
      expect.objectContaining({ unit: 'HND', tab: 'HND', cell: 'G2', criterion: '1.1', severity: 'warning' }),
      expect.objectContaining({ unit: 'LDLD', tab: 'LDLD', cell: 'E6', criterion: '2.2', severity: 'warning', message: expect.stringContaining('Ô E6 (tiêu chí 2.2): Đã sửa sau khi chốt: 6.754 → 7.000') }),
    ]);
    const log = texts(TAB.log).map((row) => row[2]);
    const summaries = log.flatMap((l, i) => (l!.startsWith('Chấm điểm') ? [i] : []));
    const last = log.slice(summaries[summaries.length - 1]);
    expect(last.some((l) => l!.startsWith('Đã gửi'))).toBe(false);
    // The outbox holds exactly what the first --send queued: nothing new because of the edits.
    expect(await outboxKeys()).toEqual(sentFirst);
  });

  it('counts the vote on top of the locked proposals: the flag to the unit the meeting chose', async () => {
    await edit((wb) => {
      const ws = wb.getWorksheet('Bỏ phiếu')!;
      [
        ['Cờ thi đua của UBND tỉnh', 'HND', 4, 6],
        ['Cờ thi đua của UBND tỉnh', 'LDLD', 5, 6],
        ['Cụm trưởng', 'MTTQ', 6, 6],
        ['Cụm phó', 'CCB', 4, 6],
        ['Cụm phó', 'XYZ', 4, 6],
      ].forEach((row, i) => row.forEach((v, c) => (ws.getCell(i + 2, c + 1).value = v)));
    });
    const out = json(['run', file, '--json', '--outbox', outbox]);
    expect(results(out)).toEqual(results(before)); // still the locked scores
    const by = Object.fromEntries(out.units.map((u: Unit) => [u.code, u]));
    expect(by.LDLD).toMatchObject({ award: 'Cờ thi đua của UBND tỉnh', proposal: 'Bằng khen của Chủ tịch UBND tỉnh', voteResult: 'Cờ thi đua của UBND tỉnh: đạt 5/6 phiếu (83,33%)' });
    expect(by.LDLD.votes).toEqual([{ subject: 'Cờ thi đua của UBND tỉnh', kind: 'flag', for: 5, valid: 6, passed: true, outcome: 'awarded' }]);
    expect(by.HND).toMatchObject({ award: null, proposal: 'Cờ thi đua của UBND tỉnh', voteResult: 'Cờ thi đua của UBND tỉnh: đạt 4/6 phiếu (66,67%), không còn suất' });
    // LDLD's Bằng khen is given up, and not passed on without a vote.
    expect(by.CCB.award).toBe('Bằng khen của Chủ tịch UBND tỉnh');
    expect(by.MTTQ.award).toBeNull();
    expect(out.next).toEqual({ year: 2024, head: 'MTTQ', deputy: 'CCB', by: 'vote' });
    expect(out.issues).toContainEqual(expect.objectContaining({ tab: 'Bỏ phiếu', cell: 'B6', severity: 'error', code: 'unknown-vote-unit' }));
    const header = texts(TAB.ranking)[0]!;
    const col = header.indexOf('Kết quả bình xét');
    expect(col).toBe(header.indexOf('Đề nghị khen thưởng') + 1);
    expect(texts(TAB.ranking).find((r) => r[1] === 'LDLD')![col]).toBe('Cờ thi đua của UBND tỉnh: đạt 5/6 phiếu (83,33%)');
  });

  it('unlocks: logs who, and the next runs score afresh', () => {
    const r = thidua(['unlock', file, '--now', '2023-12-21'], env);
    expect(r.code).toBe(0);
    expect(texts(TAB.log).some((row) => row[2]!.includes('Đã mở chốt kết quả lúc 21/12/2023 10:00 (người mở: thuky.khoi'))).toBe(true);
    const out = json(['run', file, '--json', '--outbox', outbox]);
    expect(out.locked).toBeNull();
    expect(out.issues.filter((i: { code: string }) => i.code === 'changed-after-lock')).toEqual([]);
    const ldld = (o: { units: Unit[] }) => o.units.find((u) => u.code === 'LDLD')!.total;
    expect(ldld(out)).toBeGreaterThan(ldld(before)); // 7.000 sáng kiến now count
    expect(texts(TAB.ranking).flat().some((t) => t.startsWith('Đã chốt lúc'))).toBe(false);
    expect(thidua(['unlock', file], env).code).toBe(1);
  });
});
