import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateLine, frame, issuerLines } from '../../functions/documents/frame.js';
import { para, type Paragraph } from '../../functions/documents/model.js';

describe('the Nghị định 30 frame', () => {
  it('sets the issuing body in balanced lines, never beside a dash', () => {
    expect(issuerLines('Khối thi đua các tổ chức chính trị - xã hội tỉnh', 25)).toEqual(['KHỐI THI ĐUA CÁC TỔ CHỨC', 'CHÍNH TRỊ - XÃ HỘI TỈNH']);
    expect(issuerLines('Cụm thi đua số 3', 25)).toEqual(['CỤM THI ĐUA SỐ 3']);
  });

  it('keeps every word of any name, in order, in at most four lines, and never breaks at a dash', () => {
    const word = fc.stringMatching(/^[a-zđươăâêôơư]{1,12}$/);
    fc.assert(fc.property(fc.array(fc.oneof(word, word, word, fc.constant('-')), { minLength: 1, maxLength: 20 }), fc.integer({ min: 12, max: 40 }), (words, max) => {
      const name = words.join(' ');
      const lines = issuerLines(name, max);
      expect(lines.join(' ')).toBe(name.toLocaleUpperCase('vi').trim().replace(/\s+/g, ' '));
      expect(lines.length).toBeLessThanOrEqual(4);
      lines.forEach((l, i) => {
        if (i > 0) expect(l.startsWith('- '), l).toBe(false);
        if (i < lines.length - 1) expect(l.endsWith(' -'), l).toBe(false);
      });
    }));
  });

  it('writes the place and leaves the date to the signer', () => {
    expect(dateLine('Phú Yên')).toBe('Phú Yên, ngày …… tháng …… năm ……');
    expect(dateLine(null)).toBe('……, ngày …… tháng …… năm ……');
  });

  it('says DỰ THẢO under the title only for a draft', () => {
    const text = (draft: boolean) => frame({ name: 'x', issuer: 'Cụm 1', number: null, place: null, title: 'Biên bản', subtitle: 'Họp', draft, body: [] })
      .blocks.filter((b): b is Paragraph => b.kind === 'paragraph').map((p) => p.runs.map((r) => r.text).join(''));
    expect(text(true)).toEqual(['BIÊN BẢN', 'Họp', 'DỰ THẢO']);
    expect(text(false)).toEqual(['BIÊN BẢN', 'Họp']);
  });

  it('is A4 with Nghị định 30 margins and numbers pages', () => {
    const m = frame({ name: 'x', issuer: 'Cụm 1', number: 'Số: 1', place: null, title: 'T', subtitle: null, draft: false, body: [para('a')], orientation: 'landscape' });
    expect(m.orientation).toBe('landscape');
    expect(m.pageNumbers).toBe(true);
    expect(m.margins).toEqual({ top: 20, bottom: 20, left: 30, right: 15 });
  });
});
