import { describe, expect, it } from 'vitest';
import { NEEDS_VOTE } from '../../sheets-schema/layout.js';
import { planReminders, planReports } from '../../functions/mail/plan.js';
import { provincialBlock } from './fixtures.js';

const ctx = { cluster: 'local', asOf: '2023-12-15', workbookTitle: 'thi-dua-2023.xlsx' };
const CLUSTER = 'Khối thi đua các tổ chức chính trị - xã hội tỉnh';

describe('planReports', () => {
  const ev = provincialBlock();
  const drafts = planReports(ev, ctx);
  const summary = drafts.find((d) => d.kind === 'summary')!;

  it('plans one summary to the report recipients and one scorecard per unit with an email', () => {
    expect(drafts.map((d) => `${d.kind}:${d.unit ?? '-'}`)).toEqual([
      'summary:-', 'scorecard:HND', 'scorecard:LDLD', 'scorecard:CCB', 'scorecard:HLHPN', 'scorecard:MTTQ', 'scorecard:TD',
    ]);
    expect(summary.to).toEqual(['lanhdao@example.vn', 'vanphong.khoi@example.vn']);
    expect(drafts.find((d) => d.unit === 'LDLD')!.to).toEqual(['ldld@example.vn', 'vanphong.ldld@example.vn']);
    expect(drafts.find((d) => d.unit === 'LDLD')!.toName).toBe('Liên đoàn Lao động tỉnh');
  });

  it('puts the cluster name, the kind, the year and the as-of date in the subject', () => {
    expect(summary.subject).toBe(`[${CLUSTER}] Kết quả chấm điểm thi đua năm 2023 (cập nhật 15/12/2023)`);
    expect(drafts.find((d) => d.unit === 'HND')!.subject).toBe(
      `[${CLUSTER}] Phiếu điểm thi đua năm 2023 của Hội Nông dân tỉnh (cập nhật 15/12/2023)`,
    );
    const half = planReports(provincialBlock({ period: '6 tháng' }), ctx)[0]!;
    expect(half.subject).toBe(`[${CLUSTER}] Kết quả chấm điểm thi đua 6 tháng năm 2023 (cập nhật 15/12/2023)`);
  });

  it('writes English subjects when the workbook says en', () => {
    const en = planReports(provincialBlock({ language: 'en' }), ctx);
    expect(en[0]!.subject).toBe(`[${CLUSTER}] Emulation scoring results, 2023 (as of 15/12/2023)`);
    expect(en[1]!.subject).toBe(`[${CLUSTER}] Scorecard of Hội Nông dân tỉnh, 2023 (as of 15/12/2023)`);
    expect(en[0]!.text).toContain('I. SCORES AND RANKING');
  });

  it('shows the ranking in order with vi-VN numbers, in both the HTML and the text', () => {
    const order = ['Hội Nông dân tỉnh', 'Liên đoàn Lao động tỉnh', 'Hội Cựu chiến binh tỉnh', 'Hội Liên hiệp Phụ nữ tỉnh', 'Ủy ban MTTQ Việt Nam tỉnh', 'Tỉnh đoàn'];
    for (const body of [summary.html, summary.text]) {
      const at = order.map((n) => body.indexOf(n));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      for (const total of ['97,5', '94,17', '93,6', '91', '85,4', '75,8']) expect(body).toContain(total);
    }
    expect(summary.text).toContain('1. Hội Nông dân tỉnh: 97,5 điểm, Xuất sắc. Đề nghị: Cờ thi đua');
    expect(summary.text).toContain('Nhóm 1: 54,67 | Nhóm 2: 27,5 | Nhóm 3: 9 | Điểm thưởng: 3 | Điểm trừ: 0');
    expect(summary.text).not.toMatch(/\b97\.5\b|\b94\.17\b/);
  });

  it('proposes the awards with their reasons, and says why the others get none', () => {
    expect(summary.text).toContain('- Cờ thi đua: Hội Nông dân tỉnh (97,5 điểm) - dẫn đầu Khối, xếp loại Xuất sắc');
    expect(summary.text).toContain('- Bằng khen: Liên đoàn Lao động tỉnh (94,17 điểm) - xếp thứ 2, xếp loại Xuất sắc');
    expect(summary.text).toContain('- Bằng khen: Hội Cựu chiến binh tỉnh (93,6 điểm) - xếp thứ 3, xếp loại Xuất sắc');
    expect(summary.text).toContain('- Hội Liên hiệp Phụ nữ tỉnh: xếp loại Xuất sắc nhưng đã hết suất Bằng khen (2 suất)');
    expect(summary.html).toContain('Đề nghị Cờ thi đua: <b');
  });

  it('draws 3 to 5 highlights from the largest results over target, written as people write them', () => {
    const lines = summary.text.split('\n');
    const start = lines.indexOf('III. MỘT SỐ KẾT QUẢ NỔI BẬT');
    const items = lines.slice(start + 1, lines.indexOf('IV. ĐƠN VỊ CHƯA NỘP HOẶC CÒN LỖI')).filter((l) => l.startsWith('- '));
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.length).toBeLessThanOrEqual(5);
    expect(items[0]).toBe('- Hội Nông dân tỉnh dẫn đầu Khối với 97,5 điểm, hơn Liên đoàn Lao động tỉnh 3,33 điểm.');
    expect(items[1]).toContain('Ủy ban MTTQ Việt Nam tỉnh: tiêu chí 1.2 (Kết quả phong trào thi đua chuyên đề) đạt 184,93% chỉ tiêu');
    expect(items[2]).toContain('Liên đoàn Lao động tỉnh: tiêu chí 1.2 (Kết quả phong trào thi đua chuyên đề) đạt 163,42% chỉ tiêu (thực hiện 6.754/chỉ tiêu 4.133)');
    expect(summary.html).toContain('đạt 163,42% chỉ tiêu');
  });

  it('lists units that have not submitted or still have errors, with counts', () => {
    const ev2 = provincialBlock({}, (units) => {
      delete units.find((u) => u.code === 'HLHPN')!.scores;
    });
    const s = planReports(ev2, ctx)[0]!;
    expect(s.text).toContain('Đã nộp số liệu: 5/6 đơn vị; chưa nộp: 1; còn lỗi cần sửa: 1 đơn vị (1 lỗi).');
    expect(s.text).toContain('- Hội Liên hiệp Phụ nữ tỉnh: chưa nộp số liệu');
    expect(s.text).toContain('- Tỉnh đoàn: còn 1 lỗi, 1 cảnh báo');
    expect(s.text).toContain('-. Hội Liên hiệp Phụ nữ tỉnh: chưa nộp số liệu');
    expect(s.html).toContain('Chưa nộp số liệu');
  });

  it('explains "Cần bỏ phiếu": the meeting votes when units are level at an award place', () => {
    const tied = provincialBlock();
    for (const code of ['CCB', 'HLHPN']) {
      const u = tied.units.find((x) => x.code === code)!;
      u.award = NEEDS_VOTE;
      u.awardReason = 'Bằng điểm ở vị trí xét Bằng khen cuối cùng';
    }
    const s = planReports(tied, ctx)[0]!;
    expect(s.text).toContain('- Cần bỏ phiếu: Hội Cựu chiến binh tỉnh (93,6 điểm), Hội Liên hiệp Phụ nữ tỉnh (91 điểm).');
    expect(s.text).toContain('Hội nghị Khối bỏ phiếu để quyết định');
    expect(s.html).toContain('Hội nghị Khối bỏ phiếu để quyết định');
  });

  it('gives each scorecard its rank, total, gap to the unit above, points per criterion and cells to fix', () => {
    const ldld = drafts.find((d) => d.unit === 'LDLD')!;
    expect(ldld.text).toContain('Xếp hạng: 2/6');
    expect(ldld.text).toContain('Tổng điểm: 94,17/100');
    expect(ldld.text).toContain('Kém đơn vị xếp trên, Hội Nông dân tỉnh (hạng 1, 97,5 điểm), 3,33 điểm.');
    expect(ldld.text).toContain('1.2 Kết quả phong trào thi đua chuyên đề: 17,47/20, chưa đạt 2,53 - đạt 163,42% chỉ tiêu: 10 + 10 × 0,6342 / 0,8493 = 17,47');
    expect(ldld.text).toContain('4.1 Sáng kiến được cấp tỉnh công nhận: +3 - 3 sáng kiến × 1 điểm');
    expect(ldld.text).toContain('Tổng điểm: 94,17 = 91,17 + 3');
    const hnd = drafts.find((d) => d.unit === 'HND')!;
    expect(hnd.text).toContain('Đơn vị dẫn đầu Khối.');
    const td = drafts.find((d) => d.unit === 'TD')!;
    expect(td.text).toContain('- [Lỗi] Ô E7: Ô E7 (tiêu chí 2.2): Ngày "31/02/2023" không có trên lịch.');
    expect(td.html).toContain('Những ô cần xem lại');
  });

  it('sends no summary without recipients, and no scorecard to a unit without an email', () => {
    const ev2 = provincialBlock({ reportTo: [] }, (units) => {
      units.find((u) => u.code === 'CCB')!.emails = [];
    });
    const d = planReports(ev2, ctx);
    expect(d.map((x) => x.unit)).toEqual(['HND', 'LDLD', 'HLHPN', 'MTTQ', 'TD']);
  });

  it('keeps the same keys when an unchanged cluster is re-rendered on another day', () => {
    const tomorrow = planReports(provincialBlock(), { ...ctx, asOf: '2023-12-16' });
    expect(tomorrow.map((d) => d.key)).toEqual(drafts.map((d) => d.key));
    expect(tomorrow[0]!.subject).not.toBe(summary.subject);
    expect(new Set(drafts.map((d) => d.key)).size).toBe(drafts.length);
  });

  it('changes the key of exactly the emails whose facts changed', () => {
    const changed = planReports(
      provincialBlock({}, (units) => {
        units.find((u) => u.code === 'HLHPN')!.scores!['3.1'] = 9.5;
      }),
      ctx,
    );
    const before = new Map(drafts.map((d) => [d.unit ?? 'summary', d.key]));
    const differs = changed.filter((d) => before.get(d.unit ?? 'summary') !== d.key).map((d) => d.unit ?? 'summary');
    // MTTQ's scorecard shows its gap to the unit above, HLHPN, whose total changed.
    expect(differs).toEqual(['summary', 'HLHPN', 'MTTQ']);
  });

  it('keys on the recipients too: a new report address is a new email', () => {
    const other = planReports(provincialBlock({ reportTo: ['moi@example.vn'] }), ctx)[0]!;
    expect(other.key).not.toBe(summary.key);
  });
});

describe('planReminders', () => {
  const ev = provincialBlock({ deadline: '2023-12-20', remindDays: 3 }, (units) => {
    delete units.find((u) => u.code === 'HLHPN')!.scores;
  });
  const remind = (today: string) => planReminders(ev, { ...ctx, asOf: today, today });


  it('reminds only from remindDays before the deadline through the deadline day', () => {
    const days = ['2023-12-15', '2023-12-16', '2023-12-17', '2023-12-18', '2023-12-19', '2023-12-20', '2023-12-21'];
    expect(days.map((d) => remind(d).length)).toEqual([0, 0, 2, 2, 2, 2, 0]);
    expect(planReminders(provincialBlock({ deadline: null }), { ...ctx, today: '2023-12-19' })).toEqual([]);
  });

  it('reminds only units that have not submitted or have errors, and have an email', () => {
    expect(remind('2023-12-18').map((d) => d.unit)).toEqual(['TD', 'HLHPN']);
    const noMail = provincialBlock({}, (units) => {
      units.find((u) => u.code === 'TD')!.emails = [];
    });
    expect(planReminders(noMail, { ...ctx, today: '2023-12-18' })).toEqual([]);
  });

  it('is one per unit per day: the same day gives the same key, even if the errors change; the next day a new one', () => {
    const a = remind('2023-12-18');
    const again = planReminders(
      provincialBlock({}, (units) => {
        delete units.find((u) => u.code === 'HLHPN')!.scores;
        units.find((u) => u.code === 'TD')!.issues!.pop();
      }),
      { ...ctx, asOf: '2023-12-18', today: '2023-12-18' },
    );
    expect(again.map((d) => d.key)).toEqual(a.map((d) => d.key));
    const next = remind('2023-12-19');
    expect(next.map((d) => d.key).some((k) => a.some((x) => x.key === k))).toBe(false);
  });

  it('says what is missing, the deadline and the cells', () => {
    const [td, hlhpn] = remind('2023-12-17');
    expect(td!.subject).toBe(`[${CLUSTER}] Nhắc nộp số liệu thi đua năm 2023: còn 3 ngày (hạn 20/12/2023)`);
    expect(td!.text).toContain('Hạn nộp số liệu: 20/12/2023 - còn 3 ngày.');
    expect(td!.text).toContain('- [Lỗi] Ô E7: Ô E7 (tiêu chí 2.2)');
    expect(hlhpn!.text).toContain('Tab HLHPN của đơn vị chưa có số liệu');
    expect(hlhpn!.text).toContain('- 1.2 Kết quả phong trào thi đua chuyên đề');
    expect(remind('2023-12-20')[0]!.subject).toContain('hôm nay là hạn cuối (hạn 20/12/2023)');
  });
});
