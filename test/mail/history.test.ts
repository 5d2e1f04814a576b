/** History where people read it: a scorecard names the unit's earlier awards; the summary notes a flag received the year before. */
import { describe, expect, it } from 'vitest';
import { planReports } from '../../functions/mail/plan.js';
import { provincialBlock } from './fixtures.js';

const ctx = { cluster: 'local', asOf: '2023-12-15', workbookTitle: 'khoi-2023.xlsx' };

const withHistory = (lang: 'vi' | 'en' = 'vi') =>
  provincialBlock({ language: lang }, (units) => {
    units.find((u) => u.code === 'HND')!.history = [
      { year: 2021, rank: 2, total: 91.5, grade: 'Xuất sắc', award: 'Bằng khen', role: null },
      { year: 2022, rank: 1, total: 95.25, grade: 'Xuất sắc', award: 'Cờ thi đua', role: 'Cụm trưởng' },
    ];
    units.find((u) => u.code === 'LDLD')!.history = [{ year: 2022, rank: 4, total: 80, grade: 'Tốt', award: null, role: 'Cụm phó' }];
  });

describe('history in the emails', () => {
  it('a scorecard names the unit’s awards of earlier years, and its years', () => {
    const drafts = planReports(withHistory(), ctx);
    const flagUnit = drafts.find((d) => d.kind === 'scorecard' && d.text.includes('Cờ thi đua năm 2022'))!;
    expect(flagUnit.text).toContain('Khen thưởng các năm trước: Bằng khen năm 2021; Cờ thi đua năm 2022.');
    expect(flagUnit.text).toContain('- Năm 2022: hạng 1, 95,25 điểm, Xuất sắc, Cờ thi đua (Cụm trưởng)');
    expect(flagUnit.html).toContain('Kết quả các năm trước');
    const ldld = drafts.find((d) => d.unit === 'LDLD')!;
    expect(ldld.text).toContain('Khen thưởng các năm trước: chưa có.');
    // A unit without history gets no such section.
    const other = drafts.find((d) => d.kind === 'scorecard' && d.unit !== 'LDLD' && d.unit !== flagUnit.unit)!;
    expect(other.text).not.toContain('CÁC NĂM TRƯỚC');
  });

  it('the summary notes a unit proposed for the flag that also received it the year before', () => {
    const ev = withHistory();
    const flag = ev.units.find((u) => u.award === 'Cờ thi đua')!;
    // The fixture's flag goes to the leader; give that unit last year's flag.
    flag.history = [{ year: 2022, rank: 1, total: 95, grade: 'Xuất sắc', award: 'Cờ thi đua', role: null }];
    const summary = planReports(ev, ctx).find((d) => d.kind === 'summary')!;
    expect(summary.text).toContain(`Lưu ý: ${flag.name} đã nhận Cờ thi đua năm 2022 (theo tab Lịch sử).`);
    expect(summary.html).toContain('đã nhận Cờ thi đua năm 2022');

    // Received two years ago, or a Bằng khen last year: no note.
    flag.history = [{ year: 2021, rank: 1, total: 95, grade: 'Xuất sắc', award: 'Cờ thi đua', role: null }, { year: 2022, rank: 2, total: 93, grade: 'Xuất sắc', award: 'Bằng khen', role: null }];
    expect(planReports(ev, ctx).find((d) => d.kind === 'summary')!.text).not.toContain('Lưu ý:');
  });

  it('in English too', () => {
    const ev = withHistory('en');
    const flag = ev.units.find((u) => u.award === 'Cờ thi đua')!;
    flag.history = [{ year: 2022, rank: 1, total: 95, grade: 'Xuất sắc', award: 'Cờ thi đua', role: null }];
    const drafts = planReports(ev, ctx);
    expect(drafts.find((d) => d.kind === 'summary')!.text).toContain(`Note: ${flag.name} received Cờ thi đua in 2022`);
    expect(drafts.find((d) => d.unit === flag.code)!.text).toContain('Awards of earlier years: Cờ thi đua in 2022.');
  });
});
