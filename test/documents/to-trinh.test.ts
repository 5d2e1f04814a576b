import { describe, expect, it } from 'vitest';
import { factsFromEvaluation } from '../../functions/documents/facts.js';
import { toTrinh } from '../../functions/documents/to-trinh.js';
import { readBack } from '../support/documents.js';
import { CERT, FLAG, meetingEvaluation } from '../support/meeting-sample.js';

describe('Tờ trình đề nghị khen thưởng', async () => {
  const facts = factsFromEvaluation(await meetingEvaluation());

  it('is numbered, addressed, grounded and lists the proposed units with form, rank, total and vote share', async () => {
    expect(toTrinh(facts).name).toBe('To-trinh-2023');
    for (const { format, text } of await readBack(toTrinh(facts))) {
      expect(text, format).toContain('Số: ……/TTr-……');
      expect(text, format).toContain(`TỜ TRÌNH V/v đề nghị tặng ${FLAG}, ${CERT} năm 2023 DỰ THẢO`);
      expect(text, format).toContain('Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh.');
      expect(text, format).toContain('Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;');
      expect(text, format).toContain('Căn cứ Nghị định số 152/2025/NĐ-CP;');
      expect(text, format).toContain('trong đó 3 đơn vị xếp loại Xuất sắc');
      expect(text, format).toContain(`1 ${FLAG} Hội Nông dân tỉnh 1 94,41 8/9 phiếu (88,89%)`);
      expect(text, format).toContain(`2 ${CERT} Liên đoàn Lao động tỉnh 2 93,63 7/9 phiếu (77,78%)`);
      expect(text, format).toContain(`3 ${CERT} Hội Cựu chiến binh tỉnh 3 90,92 6/9 phiếu (66,67%)`);
      expect(text, format).toContain('Biên bản họp bình xét thi đua năm 2023');
      expect(text, format).toContain('Bảng tổng hợp kết quả chấm điểm thi đua năm 2023');
      expect(text, format).toMatch(/Nơi nhận: .*TM\. KHỐI THI ĐUA KHỐI TRƯỞNG .*Hội Nông dân tỉnh/);
    }
  });

  it('uses the recipient and bases of Cấu hình, and CỤM for a Cụm', async () => {
    const f = factsFromEvaluation(await meetingEvaluation({
      settings: [['Tên cụm', 'Cụm thi đua số 3'], ['Cơ quan nhận đề nghị', 'Ban Thi đua - Khen thưởng tỉnh Phú Yên'], ['Căn cứ', 'Quyết định số 12/2024/QĐ-UBND; Hướng dẫn số 5/HD-BTĐKT']],
    }));
    for (const { format, text } of await readBack(toTrinh(f))) {
      expect(text, format).toContain('Kính gửi: Ban Thi đua - Khen thưởng tỉnh Phú Yên.');
      expect(text, format).toContain('Căn cứ Quyết định số 12/2024/QĐ-UBND;');
      expect(text, format).toContain('Căn cứ Hướng dẫn số 5/HD-BTĐKT;');
      expect(text, format).not.toContain('Luật Thi đua, khen thưởng số 06/2022/QH15');
      expect(text, format).toContain('TM. CỤM THI ĐUA CỤM TRƯỞNG');
    }
  });

  it('proposes only what the vote passed', async () => {
    const f = factsFromEvaluation(await meetingEvaluation({ ballot: [[FLAG, 'HND', 8, 9], [CERT, 'LDLD', 3, 9], [CERT, 'CCB', 6, 9]] }));
    const [docx] = await readBack(toTrinh(f));
    expect(docx!.text).toContain('cho 2 tập thể sau');
    expect(docx!.text).not.toContain('Liên đoàn Lao động tỉnh 2 93,63');
  });
});
