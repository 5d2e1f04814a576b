import { describe, expect, it } from 'vitest';
import { bangTongHop } from '../../functions/documents/bang-tong-hop.js';
import { factsFromEvaluation } from '../../functions/documents/facts.js';
import { meetingDocuments } from '../../functions/documents/index.js';
import { renderDocx } from '../../functions/documents/render-docx.js';
import { docxParts, readBack } from '../support/documents.js';
import { CERT, FLAG, meetingEvaluation } from '../support/meeting-sample.js';

describe('Bảng tổng hợp kết quả chấm điểm', async () => {
  const facts = factsFromEvaluation(await meetingEvaluation());

  it('is named with the year and laid out on A4 landscape', async () => {
    const m = bangTongHop(facts);
    expect(m.name).toBe('Bang-tong-hop-2023');
    const xml = docxParts(await renderDocx(m))['word/document.xml']!;
    const [, w, h] = /<w:pgSz w:w="(\d+)" w:h="(\d+)" w:orient="landscape"\/>/.exec(xml) ?? [];
    // 297 × 210 mm in twentieths of a point, to the twip.
    expect(Math.abs(Number(w) - 16838)).toBeLessThanOrEqual(2);
    expect(Math.abs(Number(h) - 11906)).toBeLessThanOrEqual(2);
  });

  it('holds the cluster, the national motto, every unit with its figures in vi-VN form, proposals and votes', async () => {
    for (const { format, text } of await readBack(bangTongHop(facts))) {
      expect(text, format).toContain('KHỐI THI ĐUA CÁC TỔ CHỨC CHÍNH TRỊ - XÃ HỘI TỈNH');
      expect(text, format).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text, format).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text, format).toContain('Phú Yên, ngày …… tháng …… năm ……');
      expect(text, format).toContain('BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2023');
      for (const u of facts.units) expect(text, `${format}: ${u.name}`).toContain(u.name);
      // Totals and subtotals as the ranking shows them: 94,41 / 93,63 / 90,92 / 85,50 / 78,77 / 70,10.
      for (const total of ['94,41', '93,63', '90,92', '85,50', '78,77', '70,10']) expect(text, format).toContain(total);
      expect(text, format).toContain('49,41');
      expect(text, format).toContain(FLAG);
      expect(text, format).toContain(CERT);
      expect(text, format).toContain('đạt 8/9 phiếu (88,89%)');
      expect(text, format).toContain('Xuất sắc');
      // Group columns with their maximum; the bonus/deduction group has its own two columns instead.
      expect(text, format).toContain('1. Công tác tổ chức phong trào thi đua (20)');
      expect(text, format).not.toContain('4. Điểm thưởng, điểm trừ');
    }
  });

  it('says DỰ THẢO before the lock, and not after', async () => {
    for (const { format, text } of await readBack(bangTongHop(facts))) expect(text, format).toContain('DỰ THẢO');
    const locked = { ...facts, lockedAt: Date.UTC(2023, 11, 20, 2, 30) };
    for (const { format, text } of await readBack(bangTongHop(locked))) expect(text, format).not.toContain('DỰ THẢO');
  });

  it('says which units still have errors in their figures', async () => {
    // The sample's Hội Liên hiệp Phụ nữ typed 31/11/2023, a date that does not exist.
    for (const { format, text } of await readBack(bangTongHop(facts))) {
      expect(text, format).toContain('Ghi chú: số liệu của Hội Liên hiệp Phụ nữ tỉnh (1 lỗi) còn lỗi, tiêu chí bị lỗi tính 0 điểm');
    }
    const clean = { ...facts, units: facts.units.map((u) => ({ ...u, status: 'ok' as const, errors: 0 })) };
    const [docx] = await readBack(bangTongHop(clean));
    expect(docx!.text).not.toContain('Ghi chú');
  });

  it('shows a unit that has not submitted as such, without figures', async () => {
    const f = { ...facts, units: facts.units.map((u) => (u.code === 'TD' ? { ...u, status: 'missing' as const, rank: null } : u)) };
    const [docx] = await readBack(bangTongHop(f));
    expect(docx!.text).toMatch(/— Tỉnh đoàn( —)+ Chưa nộp/);
  });

  it('of a mid-year review is its own table, and the only document of that review', async () => {
    const f = { ...facts, period: '6 tháng' };
    expect(meetingDocuments(f).map((m) => m.name)).toEqual(['Bang-tong-hop-6-thang-2023']);
    for (const { format, text } of await readBack(bangTongHop(f))) expect(text, format).toContain('BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA 6 THÁNG NĂM 2023');
    expect(meetingDocuments(facts).map((m) => m.name)).toEqual(['Bang-tong-hop-2023', 'Bien-ban-hop-2023', 'To-trinh-2023', 'Giao-uoc-2023']);
  });
});
