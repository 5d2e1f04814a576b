/**
 * The bundled sample workbook (sheets-schema/sample.ts) through the real core and into
 * the emails: what a new user sees first must read right.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../functions/core/evaluate.js';
import { planReports } from '../../functions/mail/plan.js';
import { createWorkbook } from '../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { SAMPLE } from '../../sheets-schema/sample.js';

describe('the sample cluster, scored by the core, in the emails', async () => {
  const ev = evaluate(readXlsx(await createWorkbook(SAMPLE), 'thi-dua-2023.xlsx')).evaluation;
  const drafts = planReports(ev, { cluster: 'local', asOf: '2023-12-15', workbookTitle: 'thi-dua-2023.xlsx' });
  const summary = drafts.find((d) => d.kind === 'summary')!;

  it('proposes what the meeting proposed: the flag for Hội Nông dân, certificates for LĐLĐ and CCB', () => {
    const flag = ev.settings.flagLabel;
    const cert = ev.settings.certificateLabel;
    expect(summary.text).toContain(`- ${flag}: Hội Nông dân tỉnh (`);
    expect(summary.text).toContain(`- ${cert}: Liên đoàn Lao động tỉnh (`);
    expect(summary.text).toContain(`- ${cert}: Hội Cựu chiến binh tỉnh (`);
  });

  it('writes the reported results as highlights, the way the report wrote them', () => {
    expect(summary.text).toMatch(/- Liên đoàn Lao động tỉnh: tiêu chí [\d.]+ \([^)]*\) đạt 163,42% chỉ tiêu \(thực hiện 6\.754\/chỉ tiêu 4\.133\)\./);
  });

  it('gives every unit with an email a scorecard whose criteria add up to its total', () => {
    for (const u of ev.units.filter((x) => x.emails.length > 0 && x.status !== 'missing')) {
      const d = drafts.find((x) => x.unit === u.code)!;
      const earned = [...d.text.matchAll(/^\d+\. .+: ([\d.,]+)\/[\d.,]+$/gm)].map((m) => Number(m[1]!.replace(/\./g, '').replace(',', '.')));
      const adjustments = [...d.text.matchAll(/^ {3}[\d.]+ .+: ([+-])([\d.,]+)/gm)].map((m) => (m[1] === '-' ? -1 : 1) * Number(m[2]!.replace(',', '.')));
      const total = Math.round((earned.reduce((a, b) => a + b, 0) + adjustments.reduce((a, b) => a + b, 0)) * 100);
      expect(total).toBe(u.total);
    }
  });
});
