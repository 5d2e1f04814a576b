import { describe, expect, it } from 'vitest';
import { dateStyles, isDateFormatCode } from '../../../functions/sheets/xlsx/styles.js';

describe('isDateFormatCode', () => {
  const dates = ['dd/mm/yyyy', 'd/m/yy', '[$-42A]d mmmm yyyy;@', 'yyyy-mm-dd hh:mm', 'h:mm:ss AM/PM', '"Ngày" dd "tháng" mm'];
  const numbers = ['General', '#,##0', '#,##0" ngày"', '[Red]0.00_);(0.00)', '0\\d', '0.00%', '_-* #,##0_-;-* #,##0_-', '"Đạt"'];
  for (const code of dates) it(`${code} is a date`, () => expect(isDateFormatCode(code)).toBe(true));
  for (const code of numbers) it(`${code} is not a date`, () => expect(isDateFormatCode(code)).toBe(false));
});

describe('dateStyles', () => {
  it('tells built-in and custom date formats by style index; a custom code overrides a built-in id', () => {
    const xml =
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="14" formatCode="0.00"/></numFmts>' +
      '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="10"/></cellXfs>' +
      '</styleSheet>';
    expect(dateStyles(xml)).toEqual([false, true, false, true, false]);
  });
});
