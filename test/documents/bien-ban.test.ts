import { describe, expect, it } from 'vitest';
import { bienBan } from '../../functions/documents/bien-ban.js';
import { factsFromEvaluation } from '../../functions/documents/facts.js';
import { readBack } from '../support/documents.js';
import { CERT, FLAG, meetingEvaluation } from '../support/meeting-sample.js';

describe('Biên bản họp bình xét thi đua', async () => {
  const facts = factsFromEvaluation(await meetingEvaluation());
  const texts = await readBack(bienBan(facts));

  it('is named with the year', () => {
    expect(bienBan(facts).name).toBe('Bien-ban-hop-2023');
  });

  it('has the frame, lines to fill in for time and place, and every member present', () => {
    for (const { format, text } of texts) {
      expect(text, format).toContain('KHỐI THI ĐUA CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI TỈNH');
      expect(text, format).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text, format).toContain('BIÊN BẢN Họp bình xét thi đua năm 2023 DỰ THẢO');
      expect(text, format).toContain('Thời gian: vào lúc …… giờ …… phút, ngày …… tháng …… năm ……');
      expect(text, format).toContain('Địa điểm: ……');
      expect(text, format).toContain('đại diện lãnh đạo 6 đơn vị thành viên');
      for (const [i, u] of facts.units.entries()) expect(text, format).toContain(`${i + 1}. ${u.name}`);
      expect(text, format).toContain('1. Hội Nông dân tỉnh (Khối trưởng)');
      expect(text, format).toContain('Ủy ban MTTQ Việt Nam tỉnh (Khối phó)');
    }
  });

  it('gives the scores, the tallies and the conclusions with total and vote share', () => {
    for (const { format, text } of texts) {
      expect(text, format).toContain('1 Hội Nông dân tỉnh 94,41 Xuất sắc');
      expect(text, format).toContain('6 Hội Liên hiệp Phụ nữ tỉnh 70,10 Tốt');
      expect(text, format).toContain(`${FLAG} Hội Nông dân tỉnh 8/9 phiếu (88,89%) Đạt`);
      expect(text, format).toContain(`${CERT} Hội Cựu chiến binh tỉnh 6/9 phiếu (66,67%) Đạt`);
      expect(text, format).toContain(`- ${FLAG}: Hội Nông dân tỉnh (hạng 1, 94,41 điểm, đạt 8/9 phiếu (88,89%)).`);
      expect(text, format).toContain(`- ${CERT}: Liên đoàn Lao động tỉnh (hạng 2, 93,63 điểm, đạt 7/9 phiếu (77,78%)); Hội Cựu chiến binh tỉnh (hạng 3, 90,92 điểm, đạt 6/9 phiếu (66,67%)).`);
    }
  });

  it("names next year's head and deputy, and is signed by the secretary and the chair with the head unit's name", () => {
    for (const { format, text } of texts) {
      expect(text, format).toContain('4. Khối trưởng, Khối phó năm 2024');
      expect(text, format).toContain('Khối trưởng: Ủy ban MTTQ Việt Nam tỉnh; Khối phó: Liên đoàn Lao động tỉnh (theo nguyên tắc luân phiên).');
      expect(text, format).toMatch(/THƯ KÝ .*CHỦ TRÌ .*Hội Nông dân tỉnh/);
    }
  });

  it('says when nobody reached the votes, and which units must vote again', async () => {
    const f = factsFromEvaluation(await meetingEvaluation({ ballot: [[FLAG, 'HND', 4, 9], [FLAG, 'LDLD', 4, 9]] }));
    const [docx] = await readBack(bienBan(f));
    expect(docx!.text).toContain(`${FLAG} Hội Nông dân tỉnh 4/9 phiếu (44,44%) Không đạt`);
    expect(docx!.text).not.toContain(`- ${FLAG}:`);
  });

  it("elects next year's head by the ballot, in the cluster's own word", async () => {
    const f = factsFromEvaluation(await meetingEvaluation({ ballot: [[FLAG, 'HND', 8, 9], ['Cụm trưởng', 'CCB', 7, 9], ['Cụm trưởng', 'MTTQ', 2, 9]] }));
    for (const { format, text } of await readBack(bienBan(f))) {
      expect(text, format).toContain('Khối trưởng Hội Cựu chiến binh tỉnh 7/9 phiếu (77,78%) Trúng cử');
      expect(text, format).toContain('Khối trưởng Ủy ban MTTQ Việt Nam tỉnh 2/9 phiếu (22,22%) Không đạt');
      expect(text, format).toContain('Khối trưởng: Hội Cựu chiến binh tỉnh; Khối phó: Liên đoàn Lao động tỉnh (theo kết quả bỏ phiếu).');
    }
  });

  it('without tallies says so instead of an empty table', async () => {
    const f = factsFromEvaluation(await meetingEvaluation({ ballot: null }));
    const [docx] = await readBack(bienBan(f));
    expect(docx!.text).toContain('Chưa có kết quả kiểm phiếu');
    // The proposals of the scores stand, without a vote share.
    expect(docx!.text).toContain(`- ${FLAG}: Hội Nông dân tỉnh (hạng 1, 94,41 điểm).`);
  });
});
