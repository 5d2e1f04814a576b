/**
 * `Xếp hạng` derived whole on every run: from `init --sample` + a run, and again after a
 * criteria group is added and another removed, the tab has one header per data column,
 * widths for exactly its columns, notes only on headers, two-decimal points, a real
 * date-time cell, A4 print setup with print titles, named fonts and a chart of Tổng điểm.
 * Checked on the bytes with independent tools (fflate, xmldom).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { buildEdits } from '../../../functions/core/edits.js';
import { evaluate } from '../../../functions/core/evaluate.js';
import { createWorkbook } from '../../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../../functions/sheets/xlsx/write.js';
import { TAB } from '../../../sheets-schema/layout.js';
import { SAMPLE } from '../../../sheets-schema/sample.js';
import { entries, entryText, parseStrict, sheetPart } from './helpers.js';

const NOW = Date.UTC(2023, 11, 20, 3, 0); // 20/12/2023 10:00 in Việt Nam

function run(bytes: Uint8Array): Uint8Array {
  const detail = evaluate(readXlsx(bytes, 'khoi'));
  return applyEdits(bytes, buildEdits(detail, { now: NOW, trigger: 'cli', source: 'khoi', log: [] }));
}

/** Cells of `Tiêu chí` as a person would type them (rows are 0-based, row 0 the header). */
function typeCriteria(bytes: Uint8Array, cells: { row: number; col: number; value: string | number | null }[]): Uint8Array {
  return applyEdits(bytes, { cells: cells.map((c) => ({ tab: TAB.criteria, ...c })), tabs: [], append: [], notes: [] });
}

function els(parent: Element | import('@xmldom/xmldom').Document, tag: string): Element[] {
  return Array.from(parent.getElementsByTagName(tag) as unknown as ArrayLike<Element>);
}

function colIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0];
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

interface RankingView {
  headers: string[];
  widths: Map<number, number>;
  noteCells: string[];
  styleOf: (ref: string) => { numFmt: string | null; font: { name: string | null; size: string | null } };
  valueOf: (ref: string) => string | null;
  sheet: import('@xmldom/xmldom').Document;
  rels: string;
}

function view(bytes: Uint8Array): RankingView {
  const part = sheetPart(bytes, TAB.ranking);
  const sheet = parseStrict(entryText(bytes, part));
  const cells = new Map(els(sheet, 'c').map((c) => [c.getAttribute('r')!, c]));
  const headerRow = els(sheet, 'row').find((r) => r.getAttribute('r') === '1')!;
  const headers: string[] = [];
  for (const c of els(headerRow, 'c')) {
    const t = els(c, 't')[0]?.textContent ?? '';
    headers[colIndex(c.getAttribute('r')!)] = t;
  }
  const widths = new Map<number, number>();
  for (const col of els(sheet, 'col')) {
    for (let i = Number(col.getAttribute('min')); i <= Number(col.getAttribute('max')); i++) widths.set(i - 1, Number(col.getAttribute('width')));
  }
  const relsPart = part.replace('worksheets/', 'worksheets/_rels/') + '.rels';
  const rels = entries(bytes)[relsPart] ? entryText(bytes, relsPart) : '';
  const commentsTarget = /Type="[^"]*\/comments" Target="([^"]+)"/.exec(rels)?.[1];
  const noteCells = commentsTarget ? els(parseStrict(entryText(bytes, `xl/${commentsTarget.replace(/^\.\.\//, '')}`)), 'comment').map((c) => c.getAttribute('ref')!) : [];
  const styles = parseStrict(entryText(bytes, 'xl/styles.xml'));
  const xfs = els(els(styles, 'cellXfs')[0]!, 'xf');
  const fonts = els(els(styles, 'fonts')[0]!, 'font');
  const fmts = new Map(els(styles, 'numFmt').map((f) => [f.getAttribute('numFmtId')!, f.getAttribute('formatCode')!]));
  const builtIn: Record<string, string> = { '0': 'General', '1': '0', '2': '0.00' };
  return {
    headers,
    widths,
    noteCells,
    sheet,
    rels,
    styleOf(ref) {
      const xf = xfs[Number(cells.get(ref)?.getAttribute('s') ?? 0)]!;
      const id = xf.getAttribute('numFmtId') ?? '0';
      const font = fonts[Number(xf.getAttribute('fontId') ?? 0)]!;
      return {
        numFmt: fmts.get(id) ?? builtIn[id] ?? `#${id}`,
        font: { name: els(font, 'name')[0]?.getAttribute('val') ?? null, size: els(font, 'sz')[0]?.getAttribute('val') ?? null },
      };
    },
    valueOf(ref) {
      const c = cells.get(ref);
      return c ? (els(c, 'v')[0]?.textContent ?? els(c, 't')[0]?.textContent ?? null) : null;
    },
  };
}

function expectDerivedWhole(v: RankingView, groupHeaders: string[]): void {
  const table = ['Hạng', 'Mã', 'Tên đơn vị', ...groupHeaders, 'Điểm thưởng', 'Điểm trừ', 'Tổng điểm', 'Xếp loại', 'Đề nghị khen thưởng', 'Kết quả bình xét', 'Trạng thái'];
  // One non-empty header per data column, then one empty column and the lines beside the table.
  expect(v.headers.slice(0, table.length)).toEqual(table);
  expect(v.headers[table.length]).toBeUndefined();
  expect(v.headers[table.length + 1]).toBe('Cập nhật lúc');
  // A width for every column there is, none for a column that is gone.
  expect([...v.widths.keys()].sort((a, b) => a - b)).toEqual([...Array(table.length + 3).keys()]);
  // Notes on the table's header cells only, one each.
  expect(v.noteCells.sort()).toEqual(table.map((_, i) => `${String.fromCharCode(65 + i)}1`).sort());
}

describe('Xếp hạng derived whole from one definition', () => {
  let initBytes: Uint8Array;
  let first: Uint8Array;

  beforeAll(async () => {
    initBytes = await createWorkbook(SAMPLE);
    first = run(initBytes);
  });

  const sampleGroups = ['1. Công tác tổ chức phong trào thi đua', '2. Kết quả thực hiện nhiệm vụ trọng tâm', '3. Công tác xây dựng tổ chức, chế độ thông tin báo cáo'];

  it('init lays out the same header, widths and notes as a run', () => {
    const v = view(initBytes);
    const table = ['Hạng', 'Mã', 'Tên đơn vị', ...sampleGroups, 'Điểm thưởng', 'Điểm trừ', 'Tổng điểm', 'Xếp loại', 'Đề nghị khen thưởng', 'Kết quả bình xét', 'Trạng thái'];
    expect(v.headers).toEqual(table);
    const r = view(first);
    expect(r.headers.slice(0, table.length)).toEqual(v.headers);
    for (let c = 0; c < table.length; c++) expect(r.widths.get(c), `width of ${table[c]}`).toBe(v.widths.get(c));
  });

  it('after a run: headers, widths, notes; points with two decimals; Cập nhật lúc a date-time', () => {
    const v = view(first);
    expectDerivedWhole(v, sampleGroups);
    // HND's total (I2) and MTTQ's (I5): numbers shown with two decimals.
    expect(v.valueOf('I2')).toBe('94.41');
    expect(v.styleOf('I2').numFmt).toBe('0.00');
    expect(v.valueOf('I5')).toBe('85.5');
    expect(v.styleOf('I5').numFmt).toBe('0.00');
    expect(v.styleOf('D2').numFmt).toBe('0.00');
    // Cập nhật lúc: 20/12/2023 10:00 as a spreadsheet serial with a date-time format.
    expect(Number(v.valueOf('P1'))).toBeCloseTo(45280 + 10 / 24, 6);
    expect(v.styleOf('P1').numFmt).toBe('dd/mm/yyyy hh:mm');
    // Group headers wrap: the header row is tall enough for several lines.
    const headerRow = els(v.sheet, 'row')[0]!;
    expect(Number(headerRow.getAttribute('ht'))).toBeGreaterThanOrEqual(48);
  });

  it('after adding group 5 and removing group 3, nothing of the old layout stays', () => {
    // Group 3 (rows 10–12 of Tiêu chí: 3, 3.1, 3.2) emptied; group 5 with one criterion typed below.
    const removed = [9, 10, 11].flatMap((row) => [0, 1, 2, 3, 4].map((col) => ({ row, col, value: null })));
    const added = [
      { row: 15, col: 0, value: '5' }, { row: 15, col: 1, value: 'Công tác chuyển đổi số' },
      { row: 16, col: 0, value: '5.1' }, { row: 16, col: 1, value: 'Số hoá hồ sơ thi đua' }, { row: 16, col: 2, value: 10 }, { row: 16, col: 3, value: 'Tự chấm' },
    ];
    const edited = run(typeCriteria(first, [...removed, ...added]));
    expectDerivedWhole(view(edited), [sampleGroups[0]!, sampleGroups[1]!, '5. Công tác chuyển đổi số']);
    // And back: the group 5 column goes away again with its width and note.
    const back = run(typeCriteria(edited, [15, 16].flatMap((row) => [0, 1, 2, 3, 4].map((col) => ({ row, col, value: null })))));
    expectDerivedWhole(view(back), sampleGroups.slice(0, 2));
  });

  it('every run reuses its styles: styles.xml does not grow run after run', () => {
    const again = run(first);
    expect(entryText(again, 'xl/styles.xml')).toBe(entryText(first, 'xl/styles.xml'));
  });

  it('prints on A4, landscape, one page wide, header row on every page, cluster and year on top, page numbers below', () => {
    for (const bytes of [initBytes, first]) {
      const v = view(bytes);
      const setup = els(v.sheet, 'pageSetup')[0]!;
      expect(setup.getAttribute('paperSize')).toBe('9');
      expect(setup.getAttribute('orientation')).toBe('landscape');
      expect(setup.getAttribute('fitToWidth')).toBe('1');
      expect(setup.getAttribute('fitToHeight')).toBe('0');
      expect(els(v.sheet, 'pageSetUpPr')[0]!.getAttribute('fitToPage')).toBe('1');
      const m = els(v.sheet, 'pageMargins')[0]!;
      expect(Number(m.getAttribute('left')) * 25.4).toBeCloseTo(30, 0);
      expect(Number(m.getAttribute('right')) * 25.4).toBeCloseTo(15, 0);
      expect(Number(m.getAttribute('top')) * 25.4).toBeCloseTo(20, 0);
      expect(els(v.sheet, 'oddHeader')[0]!.textContent).toContain('Khối thi đua các tổ chức chính trị - xã hội tỉnh — năm 2023');
      expect(els(v.sheet, 'oddFooter')[0]!.textContent).toContain('&P');
      const book = parseStrict(entryText(bytes, 'xl/workbook.xml'));
      const index = els(book, 'sheet').findIndex((s) => s.getAttribute('name') === TAB.ranking);
      const titles = els(book, 'definedName').filter((d) => d.getAttribute('name') === '_xlnm.Print_Titles' && d.getAttribute('localSheetId') === String(index));
      expect(titles.map((t) => t.textContent)).toEqual([`'${TAB.ranking}'!$1:$1`]);
    }
  });

  it('names a font and a size in every style of the workbook', () => {
    for (const bytes of [initBytes, first]) {
      const styles = parseStrict(entryText(bytes, 'xl/styles.xml'));
      for (const f of els(els(styles, 'fonts')[0]!, 'font')) {
        expect(els(f, 'name')[0]?.getAttribute('val')).toBe('Times New Roman');
        expect(Number(els(f, 'sz')[0]?.getAttribute('val'))).toBeGreaterThan(0);
      }
    }
    expect(view(first).styleOf('A1').font).toEqual({ name: 'Times New Roman', size: '12' });
  });

  it('a bar chart on Xếp hạng reads Tổng điểm, and a run replaces it rather than adding one', () => {
    const charts = (b: Uint8Array) => Object.keys(entries(b)).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts(first)).toHaveLength(1);
    const chart = parseStrict(entryText(first, charts(first)[0]!));
    expect(els(chart, 'c:barChart')).toHaveLength(1);
    expect(els(chart, 'c:f').map((f) => f.textContent)).toEqual([`'${TAB.ranking}'!$B$2:$B$7`, `'${TAB.ranking}'!$I$2:$I$7`]);
    expect(view(first).valueOf('I1')).toBe('Tổng điểm');
    const again = run(first);
    expect(charts(again)).toHaveLength(1);
    expect(view(again).rels).toMatch(/\/drawing"/);
    // Content types name every part the tab has.
    const types = entryText(again, '[Content_Types].xml');
    for (const n of Object.keys(entries(again)).filter((x) => /^xl\/(charts|drawings\/drawing|comments)/.test(x) && x.endsWith('.xml'))) {
      expect(types, n).toContain(`PartName="/${n}"`);
    }
  });
});
