/** Text as it leaves the core for people to read (functions/core/text.ts printable). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from '../../functions/core/text.js';

describe('printable', () => {
  it('removes control characters but tab and newline, turns CR into a newline, shows broken text as �', () => {
    expect(printable('Hội\u0000Nông\u0007 dân\u001b[31m')).toBe('HộiNông dân[31m');
    expect(printable('a\tb\nc\r\nd\re')).toBe('a\tb\nc\nd\ne');
    expect(printable('x\ufffey\uffffz')).toBe('x\ufffdy\ufffdz');
    expect(printable('nửa\ud800 cặp \udc00')).toBe('nửa\ufffd cặp \ufffd');
    expect(printable('Cặp đúng 😀 Đạt')).toBe('Cặp đúng 😀 Đạt');
  });

  it('whatever the input, nothing unprintable remains and printable text is left alone', () => {
    const bad = /[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 }), (s) => {
      const p = printable(s);
      expect(p).not.toMatch(bad);
      if (!bad.test(s)) expect(p).toBe(s);
    }), { numRuns: 2000 });
  });
});
