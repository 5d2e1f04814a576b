import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell, WorkbookSnapshot } from '../../../functions/core/cell.js';
import { createWorkbook } from '../../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../../functions/sheets/xlsx/read.js';
import { CRITERIA_HEADERS, ENTRY_HEADERS, ISSUE_HEADERS, LOG_HEADERS, RULE, SETTINGS_HEADERS, TAB, UNIT_HEADERS } from '../../../sheets-schema/layout.js';
import { SMALL_CLUSTER } from '../../fixtures/small-cluster.js';
import { entries, entryText, parseStrict, sheetPart } from './helpers.js';

const text = (c: Cell) => (c === null ? null : c.v);
const texts = (row: Cell[] | undefined) => (row ?? []).map(text);

function rows(s: WorkbookSnapshot, name: string): Cell[][] {
  const t = s.tabs.find((x) => x.name === name);
  if (!t) throw new Error(`no tab ${name}`);
  return t.rows;
}

describe('createWorkbook', () => {
  let bytes: Uint8Array;
  let s: WorkbookSnapshot;
  beforeAll(async () => {
    bytes = new Uint8Array(await createWorkbook(SMALL_CLUSTER));
    s = readXlsx(bytes, 'Khối');
  });

  it('has the tabs of the contract in order, one per unit between Tiêu chí and Bỏ phiếu, then Xếp hạng', () => {
    expect(s.tabs.map((t) => t.name)).toEqual([TAB.settings, TAB.units, TAB.criteria, 'HND', 'LDLD', 'CCB', TAB.ballot, TAB.ranking, TAB.issues, TAB.log]);
  });

  it('writes settings, units and criteria as given', () => {
    expect(texts(rows(s, TAB.settings)[0])).toEqual([SETTINGS_HEADERS.key, SETTINGS_HEADERS.value]);
    expect(rows(s, TAB.settings).slice(1).map(texts)).toEqual(SMALL_CLUSTER.settings);
    expect(texts(rows(s, TAB.units)[0])).toEqual(Object.values(UNIT_HEADERS));
    expect(texts(rows(s, TAB.units)[2])).toEqual(['LDLD', 'Liên đoàn Lao động tỉnh', 'ldld@example.org', 'ldld@example.org; vanthu.ldld@example.org']);
    expect(texts(rows(s, TAB.criteria)[0])).toEqual(Object.values(CRITERIA_HEADERS));
    expect(rows(s, TAB.criteria)[1]).toEqual([{ t: 's', v: '1' }, { t: 's', v: 'Thực hiện nhiệm vụ chuyên môn' }, { t: 'n', v: 70 }]);
    expect(rows(s, TAB.criteria)[6]).toEqual([{ t: 's', v: '2.2' }, { t: 's', v: 'Mô hình điểm được nhân rộng' }, { t: 'n', v: 10 }, { t: 's', v: 'Theo lần' }, { t: 'n', v: 2.5 }]);
  });

  it('gives each unit a row per scored criterion (not per group), with Điểm chuẩn and its entries', () => {
    const hnd = rows(s, 'HND');
    expect(texts(hnd[0])).toEqual(Object.values(ENTRY_HEADERS));
    expect(hnd.slice(1).map((r) => text(r[0]!))).toEqual(['1.1', '1.2', '2.1', '2.2', '3.1']);
    expect(hnd[1]).toEqual([
      { t: 's', v: '1.1' },
      { t: 's', v: 'Tỷ lệ hộ đăng ký thi đua sản xuất, kinh doanh giỏi đạt danh hiệu' },
      { t: 'n', v: 40 },
      { t: 's', v: '51.428' },
      { t: 's', v: '58.782' },
      { t: 'n', v: 40 },
      { t: 's', v: 'Báo cáo số 125-BC/HND' },
    ]);
    // Text that looks like a formula stays text.
    expect(hnd[4]![6]).toEqual({ t: 's', v: '=HYPERLINK("x")' });
    // CCB gave nothing for 3.1: the row is there, empty.
    expect(rows(s, 'CCB')[5]).toEqual([{ t: 's', v: '3.1' }, { t: 's', v: 'Báo cáo gửi chậm' }, { t: 'n', v: 10 }]);
  });

  it('writes the headers of the system tabs, with a column per top-level group of ordinary criteria in the ranking', () => {
    // Group 3 holds only a `Trừ` criterion: its points are in `Điểm trừ`, as a run writes them.
    expect(texts(rows(s, TAB.ranking)[0])).toEqual([
      'Hạng', 'Mã', 'Tên đơn vị', '1. Thực hiện nhiệm vụ chuyên môn', '2. Phong trào thi đua',
      'Điểm thưởng', 'Điểm trừ', 'Tổng điểm', 'Xếp loại', 'Đề nghị khen thưởng', 'Kết quả bình xét', 'Trạng thái',
    ]);
    expect(rows(s, TAB.issues).map(texts)).toEqual([[...ISSUE_HEADERS]]);
    expect(rows(s, TAB.log).map(texts)).toEqual([[...LOG_HEADERS]]);
  });

  it('explains every header cell in a Vietnamese note, and freezes every header row', () => {
    for (const tab of s.tabs) {
      const part = sheetPart(bytes, tab.name);
      const xml = entryText(bytes, part);
      expect(xml, tab.name).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
      const rels = entryText(bytes, part.replace('worksheets/', 'worksheets/_rels/') + '.rels');
      const target = /Target="([^"]*comments[^"]*)"/.exec(rels)![1]!;
      const comments = parseStrict(entryText(bytes, `xl/${target.replace(/^\.\.\//, '')}`)).getElementsByTagName('comment');
      const refs = Array.from({ length: comments.length }, (_, i) => comments.item(i)!.getAttribute('ref'));
      const headerRefs = tab.rows[0]!.map((_, c) => `${String.fromCharCode(65 + c)}1`);
      expect(refs, tab.name).toEqual(headerRefs);
      for (let i = 0; i < comments.length; i++) expect(comments.item(i)!.textContent!.length).toBeGreaterThan(20);
    }
    const hnd = entryText(bytes, `xl/${/Target="\.\.\/([^"]*comments[^"]*)"/.exec(entryText(bytes, 'xl/worksheets/_rels/sheet4.xml.rels'))![1]}`);
    expect(hnd).toContain('Kết quả thực hiện: số (1.250 hoặc 12,5), tỷ lệ (113%), ngày (dd/mm/yyyy) hoặc Đạt/Không đạt tuỳ cách tính');
  });

  it('offers dropdowns: the nine rules on Tiêu chí, Đạt/Không đạt where the rule needs it, vi/en for the language', () => {
    const criteria = entryText(bytes, sheetPart(bytes, TAB.criteria));
    const rulesList = `&quot;${Object.values(RULE).join(',')}&quot;`;
    expect(criteria).toMatch(new RegExp(`<dataValidation [^>]*type="list"[^>]*sqref="D2:D\\d+"[^>]*><formula1>${rulesList}</formula1>`));
    const hnd = entryText(bytes, sheetPart(bytes, 'HND'));
    // 2.1 (Đạt/Không đạt) is the third criterion row: E4, and only there.
    expect([...hnd.matchAll(/<dataValidation [^>]*sqref="([^"]+)"[^>]*><formula1>(?:&quot;|")Đạt,Không đạt(?:&quot;|")/g)].map((m) => m[1])).toEqual(['E4']);
    const settings = entryText(bytes, sheetPart(bytes, TAB.settings));
    const languageRow = SMALL_CLUSTER.settings.findIndex(([k]) => k === 'Ngôn ngữ') + 2;
    expect(settings).toMatch(new RegExp(`sqref="B${languageRow}"[^>]*><formula1>&quot;vi,en&quot;</formula1>`));
  });

  it('lays out Bỏ phiếu: its header, a dropdown of what is voted on and of the unit codes, nothing filled', () => {
    expect(rows(s, TAB.ballot).map(texts)).toEqual([['Nội dung', 'Mã', 'Đồng ý', 'Phiếu hợp lệ']]);
    const ballot = entryText(bytes, sheetPart(bytes, TAB.ballot));
    // SMALL_CLUSTER keeps the default labels of Cấu hình.
    expect(ballot).toMatch(/sqref="A2:A61"[^>]*><formula1>&quot;Cờ thi đua,Bằng khen,Cụm trưởng,Cụm phó&quot;<\/formula1>/);
    expect(ballot).toMatch(/sqref="B2:B61"[^>]*><formula1>&quot;HND,LDLD,CCB&quot;<\/formula1>/);
  });

  it('greys the system columns of unit tabs and highlights rows that have something in Kiểm tra', () => {
    const hnd = entryText(bytes, sheetPart(bytes, 'HND'));
    expect(hnd).toMatch(/<conditionalFormatting sqref="A2:J\d+"><cfRule type="expression" dxfId="\d+"[^>]*><formula>LEN\(\$J2\)&gt;0<\/formula>/);
    const styles = parseStrict(entryText(bytes, 'xl/styles.xml'));
    const xfs = styles.getElementsByTagName('cellXfs').item(0)!.getElementsByTagName('xf');
    const fills = styles.getElementsByTagName('fills').item(0)!.getElementsByTagName('fill');
    const fillOf = (ref: string): string | null => {
      const s = new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(hnd)?.[1];
      if (s === undefined) return null;
      const fillId = Number(xfs.item(Number(s))!.getAttribute('fillId'));
      return fills.item(fillId)!.getElementsByTagName('fgColor').item(0)?.getAttribute('rgb') ?? null;
    };
    expect(fillOf('I2')).toBe('FFEDEDED');
    expect(fillOf('J30')).toBe('FFEDEDED');
    expect(fillOf('E2')).toBeNull();
  });

  it('is a valid package: every part parses strictly', () => {
    for (const [name, data] of Object.entries(entries(bytes))) {
      if (/\.(xml|rels)$/.test(name)) expect(() => parseStrict(Buffer.from(data).toString('utf8')), name).not.toThrow();
    }
  });
});
