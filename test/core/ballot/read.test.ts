import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../functions/core/evaluate.js';
import { passes } from '../../../functions/core/ballot/read.js';
import { snapshot } from '../../support/snapshot.js';
import { withBallot, type BallotLine } from '../../support/ballot.js';

const base = snapshot({
  settings: { 'Hình thức Cờ': 'Cờ thi đua của UBND tỉnh', 'Hình thức Bằng khen': 'Bằng khen của Chủ tịch UBND tỉnh' },
  units: [{ code: 'HND' }, { code: 'LDLD' }],
  criteria: [{ code: '1', max: 10, rule: 'Tự chấm' }],
  entries: { HND: { '1': { self: 10, evidence: 'x' } }, LDLD: { '1': { self: 9.5, evidence: 'x' } } },
});
const run = (lines: BallotLine[]) => evaluate(withBallot(base, lines)).evaluation;
const ballotIssues = (lines: BallotLine[]) => run(lines).issues.filter((i) => i.tab === 'Bỏ phiếu');

describe('reading Bỏ phiếu', () => {
  it('matches Nội dung like a header: case, spaces, NFC or NFD', () => {
    const ev = run([
      ['  cờ THI đua của ubnd tỉnh ', 'hnd', 8, 9],
      ['Bằng khen của Chủ tịch UBND tỉnh'.normalize('NFD'), 'LDLD', '7', '9'],
      ['CỤM TRƯỞNG', 'LDLD', 6, 9],
    ]);
    expect(ev.issues).toEqual([]);
    const hnd = ev.units.find((u) => u.code === 'HND')!;
    expect(hnd.votes).toEqual([{ subject: 'Cờ thi đua của UBND tỉnh', kind: 'flag', for: 8, valid: 9, passed: true, outcome: 'awarded' }]);
    expect(ev.units.find((u) => u.code === 'LDLD')!.votes.map((v) => v.subject)).toEqual(['Bằng khen của Chủ tịch UBND tỉnh', 'Cụm trưởng']);
  });

  it.each<[string, BallotLine, string, string]>([
    ['text in Đồng ý', ['Cụm trưởng', 'HND', 'tám', 9], 'C2', 'Đồng ý "tám" phải là số phiếu'],
    ['a fraction of a ballot', ['Cụm trưởng', 'HND', '7,5', 9], 'C2', 'phải là số phiếu: số nguyên'],
    ['a negative count', ['Cụm trưởng', 'HND', -1, 9], 'C2', 'số nguyên từ 0 trở lên'],
    ['Đồng ý empty', ['Cụm trưởng', 'HND', '', 9], 'C2', 'Chưa nhập Đồng ý'],
    ['Phiếu hợp lệ empty', ['Cụm trưởng', 'HND', 3, ''], 'D2', 'Chưa nhập Phiếu hợp lệ'],
    ['Phiếu hợp lệ zero', ['Cụm trưởng', 'HND', 0, 0], 'D2', 'Phiếu hợp lệ phải lớn hơn 0'],
    ['more for than valid', ['Cụm trưởng', 'HND', 10, 9], 'C2', 'Đồng ý 10 lớn hơn Phiếu hợp lệ 9'],
    ['an unknown Nội dung', ['Giấy khen', 'HND', 8, 9], 'A2', 'Nội dung "Giấy khen" không phải nội dung bỏ phiếu'],
    ['an empty Nội dung', ['', 'HND', 8, 9], 'A2', 'Chưa nhập Nội dung'],
    ['an unknown Mã', ['Cụm trưởng', 'XYZ', 8, 9], 'B2', 'Mã "XYZ" không có trong tab Đơn vị'],
    ['a formula error', ['Cụm trưởng', 'HND', { t: 'e', v: '#REF!' }, 9], 'C2', 'Đồng ý "#REF!"'],
  ])('%s is an error on its cell, in Vietnamese, and the row is ignored', (_, line, cell, words) => {
    const issues = ballotIssues([line]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ unit: null, tab: 'Bỏ phiếu', cell, severity: 'error' });
    expect(issues[0]!.message).toContain(`Tab Bỏ phiếu, ô ${cell}: `);
    expect(issues[0]!.message).toContain(words);
    expect(issues[0]!.message).toMatch(/dòng này (chưa được tính|bị bỏ qua)/);
    expect(run([line]).units.every((u) => u.votes.length === 0)).toBe(true);
  });

  it('names every bad cell of a row, not only the first', () => {
    expect(ballotIssues([['Giấy khen', 'XYZ', 'abc', -3]]).map((i) => i.cell)).toEqual(['A2', 'B2', 'C2', 'D2']);
  });

  it('takes a unit once per form: a second row is an error on its Mã', () => {
    const issues = ballotIssues([['Cụm trưởng', 'HND', 5, 9], ['Cụm trưởng', 'hnd', 9, 9]]);
    expect(issues.map((i) => [i.cell, i.code])).toEqual([['B3', 'duplicate-vote']]);
    expect(run([['Cụm trưởng', 'HND', 5, 9], ['Cụm trưởng', 'hnd', 9, 9]]).units.find((u) => u.code === 'HND')!.votes[0]!.for).toBe(5);
  });

  it('skips empty rows and reads a workbook without the tab as version 1', () => {
    expect(ballotIssues([['', '', '', ''], ['Cụm trưởng', 'HND', 5, 9]])).toEqual([]);
    const v1 = evaluate(base).evaluation;
    expect(v1.issues).toEqual([]);
    expect(v1.units.map((u) => [u.award, u.proposal, u.votes, u.voteResult])).toEqual([
      ['Cờ thi đua của UBND tỉnh', 'Cờ thi đua của UBND tỉnh', [], null],
      ['Bằng khen của Chủ tịch UBND tỉnh', 'Bằng khen của Chủ tịch UBND tỉnh', [], null],
    ]);
  });

  it('ignores a tab without its columns, saying which one is missing', () => {
    const wb = { ...base, tabs: [...base.tabs, { name: 'Bỏ phiếu', rows: [[{ t: 's' as const, v: 'Nội dung' }, { t: 's' as const, v: 'Mã' }]] }] };
    const issues = evaluate(wb).evaluation.issues;
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringContaining('Tab Bỏ phiếu thiếu cột "Đồng ý"'),
      expect.stringContaining('Tab Bỏ phiếu thiếu cột "Phiếu hợp lệ"'),
    ]);
  });
});

describe('the pass test', () => {
  it('without a threshold: more than half', () => {
    expect(passes(5, 9, null)).toBe(true);
    expect(passes(5, 10, null)).toBe(false);
    expect(passes(6, 10, null)).toBe(true);
  });

  it('with a threshold: at least that share, compared exactly (70% of 10 is 7, not 7,000…1)', () => {
    expect(passes(7, 10, 0.7)).toBe(true);
    expect(passes(6, 10, 0.7)).toBe(false);
    expect(passes(2, 3, 0.6667)).toBe(false); // 66,666…% is below 66,67%
    expect(passes(6667, 10000, 0.6667)).toBe(true);
    expect(passes(6666, 10000, 0.6667)).toBe(false);
    expect(passes(0, 9, 0)).toBe(true);
    expect(passes(9, 9, 1)).toBe(true);
    expect(passes(8, 9, 1)).toBe(false);
  });

  it('reads Tỷ lệ phiếu tối thiểu as the Mức keys are: 70%, 70 or 0,7', () => {
    for (const typed of ['70%', 70, '0,7', '70']) {
      const wb = snapshot({ settings: { 'Tỷ lệ phiếu tối thiểu': typed }, units: [{ code: 'A' }], criteria: [{ code: '1', max: 10, rule: 'Tự chấm' }], entries: {} });
      expect(evaluate(wb).evaluation.settings.voteThreshold, String(typed)).toBeCloseTo(0.7, 12);
    }
    const bad = snapshot({ settings: { 'Tỷ lệ phiếu tối thiểu': '170%' }, units: [{ code: 'A' }], criteria: [{ code: '1', max: 10, rule: 'Tự chấm' }], entries: {} });
    const ev = evaluate(bad).evaluation;
    expect(ev.settings.voteThreshold).toBeNull();
    expect(ev.issues[0]).toMatchObject({ tab: 'Cấu hình', cell: 'B4', severity: 'error' });
  });
});
