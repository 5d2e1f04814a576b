import { describe, expect, it } from 'vitest';
import { factsFromEvaluation } from '../../functions/documents/facts.js';
import { giaoUoc, ruleInWords } from '../../functions/documents/giao-uoc.js';
import { readBack } from '../support/documents.js';
import { meetingEvaluation } from '../support/meeting-sample.js';

describe('Giao ước thi đua', async () => {
  // The 2024 workbook: the rotation made MTTQ head and LDLD deputy.
  const facts = factsFromEvaluation(await meetingEvaluation({ settings: [['Năm', '2024'], ['Cụm trưởng', 'MTTQ'], ['Cụm phó', 'LDLD']], ballot: null }));

  it('is the compact of the workbook year, with every criterion: Mã, Nội dung, Điểm chuẩn, Cách tính in words', async () => {
    expect(giaoUoc(facts).name).toBe('Giao-uoc-2024');
    for (const { format, text } of await readBack(giaoUoc(facts))) {
      expect(text, format).toContain('GIAO ƯỚC THI ĐUA NĂM 2024');
      expect(text, format).toContain('Độc lập - Tự do - Hạnh phúc');
      for (const c of facts.criteria) expect(text, `${format}: ${c.code}`).toContain(`${c.code} ${c.content}`);
      expect(text, format).toContain('1.3 Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến (mỗi mô hình 2,5 điểm) 10 2,5 điểm cho mỗi lần (mô hình, sản phẩm), tối đa 10 điểm.');
      expect(text, format).toContain('3.1 Gửi báo cáo tổng kết năm đúng hạn (chậm mỗi ngày trừ 2 điểm) 10 Đúng hạn: đủ điểm chuẩn; chậm mỗi ngày trừ 2 điểm.');
      expect(text, format).toContain('thang điểm 100 điểm; điểm thưởng tối đa 5 điểm');
      expect(text, format).toContain('Xuất sắc từ 90%; Tốt từ 70%; Hoàn thành từ 50%');
      expect(text, format).not.toContain('DỰ THẢO');
    }
  });

  it('has one signature block per unit, the head and the deputy first', async () => {
    for (const { format, text } of await readBack(giaoUoc(facts))) {
      const blocks = [...text.matchAll(/(KHỐI TRƯỞNG|KHỐI PHÓ|ĐƠN VỊ THÀNH VIÊN) ((?:(?!\(Ký).)+) \(Ký, ghi rõ họ tên, đóng dấu\)/g)].map((m) => [m[1], m[2]]);
      // Then the others in the evaluation's order (rank; `Đơn vị` order in a new year's workbook, where nobody has data).
      expect(blocks, format).toEqual([
        ['KHỐI TRƯỞNG', 'ỦY BAN MTTQ VIỆT NAM TỈNH'],
        ['KHỐI PHÓ', 'LIÊN ĐOÀN LAO ĐỘNG TỈNH'],
        ['ĐƠN VỊ THÀNH VIÊN', 'HỘI NÔNG DÂN TỈNH'],
        ['ĐƠN VỊ THÀNH VIÊN', 'HỘI CỰU CHIẾN BINH TỈNH'],
        ['ĐƠN VỊ THÀNH VIÊN', 'TỈNH ĐOÀN'],
        ['ĐƠN VỊ THÀNH VIÊN', 'HỘI LIÊN HIỆP PHỤ NỮ TỈNH'],
      ]);
    }
  });

  it('says every rule in words, with its parameter', () => {
    expect(ruleInWords('ratio', null, 2000, 'Khối')).toBe('Điểm chuẩn × Thực hiện / Chỉ tiêu; đạt hoặc vượt chỉ tiêu được đủ điểm chuẩn.');
    expect(ruleInWords('compare', null, 1000, 'Cụm')).toBe('Điểm chuẩn × Thực hiện / kết quả cao nhất trong Cụm.');
    expect(ruleInWords('passFail', null, 500, 'Khối')).toBe('Đạt: đủ điểm chuẩn; không đạt: 0 điểm.');
    expect(ruleInWords('perOccurrence', 2.5, 1000, 'Khối')).toBe('2,5 điểm cho mỗi lần (mô hình, sản phẩm), tối đa 10 điểm.');
    expect(ruleInWords('selfScored', null, 1000, 'Khối')).toBe('Đơn vị tự chấm, Khối chấm lại; tối đa 10 điểm.');
    expect(ruleInWords('onTime', null, 500, 'Khối')).toBe('Đúng hạn: đủ điểm chuẩn; chậm: 0 điểm.');
    expect(ruleInWords('onTime', 2, 1000, 'Khối')).toBe('Đúng hạn: đủ điểm chuẩn; chậm mỗi ngày trừ 2 điểm.');
    expect(ruleInWords('bonus', 1, 500, 'Khối')).toBe('Điểm thưởng: cộng 1 điểm cho mỗi lần, tối đa 5 điểm.');
    expect(ruleInWords('bonus', null, 500, 'Khối')).toBe('Điểm thưởng theo minh chứng, tối đa 5 điểm.');
    expect(ruleInWords('deduction', 2, 1000, 'Khối')).toBe('Điểm trừ: trừ 2 điểm cho mỗi lần, tối đa 10 điểm.');
    expect(ruleInWords('overTarget', null, 2500, 'Khối')).toContain('đơn vị vượt cao nhất được đủ điểm chuẩn');
  });
});
