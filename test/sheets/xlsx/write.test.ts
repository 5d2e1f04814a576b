import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell, SheetEdits, WorkbookSnapshot } from '../../../functions/core/cell.js';
import { ISSUE_HEADERS, LOG_HEADERS, TAB } from '../../../sheets-schema/layout.js';
import { createWorkbook } from '../../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../../functions/sheets/xlsx/write.js';
import { SMALL_CLUSTER } from '../../fixtures/small-cluster.js';
import { cellsOf, entries, entryText, handmadeXlsx, leading, parseStrict, sheetPart } from './helpers.js';

const POINTS = 8; // column I
const CHECK = 9; // column J

function edits(e: Partial<SheetEdits>): SheetEdits {
  return { cells: [], tabs: [], append: [], notes: [], ...e };
}

function rows(s: WorkbookSnapshot, name: string): Cell[][] {
  const t = s.tabs.find((x) => x.name === name);
  if (!t) throw new Error(`no tab ${name}`);
  return t.rows;
}

/** The worksheet XML with `<sheetData>` cut out: everything a write must leave alone. */
function outsideSheetData(xml: string): string {
  return xml.replace(/<sheetData[\s\S]*?<\/sheetData>|<sheetData\/>/, '');
}

function changedEntries(before: Uint8Array, after: Uint8Array): string[] {
  const a = entries(before);
  const b = entries(after);
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => !a[n] || !b[n] || Buffer.compare(Buffer.from(a[n]!), Buffer.from(b[n]!)) !== 0).sort();
}

describe('applyEdits on a workbook made by init', () => {
  let before: Uint8Array;
  let after: Uint8Array;
  const run = edits({
    cells: ['HND', 'LDLD', 'CCB'].flatMap((tab) => [
      ...[1, 2, 3, 4, 5].map((row) => ({ tab, row, col: POINTS, value: row * 2.5 })),
      { tab, row: 2, col: CHECK, value: 'Ô E3 (tiêu chí 1.2): "abc" không phải là số.' },
      { tab, row: 3, col: CHECK, value: null },
    ]),
    tabs: [
      { name: TAB.ranking, rows: [['Hạng', 'Mã', 'Tên đơn vị', 'Tổng điểm'], [1, 'HND', 'Hội Nông dân tỉnh', 97.5], [2, 'LDLD', 'Liên đoàn Lao động tỉnh', 74.73]] },
      { name: TAB.issues, rows: [[...ISSUE_HEADERS], ['HND', 'E3', '1.2', 'Lỗi', '"abc" không phải là số']] },
    ],
    append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: [['08/01/2024 09:00', 'cli', 'Chấm lần đầu: 3 đơn vị']] }],
  });

  beforeAll(async () => {
    before = await createWorkbook(SMALL_CLUSTER);
    after = applyEdits(before, run);
  });

  it('changes only the tabs written (and workbook.xml, unless init already asked for recalculation); every other entry is byte-identical', () => {
    const parts = ['HND', 'LDLD', 'CCB', TAB.ranking, TAB.issues, TAB.log].map((t) => sheetPart(before, t));
    expect(changedEntries(before, after).filter((n) => n !== 'xl/workbook.xml')).toEqual(parts.sort());
    expect(entryText(after, 'xl/workbook.xml')).toContain('fullCalcOnLoad="1"');
  });

  it('keeps every other cell of a unit tab (value, style, formula) and everything outside its data', () => {
    for (const tab of ['HND', 'LDLD', 'CCB']) {
      const part = sheetPart(before, tab);
      const a = cellsOf(entryText(before, part));
      const b = cellsOf(entryText(after, part));
      const written = new Set(run.cells.filter((c) => c.tab === tab).map((c) => `${'IJ'[c.col - POINTS]}${c.row + 1}`));
      for (const [ref, cell] of a) {
        if (written.has(ref)) expect(b.get(ref)?.s, `${tab}!${ref} style`).toBe(cell.s);
        else expect(b.get(ref), `${tab}!${ref}`).toEqual(cell);
      }
      expect(outsideSheetData(entryText(after, part))).toBe(outsideSheetData(entryText(before, part)));
    }
  });

  it('reads back what was written, and the inputs as they were', () => {
    const a = readXlsx(before, 'x');
    const b = readXlsx(after, 'x');
    const hnd = rows(b, 'HND');
    expect(hnd[1]![POINTS]).toEqual({ t: 'n', v: 2.5 });
    expect(hnd[5]![POINTS]).toEqual({ t: 'n', v: 12.5 });
    expect(hnd[2]![CHECK]).toEqual({ t: 's', v: 'Ô E3 (tiêu chí 1.2): "abc" không phải là số.' });
    for (const tab of ['HND', 'LDLD', 'CCB']) {
      expect(leading(rows(b, tab), POINTS)).toEqual(leading(rows(a, tab), POINTS));
    }
    for (const tab of [TAB.settings, TAB.units, TAB.criteria]) expect(rows(b, tab)).toEqual(rows(a, tab));
    expect(rows(b, TAB.ranking)).toEqual([
      [{ t: 's', v: 'Hạng' }, { t: 's', v: 'Mã' }, { t: 's', v: 'Tên đơn vị' }, { t: 's', v: 'Tổng điểm' }],
      [{ t: 'n', v: 1 }, { t: 's', v: 'HND' }, { t: 's', v: 'Hội Nông dân tỉnh' }, { t: 'n', v: 97.5 }],
      [{ t: 'n', v: 2 }, { t: 's', v: 'LDLD' }, { t: 's', v: 'Liên đoàn Lao động tỉnh' }, { t: 'n', v: 74.73 }],
    ]);
    expect(rows(b, TAB.log)).toEqual([LOG_HEADERS.map((v) => ({ t: 's', v })), [{ t: 's', v: '08/01/2024 09:00' }, { t: 's', v: 'cli' }, { t: 's', v: 'Chấm lần đầu: 3 đơn vị' }]]);
  });

  it('keeps the header formatting of a rewritten system tab and its views and column widths', () => {
    const part = sheetPart(before, TAB.ranking);
    const a = cellsOf(entryText(before, part));
    const b = cellsOf(entryText(after, part));
    expect(a.get('A1')?.s).toBeTruthy();
    for (const ref of ['A1', 'B1', 'C1', 'D1']) expect(b.get(ref)?.s).toBe(a.get(ref)?.s);
    expect(b.get('A2')?.s).toBeNull();
    expect(outsideSheetData(entryText(after, part)).replace(/<dimension ref="[^"]*"\/>/, '')).toBe(
      outsideSheetData(entryText(before, part)).replace(/<dimension ref="[^"]*"\/>/, ''),
    );
  });

  it('writes parts that a strict XML parser accepts', () => {
    for (const name of changedEntries(before, after)) expect(() => parseStrict(entryText(after, name)), name).not.toThrow();
  });

  it('asks spreadsheets to recalculate on open, since people may total the Điểm column', () => {
    expect(entryText(after, 'xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it('ignores notes: the .xlsx shows issues in the Kiểm tra column instead', () => {
    const out = applyEdits(before, edits({ notes: [{ tab: 'HND', rows: 6, cols: [3, 4, 5, 6], items: [{ tab: 'HND', row: 2, col: 4, severity: 'error', text: 'x' }] }] }));
    expect(changedEntries(before, out)).toEqual([]);
  });
});

describe('applyEdits: values are written as typed', () => {
  const base = handmadeXlsx({
    sheets: [
      {
        name: 'HND',
        body:
          '<cols><col min="9" max="10" width="12" style="3" customWidth="1"/></cols>' +
          '<sheetData>' +
          '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>1.1</t></is></c><c r="E2"><v>5</v></c><c r="J2" s="2"><v>3</v></c></row>' +
          '<row r="4" spans="1:5"><c r="A4" s="1"><v>1</v></c><c r="E4"><v>2</v></c></row>' +
          '</sheetData><mergeCells count="1"><mergeCell ref="K1:L1"/></mergeCells>',
      },
    ],
  });

  it('keeps text that looks like a formula as text (RAW)', () => {
    const risky = ['=HYPERLINK("x")', '+84 912', '-5', '@SUM(A1)', '=1+1'];
    const out = applyEdits(base, edits({ cells: risky.map((value, i) => ({ tab: 'HND', row: 5 + i, col: 9, value })) }));
    const cells = cellsOf(entryText(out, 'xl/worksheets/sheet1.xml'));
    risky.forEach((value, i) => {
      expect(cells.get(`J${6 + i}`)).toMatchObject({ t: 'inlineStr', f: null, is: value });
    });
    expect(rows(readXlsx(out, 'x'), 'HND')[5]![9]).toEqual({ t: 's', v: '=HYPERLINK("x")' });
  });

  it('round-trips text with markup, quotes, line breaks, control characters and OOXML escapes', () => {
    const texts = ['a < b & c > "d"', 'dòng 1\ndòng 2\r\ndòng 3', 'tab\there', 'bell\u0007', '_x0041_ literal', '  lề  ', 'Đạt ✓ 😀'];
    const out = applyEdits(base, edits({ cells: texts.map((value, i) => ({ tab: 'HND', row: 10 + i, col: 0, value })) }));
    const r = rows(readXlsx(out, 'x'), 'HND');
    texts.forEach((value, i) => expect(r[10 + i]![0]).toEqual({ t: 's', v: value }));
  });

  it('clears a value but keeps the cell style; a cell without style goes away', () => {
    const out = applyEdits(base, edits({ cells: [{ tab: 'HND', row: 1, col: 9, value: null }, { tab: 'HND', row: 1, col: 4, value: null }] }));
    const cells = cellsOf(entryText(out, 'xl/worksheets/sheet1.xml'));
    expect(cells.get('J2')).toEqual({ s: '2', t: null, f: null, v: null, is: null });
    expect(cells.has('E2')).toBe(false);
    expect(rows(readXlsx(out, 'x'), 'HND')[1]).toEqual([{ t: 's', v: '1.1' }]);
  });

  it('creates rows and cells in sorted order, new cells taking the column style', () => {
    const out = applyEdits(
      base,
      edits({
        cells: [
          { tab: 'HND', row: 8, col: 8, value: 1 },
          { tab: 'HND', row: 2, col: 8, value: 2 }, // a row between existing ones
          { tab: 'HND', row: 3, col: 2, value: 3 }, // a cell between existing ones
          { tab: 'HND', row: 3, col: 9, value: 4 }, // after the last
          { tab: 'HND', row: 0, col: 8, value: 'Điểm' },
          { tab: 'HND', row: 6, col: 3, value: null }, // nothing to clear: no row made
        ],
      }),
    );
    const xml = entryText(out, 'xl/worksheets/sheet1.xml');
    const doc = parseStrict(xml);
    const rowRefs = Array.from({ length: doc.getElementsByTagName('row').length }, (_, i) => doc.getElementsByTagName('row').item(i)!.getAttribute('r'));
    expect(rowRefs).toEqual(['1', '2', '3', '4', '9']);
    const row4 = doc.getElementsByTagName('row').item(3)!;
    const refs = Array.from({ length: row4.getElementsByTagName('c').length }, (_, i) => row4.getElementsByTagName('c').item(i)!.getAttribute('r'));
    expect(refs).toEqual(['A4', 'C4', 'E4', 'J4']);
    expect(row4.getAttribute('spans')).toBe('1:10');
    const cells = cellsOf(xml);
    expect(cells.get('I3')?.s).toBe('3');
    expect(cells.get('C4')?.s).toBeNull();
    expect(xml).toContain('<mergeCell ref="K1:L1"/>');
    const r = rows(readXlsx(out, 'x'), 'HND');
    expect(r[2]![8]).toEqual({ t: 'n', v: 2 });
    expect(r[3]).toEqual([{ t: 'n', v: 1 }, null, { t: 'n', v: 3 }, null, { t: 'n', v: 2 }, null, null, null, null, { t: 'n', v: 4 }]);
    expect(r[8]![8]).toEqual({ t: 'n', v: 1 });
    expect(r[0]![8]).toEqual({ t: 's', v: 'Điểm' });
  });

  it('refuses values a cell cannot hold', () => {
    expect(() => applyEdits(base, edits({ cells: [{ tab: 'HND', row: 1, col: 8, value: Number.NaN }] }))).toThrow();
  });

  it('writes into a worksheet that uses a namespace prefix with the same prefix', () => {
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const bytes = handmadeXlsx({ sheets: [{ name: 'HND', body: '', xml }] });
    const out = applyEdits(bytes, edits({ cells: [{ tab: 'HND', row: 0, col: 1, value: 'x' }, { tab: 'HND', row: 2, col: 0, value: 2 }] }));
    const text = entryText(out, 'xl/worksheets/sheet1.xml');
    expect(text).toContain('<x:c r="B1" t="inlineStr"><x:is><x:t xml:space="preserve">x</x:t></x:is></x:c>');
    expect(rows(readXlsx(out, 'x'), 'HND')).toEqual([[{ t: 'n', v: 1 }, { t: 's', v: 'x' }], [], [{ t: 'n', v: 2 }]]);
  });

  it('gives rows and cells that had no `r` an explicit one, so inserted rows do not shift them', () => {
    const bytes = handmadeXlsx({ sheets: [{ name: 'A', body: '<sheetData><row><c><v>1</v></c></row><row r="3"><c><v>3</v></c></row><row><c><v>4</v></c></row></sheetData>' }] });
    const out = applyEdits(bytes, edits({ cells: [{ tab: 'A', row: 1, col: 1, value: 2 }] }));
    expect(rows(readXlsx(out, 'x'), 'A')).toEqual([[{ t: 'n', v: 1 }], [null, { t: 'n', v: 2 }], [{ t: 'n', v: 3 }], [{ t: 'n', v: 4 }]]);
  });
});

describe('applyEdits: formulas in cells the run owns', () => {
  const calcChainParts = {
    extra: { 'xl/calcChain.xml': '<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="I2" i="1"/></calcChain>' },
    extraRels: '<Relationship Id="rIdCC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/>',
    extraTypes: '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>',
  };
  const book = handmadeXlsx({
    ...calcChainParts,
    sheets: [
      {
        name: 'HND',
        body:
          '<sheetData>' +
          '<row r="2"><c r="F2"><v>10</v></c><c r="I2"><f t="shared" ref="I2:I5" si="0">F2*2</f><v>20</v></c><c r="K2"><f>SUM(I2:I5)</f><v>80</v></c></row>' +
          '<row r="3"><c r="F3"><v>10</v></c><c r="I3"><f t="shared" si="0"/><v>20</v></c></row>' +
          '<row r="4"><c r="F4"><v>10</v></c><c r="I4"><f t="shared" si="0"/><v>20</v></c></row>' +
          '<row r="5"><c r="F5"><v>10</v></c><c r="I5"><f t="shared" si="0"/><v>20</v></c></row>' +
          '</sheetData>',
      },
    ],
  });

  it('drops the calculation chain when a formula is overwritten, and gives the rest of a shared group its own formula', () => {
    const out = applyEdits(book, edits({ cells: [{ tab: 'HND', row: 1, col: 8, value: 7.5 }, { tab: 'HND', row: 3, col: 8, value: 'x' }] }));
    const all = entries(out);
    expect(all['xl/calcChain.xml']).toBeUndefined();
    expect(entryText(out, 'xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    expect(entryText(out, '[Content_Types].xml')).not.toContain('calcChain');
    const cells = cellsOf(entryText(out, 'xl/worksheets/sheet1.xml'));
    expect(cells.get('I2')).toMatchObject({ f: null, v: '7.5' });
    expect(cells.get('I3')).toMatchObject({ f: '|||F3*2', v: '20' });
    expect(cells.get('I4')).toMatchObject({ f: null, is: 'x' });
    expect(cells.get('I5')).toMatchObject({ f: '|||F5*2', v: '20' });
    expect(cells.get('K2')).toMatchObject({ f: '|||SUM(I2:I5)' });
    for (const name of ['xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/workbook.xml']) expect(() => parseStrict(entryText(out, name))).not.toThrow();
  });

  it('keeps the calculation chain when no formula is touched', () => {
    const out = applyEdits(book, edits({ cells: [{ tab: 'HND', row: 1, col: 9, value: 'ok' }] }));
    expect(entries(out)['xl/calcChain.xml']).toBeDefined();
    expect(entryText(out, 'xl/_rels/workbook.xml.rels')).toContain('calcChain');
  });

  it('drops it too when a rewritten system tab held formulas', () => {
    const out = applyEdits(book, edits({ tabs: [{ name: 'hnd', rows: [['Hạng']] }] }));
    expect(entries(out)['xl/calcChain.xml']).toBeUndefined();
  });
});

describe('applyEdits: system tabs', () => {
  const book = handmadeXlsx({
    sheets: [
      { name: 'Cấu hình', body: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Mục</t></is></c></row></sheetData>' },
      {
        name: 'Nhật ký',
        body:
          '<sheetData>' +
          '<row r="1"><c r="A1" s="1" t="inlineStr"><is><t>Thời điểm</t></is></c><c r="B1" s="1" t="inlineStr"><is><t>Nguồn</t></is></c><c r="C1" s="1" t="inlineStr"><is><t>Nội dung</t></is></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>lần 1</t></is></c></row>' +
          '<row r="3"><c r="A3" s="1"/><c r="B3" s="1"/></row>' + // formatted but empty
          '</sheetData>',
      },
    ],
  });

  it('appends below the last row that holds something, into formatted empty rows', () => {
    const out = applyEdits(book, edits({ append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: [['lần 2', 'cli', 'ok'], ['lần 3', null, 'ok']] }] }));
    const r = rows(readXlsx(out, 'x'), TAB.log);
    expect(r.slice(1).map((row) => row.map((c) => c?.v ?? null))).toEqual([['lần 1'], ['lần 2', 'cli', 'ok'], ['lần 3', null, 'ok']]);
    expect(cellsOf(entryText(out, 'xl/worksheets/sheet2.xml')).get('A3')?.s).toBe('1');
  });

  it('matches tab names as people type them (case, spaces, Unicode form)', () => {
    const nfd = ' NHẬT KÝ '.normalize('NFD');
    const out = applyEdits(book, edits({ append: [{ tab: nfd, header: ['x'], rows: [['lần 2']] }] }));
    expect(readXlsx(out, 'x').tabs.map((t) => t.name)).toEqual(['Cấu hình', 'Nhật ký']);
  });

  it('creates missing system tabs: registered in the workbook, frozen header, readable', () => {
    const out = applyEdits(
      book,
      edits({
        tabs: [
          { name: TAB.ranking, rows: [['Hạng', 'Mã', 'Tổng điểm'], [1, 'HND', 97.5]] },
          { name: TAB.issues, rows: [[...ISSUE_HEADERS]] },
        ],
        append: [{ tab: 'Nhật ký 2', header: [...LOG_HEADERS], rows: [['08/01/2024', 'cli', 'tạo mới']] }],
      }),
    );
    const s = readXlsx(out, 'x');
    expect(s.tabs.map((t) => t.name)).toEqual(['Cấu hình', 'Nhật ký', TAB.ranking, TAB.issues, 'Nhật ký 2']);
    expect(rows(s, TAB.ranking)).toEqual([
      [{ t: 's', v: 'Hạng' }, { t: 's', v: 'Mã' }, { t: 's', v: 'Tổng điểm' }],
      [{ t: 'n', v: 1 }, { t: 's', v: 'HND' }, { t: 'n', v: 97.5 }],
    ]);
    expect(rows(s, 'Nhật ký 2')[1]).toEqual([{ t: 's', v: '08/01/2024' }, { t: 's', v: 'cli' }, { t: 's', v: 'tạo mới' }]);

    const book2 = parseStrict(entryText(out, 'xl/workbook.xml'));
    const sheets = book2.getElementsByTagName('sheet');
    const ids = Array.from({ length: sheets.length }, (_, i) => sheets.item(i)!.getAttribute('sheetId'));
    expect(new Set(ids).size).toBe(5);
    const part = sheetPart(out, TAB.ranking);
    expect(entryText(out, '[Content_Types].xml')).toContain(`PartName="/${part}"`);
    const xml = entryText(out, part);
    expect(xml).toContain('state="frozen"');
    expect(() => parseStrict(xml)).not.toThrow();
    expect(() => parseStrict(entryText(out, 'xl/_rels/workbook.xml.rels'))).not.toThrow();
    expect(() => parseStrict(entryText(out, '[Content_Types].xml'))).not.toThrow();
  });

  it('refuses to write cells into a tab that does not exist', () => {
    expect(() => applyEdits(book, edits({ cells: [{ tab: 'KHONGCO', row: 1, col: 8, value: 1 }] }))).toThrow(/KHONGCO/);
  });

  it('writes the header when appending to an existing empty tab', () => {
    const empty = handmadeXlsx({ sheets: [{ name: 'Nhật ký', body: '<sheetData/>' }] });
    const out = applyEdits(empty, edits({ append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: [['a', 'b', 'c']] }] }));
    expect(rows(readXlsx(out, 'x'), TAB.log)).toEqual([LOG_HEADERS.map((v) => ({ t: 's', v })), [{ t: 's', v: 'a' }, { t: 's', v: 'b' }, { t: 's', v: 'c' }]]);
  });
});
