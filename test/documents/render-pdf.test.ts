import { describe, expect, it } from 'vitest';
import { frame } from '../../functions/documents/frame.js';
import { para, type Block } from '../../functions/documents/model.js';
import { renderPdf } from '../../functions/documents/render-pdf.js';
import { pdfPages, pdfReadable, pdfText } from '../support/documents.js';

/** Every Vietnamese vowel with every tone, in capitals and small letters (one word per vowel). */
const VIETNAMESE = 'aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ';
const ALL = `${VIETNAMESE} ${VIETNAMESE.toLocaleUpperCase('vi')}`;

function doc(body: Block[]) {
  return frame({ name: 'Thu', issuer: 'Cụm thi đua số 3', number: null, place: null, title: 'Biên bản', subtitle: null, draft: false, body });
}

describe('render-pdf (pdfkit, Liberation Serif embedded)', () => {
  it('embeds Liberation Serif in four faces and makes A4 pages with no other program', async () => {
    const bytes = await renderPdf(doc([para([{ text: 'đậm', bold: true }, { text: ' nghiêng', italic: true }, { text: ' cả hai', bold: true, italic: true }, { text: ' thường' }])]));
    const raw = bytes.toString('latin1');
    for (const face of ['LiberationSerif-Bold', 'LiberationSerif-Italic', 'LiberationSerif-BoldItalic', 'LiberationSerif']) expect(raw).toContain(face);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it.skipIf(!pdfReadable())('has every Vietnamese letter, in every face (a font without them drops them silently)', async () => {
    const bytes = await renderPdf(doc([
      para(ALL), para([{ text: ALL, bold: true }]), para([{ text: ALL, italic: true }]), para([{ text: ALL, bold: true, italic: true }]),
    ]));
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text.split(ALL).length - 1).toBe(4);
  });

  it.skipIf(!pdfReadable())('numbers pages from page 2, at the top, and repeats a table header on each page', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [
      { paragraphs: [para(`Dòng ${i + 1}`)] }, { paragraphs: [para('Nội dung dài vừa phải cho một ô')] },
    ]);
    const bytes = await renderPdf(doc([{
      kind: 'table', ruled: true, widths: [1, 3],
      header: [[{ paragraphs: [para('Cột một')] }, { paragraphs: [para('Cột hai')] }]], rows,
    }]));
    const pages = pdfPages(bytes);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pdfText(bytes, 1)).not.toMatch(/^\s*1\s*$/m);
    for (let p = 2; p <= pages; p++) {
      const text = pdfText(bytes, p);
      expect(text).toMatch(new RegExp(`(^|\\n)${p}\\s*$`));
      expect(text).toContain('Cột một');
    }
    // Each row once, none lost at a page break.
    const all = pdfText(bytes);
    for (let i = 1; i <= 60; i++) expect(all.match(new RegExp(`Dòng ${i}\\b`, 'g'))?.length).toBe(1);
  });

  it.skipIf(!pdfReadable())('keeps a signature table on one page with the paragraph before it', async () => {
    const filler = Array.from({ length: 33 }, (_, i) => para(`Đoạn ${i + 1}.`));
    const bytes = await renderPdf(doc([
      ...filler,
      para('Kính đề nghị xem xét./.', { keepNext: true }),
      { kind: 'table', ruled: false, keepTogether: true, widths: [1, 1], header: [], rows: [[
        { paragraphs: [para('Nơi nhận:')] },
        { paragraphs: [para('KHỐI TRƯỞNG', { after: 60 }), para('Hội Nông dân tỉnh')] },
      ]] },
    ]));
    const pages = pdfPages(bytes);
    const last = pdfText(bytes, pages);
    expect(last).toContain('Kính đề nghị xem xét./.');
    expect(last).toContain('KHỐI TRƯỞNG');
    expect(last).toContain('Hội Nông dân tỉnh');
  });

  it.skipIf(!pdfReadable())('flows a paragraph longer than a page onto the next, losing nothing', async () => {
    const words = Array.from({ length: 900 }, (_, i) => `từ${i + 1}`).join(' ');
    const bytes = await renderPdf(doc([para(words), para('Đoạn sau cùng.')]));
    expect(pdfPages(bytes)).toBeGreaterThanOrEqual(2);
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('từ1 từ2 từ3');
    expect(text).toContain('từ899 từ900');
    expect(text).toContain('Đoạn sau cùng.');
  });
});
