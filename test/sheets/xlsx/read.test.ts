import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Cell, WorkbookSnapshot } from '../../../functions/core/cell.js';
import { WorkbookUnusableError } from '../../../functions/sheets/port.js';
import { createWorkbook, type InitContent } from '../../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../../functions/sheets/xlsx/read.js';
import { handmadeXlsx } from './helpers.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function tab(s: WorkbookSnapshot, name: string): Cell[][] {
  const t = s.tabs.find((x) => x.name === name);
  if (!t) throw new Error(`no tab ${name}`);
  return t.rows;
}

const STYLES =
  '<numFmts count="5">' +
  '<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>' +
  '<numFmt numFmtId="165" formatCode="[$-42A]d mmmm yyyy;@"/>' +
  '<numFmt numFmtId="166" formatCode="#,##0&quot; ngày&quot;"/>' +
  '<numFmt numFmtId="167" formatCode="[Red]0.00_);(0.00)"/>' +
  '<numFmt numFmtId="168" formatCode="0\\d"/>' +
  '</numFmts>' +
  '<cellXfs count="7">' +
  '<xf numFmtId="0"/>' + // 0 General
  '<xf numFmtId="14" applyNumberFormat="1"/>' + // 1 built-in date
  '<xf numFmtId="164" applyNumberFormat="1"/>' + // 2 dd/mm/yyyy
  '<xf numFmtId="165" applyNumberFormat="1"/>' + // 3 locale date
  '<xf numFmtId="166" applyNumberFormat="1"/>' + // 4 "ngày" in quotes: a number
  '<xf numFmtId="167" applyNumberFormat="1"/>' + // 5 colour in brackets: a number
  '<xf numFmtId="168" applyNumberFormat="1"/>' + // 6 escaped d: a number
  '</cellXfs>';

describe('readXlsx: cell types', () => {
  const bytes = handmadeXlsx({
    strings: [
      '<si><t>Hội Nông dân tỉnh</t></si>',
      '<si><r><rPr><b/></rPr><t>Đạt </t></r><r><t xml:space="preserve">  113% </t></r></si>',
      '<si><t>dòng 1_x000D_\ndòng 2</t><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>',
      '<si><t xml:space="preserve">  có khoảng trắng  </t></si>',
    ],
    styles: STYLES,
    sheets: [
      {
        name: 'Kiểu',
        body:
          '<sheetData>' +
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>=HYPERLINK("x")</t></is></c><c r="B2" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c r="C2" t="inlineStr"><is><t>a &amp; b &lt;c&gt;</t></is></c></row>' +
          '<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="e"><v>#DIV/0!</v></c><c r="D3"><v>1250.5</v></c><c r="E3" t="n"><v>-3E-2</v></c></row>' +
          '<row r="4"><c r="A4"><f>1+1</f><v>2</v></c><c r="B4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C4" t="b"><f>TRUE()</f><v>1</v></c><c r="D4" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
          '<c r="E4"><f>SUM(A1:A3)</f></c><c r="F4" t="str"><f>""</f><v></v></c></row>' +
          '<row r="5"><c r="A5"><f t="shared" ref="A5:A7" si="0">D3*2</f><v>2501</v></c></row>' +
          '<row r="6"><c r="A6"><f t="shared" si="0"/><v>0</v></c></row>' +
          '<row r="7"><c r="A7" s="0"/><c r="B7" s="1"/></row>' +
          '</sheetData>',
      },
      {
        name: 'Ngày',
        body:
          '<sheetData><row r="1">' +
          '<c r="A1" s="1"><v>45292</v></c>' + // 2024-01-01, built-in format 14
          '<c r="B1" s="2"><v>45292.75</v></c>' + // 18:00 the same day: the time is ignored
          '<c r="C1" s="3"><v>45299</v></c>' + // 2024-01-08
          '<c r="D1" s="4"><v>15</v></c>' +
          '<c r="E1" s="5"><v>15</v></c>' +
          '<c r="F1" s="6"><v>15</v></c>' +
          '<c r="G1" s="2"><f>A1+366</f><v>45658</v></c>' + // a formula shown as a date
          '<c r="H1" s="2"><v>59</v></c><c r="I1" s="2"><v>61</v></c>' +
          '<c r="J1" t="d"><v>2024-02-29T00:00:00</v></c>' +
          '</row></sheetData>',
      },
    ],
  });
  const s = readXlsx(bytes, 'Sổ chấm điểm');

  it('reads shared strings, rich text runs (without phonetic runs), inline strings and escapes', () => {
    const rows = tab(s, 'Kiểu');
    expect(rows[0]).toEqual([
      { t: 's', v: 'Hội Nông dân tỉnh' },
      { t: 's', v: 'Đạt   113% ' },
      { t: 's', v: 'dòng 1\r\ndòng 2' },
      { t: 's', v: '  có khoảng trắng  ' },
    ]);
    expect(rows[1]).toEqual([
      { t: 's', v: '=HYPERLINK("x")' },
      { t: 's', v: 'inline' },
      { t: 's', v: 'a & b <c>' },
    ]);
  });

  it('reads booleans, errors and numbers', () => {
    expect(tab(s, 'Kiểu')[2]).toEqual([
      { t: 'b', v: true },
      { t: 'b', v: false },
      { t: 'e', v: '#DIV/0!' },
      { t: 'n', v: 1250.5 },
      { t: 'n', v: -0.03 },
    ]);
  });

  it('gives a formula its cached result, and an empty error when none was saved', () => {
    const rows = tab(s, 'Kiểu');
    expect(rows[3]).toEqual([
      { t: 'n', v: 2, f: true },
      { t: 's', v: 'ab', f: true },
      { t: 'b', v: true, f: true },
      { t: 'e', v: '#DIV/0!', f: true },
      { t: 'e', v: '', f: true },
      { t: 's', v: '', f: true },
    ]);
    expect(rows[4]).toEqual([{ t: 'n', v: 2501, f: true }]);
    expect(rows[5]).toEqual([{ t: 'n', v: 0, f: true }]);
  });

  it('leaves out cells that only carry a style, and trailing empty rows', () => {
    expect(tab(s, 'Kiểu')).toHaveLength(6);
  });

  it('reads numbers in a date format as calendar days, whatever the time of day', () => {
    expect(tab(s, 'Ngày')[0]).toEqual([
      { t: 'd', v: '2024-01-01' },
      { t: 'd', v: '2024-01-01' },
      { t: 'd', v: '2024-01-08' },
      { t: 'n', v: 15 },
      { t: 'n', v: 15 },
      { t: 'n', v: 15 },
      { t: 'd', v: '2025-01-01', f: true },
      { t: 'd', v: '1900-02-28' },
      { t: 'd', v: '1900-03-01' },
      { t: 'd', v: '2024-02-29' },
    ]);
  });

  it('keeps the tab order and names the workbook by its title', () => {
    expect(s.title).toBe('Sổ chấm điểm');
    expect(s.tabs.map((t) => t.name)).toEqual(['Kiểu', 'Ngày']);
  });
});

describe('readXlsx: how producers lay out a workbook', () => {
  it('honours the 1904 date system', () => {
    const bytes = handmadeXlsx({
      workbookPr: '<workbookPr date1904="1"/>',
      styles: STYLES,
      sheets: [{ name: 'A', body: '<sheetData><row r="1"><c r="A1" s="2"><v>0</v></c><c r="B1" s="2"><v>43830</v></c></row></sheetData>' }],
    });
    expect(tab(readXlsx(bytes, 'x'), 'A')[0]).toEqual([
      { t: 'd', v: '1904-01-01' },
      { t: 'd', v: '2024-01-01' },
    ]);
  });

  it('places rows and cells that omit `r` after the previous ones, 0-based', () => {
    const bytes = handmadeXlsx({
      sheets: [
        {
          name: 'A',
          body:
            '<sheetData>' +
            '<row r="2"><c><v>1</v></c><c r="C2"><v>3</v></c><c><v>4</v></c></row>' +
            '<row><c><v>5</v></c></row>' +
            '<row r="6"><c r="B6"><v>6</v></c></row>' +
            '</sheetData>',
        },
      ],
    });
    const rows = tab(readXlsx(bytes, 'x'), 'A');
    expect(rows).toEqual([
      [],
      [{ t: 'n', v: 1 }, null, { t: 'n', v: 3 }, { t: 'n', v: 4 }],
      [{ t: 'n', v: 5 }],
      [],
      [],
      [null, { t: 'n', v: 6 }],
    ]);
  });

  it('finds sheet parts through absolute and relative relationship targets', () => {
    const bytes = handmadeXlsx({
      sheets: [
        { name: 'Tuyệt đối', body: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>', part: 'xl/worksheets/sheet1.xml', target: '/xl/worksheets/sheet1.xml' },
        { name: 'Tương đối', body: '<sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData>', part: 'xl/data/tab two.xml', target: './data/../data/tab%20two.xml' },
      ],
    });
    const s = readXlsx(bytes, 'x');
    expect(tab(s, 'Tuyệt đối')[0]).toEqual([{ t: 'n', v: 1 }]);
    expect(tab(s, 'Tương đối')[0]).toEqual([{ t: 'n', v: 2 }]);
  });

  it('reads a worksheet written with a namespace prefix (x:c), as some generators do', () => {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>HND</x:t></x:is></x:c><x:c r="B1"><x:v>7.5</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const bytes = handmadeXlsx({ sheets: [{ name: 'HND', body: '', xml }] });
    expect(tab(readXlsx(bytes, 'x'), 'HND')).toEqual([[{ t: 's', v: 'HND' }, { t: 'n', v: 7.5 }]]);
  });
});

describe('readXlsx: what is not a workbook', () => {
  const cases: [string, Uint8Array][] = [
    ['text', strToU8('Mã,Tên đơn vị\nHND,Hội Nông dân tỉnh\n')],
    ['an empty file', new Uint8Array(0)],
    ['a zip without a workbook', zipSync({ 'readme.txt': strToU8('hello') })],
    ['an old .xls / password-protected file', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)])],
    ['a truncated workbook', handmadeXlsx({ sheets: [{ name: 'A', body: '<sheetData/>' }] }).subarray(0, 200)],
    ['a workbook with broken XML', handmadeXlsx({ sheets: [{ name: 'A', body: '<sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData>' }] })],
  ];
  for (const [what, bytes] of cases) {
    it(`refuses ${what} as not-a-workbook`, () => {
      let error: unknown;
      try {
        readXlsx(bytes, 'x', '/data/cum.xlsx');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WorkbookUnusableError);
      expect((error as WorkbookUnusableError).reason).toMatchObject({ code: 'not-a-workbook', path: '/data/cum.xlsx' });
    });
  }
});

describe('readXlsx: a cluster of 60 units × 40 criteria', () => {
  it('reads every unit tab (time logged, not asserted)', async () => {
    const criteria: InitContent['criteria'] = [];
    for (let g = 1; g <= 5; g++) {
      criteria.push({ code: String(g), content: `Nhóm ${g}`, max: null, rule: null, param: null });
      for (let k = 1; k <= 8; k++) criteria.push({ code: `${g}.${k}`, content: `Tiêu chí ${g}.${k} về công tác thi đua, khen thưởng`, max: 2.5, rule: 'Tỷ lệ', param: null });
    }
    const units = Array.from({ length: 60 }, (_, i) => ({ code: `DV${i + 1}`, name: `Đơn vị số ${i + 1}`, email: `dv${i + 1}@example.org`, editors: '', noAward: null }));
    const entries: InitContent['entries'] = {};
    for (const u of units) {
      entries[u.code] = criteria.filter((c) => c.rule).map((c, k) => ({ code: c.code, target: 1000 + k, actual: `${1.1 + k / 10}`.replace('.', ','), self: 2.5, evidence: 'https://drive.example.org/x' }));
    }
    const bytes = await createWorkbook({ settings: [['Tên cụm', 'Cụm lớn']], units, criteria, entries });
    readXlsx(bytes, 'warm-up');
    const t0 = performance.now();
    const s = readXlsx(bytes, 'big');
    const ms = performance.now() - t0;
    console.log(`readXlsx: 60 units × 40 criteria (${(bytes.length / 1024).toFixed(0)} KB) read in ${ms.toFixed(1)} ms`);
    // Cấu hình, Đơn vị, Tiêu chí; the units; Bỏ phiếu, Xếp hạng, Kiểm tra, Nhật ký.
    expect(s.tabs).toHaveLength(3 + 60 + 4);
    expect(tab(s, 'DV60')).toHaveLength(41);
    expect(tab(s, 'DV60')[40]![0]).toEqual({ t: 's', v: '5.8' });
  });
});
