import { describe, expect, it } from 'vitest';
import { frame } from '../../functions/documents/frame.js';
import { para } from '../../functions/documents/model.js';
import { renderDocx } from '../../functions/documents/render-docx.js';
import { docxParts, docxText } from '../support/documents.js';

const model = frame({
  name: 'Thu', issuer: 'Khối thi đua các tổ chức chính trị - xã hội tỉnh', number: 'Số: ……/TTr-……', place: 'Phú Yên',
  title: 'Tờ trình', subtitle: 'V/v thử', draft: true,
  body: [para('Nội dung =SUM(A1) <b>&amp; giữ nguyên như đã gõ.', { indent: true })],
});

describe('render-docx (Nghị định 30 presentation in Word)', async () => {
  const bytes = await renderDocx(model);
  const parts = docxParts(bytes);
  const doc = parts['word/document.xml']!;

  it('is A4 portrait with margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm', () => {
    const mm = (twips: string) => (Number(twips) / 1440) * 25.4;
    const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(doc)!;
    expect(mm(size[1]!)).toBeCloseTo(210, 0);
    expect(mm(size[2]!)).toBeCloseTo(297, 0);
    const m = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(doc)!;
    const [top, right, bottom, left] = m.slice(1).map(mm) as [number, number, number, number];
    for (const v of [top, bottom]) {
      expect(v).toBeGreaterThanOrEqual(19.9);
      expect(v).toBeLessThanOrEqual(25);
    }
    expect(left).toBeGreaterThanOrEqual(29.9);
    expect(left).toBeLessThanOrEqual(35);
    expect(right).toBeGreaterThanOrEqual(14.9);
    expect(right).toBeLessThanOrEqual(20);
  });

  it('sets every run in Times New Roman, body 13–14 pt', () => {
    const fonts = new Set([...doc.matchAll(/<w:rFonts w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect(fonts).toEqual(new Set(['Times New Roman']));
    expect(parts['word/styles.xml']).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
    const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(doc.slice(doc.lastIndexOf('<w:p>', doc.indexOf('Nội dung =SUM'))))![1]) / 2;
    expect(size).toBeGreaterThanOrEqual(13);
    expect(size).toBeLessThanOrEqual(14);
  });

  it('underlines the motto, puts the date in italics, and numbers pages from page 2', () => {
    expect(doc).toMatch(/<w:u w:val="single"\/><\/w:rPr><w:t xml:space="preserve">Độc lập - Tự do - Hạnh phúc<\/w:t>/);
    expect(doc).toMatch(/<w:i\/><w:iCs\/>(?:(?!<\/w:r>).)*Phú Yên, ngày …… tháng …… năm ……/);
    // A different first page (titlePg) whose header is empty; the default header holds the PAGE field.
    expect(doc).toContain('<w:titlePg/>');
    const first = /<w:headerReference w:type="first" r:id="(\w+)"\/>/.exec(doc)![1];
    const other = /<w:headerReference w:type="default" r:id="(\w+)"\/>/.exec(doc)![1];
    const rels = parts['word/_rels/document.xml.rels']!;
    const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
    expect(parts[`word/${target(other!)}`]).toMatch(/PAGE/);
    expect(parts[`word/${target(first!)}`]).not.toMatch(/PAGE/);
  });

  it('spaces lines at 1,15 with an explicit rule (LibreOffice sets a bare w:line tighter than single)', () => {
    const spacings = [...doc.matchAll(/<w:spacing [^>]*w:line="(\d+)"[^>]*\/>/g)].map((m) => m[0]);
    expect(spacings.length).toBeGreaterThan(5);
    for (const sp of spacings) expect(sp, sp).toMatch(/w:lineRule="(auto|exact)"/);
    expect(spacings.filter((sp) => sp.includes('w:lineRule="auto"')).every((sp) => sp.includes('w:line="276"'))).toBe(true);
  });

  it('keeps text as text: nothing typed becomes markup or a field', () => {
    expect(docxText(bytes)).toContain('Nội dung =SUM(A1) <b>&amp; giữ nguyên như đã gõ.');
  });
});

describe('render-docx with hostile text', () => {
  it('makes a file Word can open whatever a cell held: control characters and broken surrogates are dropped or shown as �', async () => {
    const { DOMParser } = await import('@xmldom/xmldom');
    const m = frame({
      name: 'x', issuer: 'Cụm\u0007 số 3', number: null, place: 'Phú\u0000 Yên', title: 'Biên bản', subtitle: null, draft: false,
      body: [para('Đơn vị \ud800 lỗi\u001b[31m đỏ\r\nhai dòng')],
    });
    const xml = docxParts(await renderDocx(m))['word/document.xml']!;
    const errors: string[] = [];
    new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    const text = docxText(await renderDocx(m));
    expect(text).toContain('CỤM SỐ 3');
    expect(text).toContain('Phú Yên, ngày');
    expect(text).toContain('Đơn vị \ufffd lỗi[31m đỏ hai dòng');
  });
});
