/** The meeting's vote in the emails (MEETING.md): the summary and the scorecards show it where there is one. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../functions/core/evaluate.js';
import { planReports } from '../../functions/mail/plan.js';
import { createWorkbook } from '../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { SAMPLE } from '../../sheets-schema/sample.js';
import { withBallot } from '../support/ballot.js';

describe('the vote in the summary and the scorecards', async () => {
  const wb = readXlsx(await createWorkbook(SAMPLE), 'thi-dua-2023.xlsx');
  const plan = { cluster: 'local', asOf: '2024-01-08', workbookTitle: 'thi-dua-2023.xlsx' };
  const voted = planReports(evaluate(withBallot(wb, [
    ['Cờ thi đua của UBND tỉnh', 'HND', 6, 6],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'LDLD', 5, 6],
    ['Bằng khen của Chủ tịch UBND tỉnh', 'CCB', 3, 6],
    ['Cụm trưởng', 'MTTQ', 6, 6],
  ])).evaluation, plan);
  const before = planReports(evaluate(wb).evaluation, plan);
  const summary = voted.find((d) => d.kind === 'summary')!;

  it('the summary lists each unit voted on with its share, and the award after the vote', () => {
    expect(summary.text).toContain('Kết quả bỏ phiếu tại Hội nghị (tab Bỏ phiếu):');
    expect(summary.text).toContain('- Hội Nông dân tỉnh: Cờ thi đua của UBND tỉnh: đạt 6/6 phiếu (100%)');
    expect(summary.text).toContain('- Hội Cựu chiến binh tỉnh: Bằng khen của Chủ tịch UBND tỉnh: không đạt 3/6 phiếu (50%)');
    expect(summary.text).toContain('- Bằng khen của Chủ tịch UBND tỉnh: Liên đoàn Lao động tỉnh (');
    expect(summary.text).not.toContain('- Bằng khen của Chủ tịch UBND tỉnh: Hội Cựu chiến binh tỉnh (');
    expect(summary.text).toContain('Năm 2024: Cụm trưởng Ủy ban MTTQ Việt Nam tỉnh, Cụm phó Liên đoàn Lao động tỉnh (theo kết quả bỏ phiếu).');
    expect(summary.html).toContain('<b>Liên đoàn Lao động tỉnh</b>: Bằng khen của Chủ tịch UBND tỉnh: đạt 5/6 phiếu (83,33%)');
  });

  it('a unit\'s scorecard shows its own tallies', () => {
    const ccb = voted.find((d) => d.unit === 'CCB')!;
    expect(ccb.text).toContain('Kết quả bình xét: Bằng khen của Chủ tịch UBND tỉnh: không đạt 3/6 phiếu (50%)');
    expect(ccb.html).toContain('Kết quả bình xét: Bằng khen của Chủ tịch UBND tỉnh: không đạt 3/6 phiếu (50%)');
    expect(voted.find((d) => d.unit === 'HPN')!.text).not.toContain('Kết quả bình xét');
  });

  it('says nothing of a vote before there is one', () => {
    for (const d of before) {
      expect(d.text).not.toContain('Kết quả bỏ phiếu');
      expect(d.text).not.toContain('Kết quả bình xét');
    }
  });
});
