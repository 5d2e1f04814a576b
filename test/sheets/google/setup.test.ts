import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle } from '../../support/fake-google/index.js';
import { driveClient, sheetsClient } from '../../../functions/google/clients.js';
import { setupSpreadsheet } from '../../../functions/sheets/google/setup.js';
import { GoogleSheetWorkbook } from '../../../functions/sheets/google/adapter.js';
import { ISSUE_HEADERS, LOG_HEADERS, RANKING_HEADERS, RULE, SYSTEM_TABS, TAB } from '../../../sheets-schema/layout.js';
import { COL, SCORED, clusterWorkbook } from './fixture.js';
import type { WorkbookSnapshot } from '../../../functions/core/cell.js';
import { runOnce } from '../../../functions/pipeline.js';
import { openSqliteLedger } from '../../../functions/ledger/sqlite.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let fake: FakeGoogle;
beforeAll(async () => void (fake = await FakeGoogle.start()));
afterAll(async () => fake.close());

/** Trailing empty cells "may be absent" (cell.ts): compare without them. */
function withoutTrailingEmpties(tabs: WorkbookSnapshot['tabs']) {
  return tabs.map((t) => ({
    name: t.name,
    rows: t.rows.map((r) => {
      const row = [...r];
      while (row.length && row[row.length - 1] === null) row.pop();
      return row;
    }),
  }));
}

const ADMINS = ['thuky.cum@example.vn', 'truong.cum@example.vn'];

async function setUp(snapshot: WorkbookSnapshot) {
  fake.resetCounts();
  const result = await setupSpreadsheet({ sheets: sheetsClient({ rootUrl: fake.rootUrl }) }, snapshot, {
    title: 'Cụm thi đua 2024',
    admins: ADMINS,
    retry: { sleep: async () => {} },
  });
  return { ...result, ss: fake.spreadsheet(result.spreadsheetId) };
}

describe('setupSpreadsheet', () => {
  it('creates the spreadsheet with every tab and value in two calls', async () => {
    const snapshot = clusterWorkbook(3);
    snapshot.tabs[1]!.rows[1]![1] = { t: 's', v: '=HYPERLINK("http://x","Bấm")' }; // a unit name that looks like a formula
    const { spreadsheetId, url, ss } = await setUp(snapshot);

    expect(fake.count('sheets.create')).toBe(1);
    expect(fake.count('sheets.batchUpdate')).toBe(1);
    expect(url).toBe(`https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`);
    expect(ss.properties).toMatchObject({ title: 'Cụm thi đua 2024', locale: 'vi_VN', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(ss.sheets.map((s) => s.properties.title)).toEqual([TAB.settings, TAB.units, TAB.criteria, 'DV01', 'DV02', 'DV03', TAB.ballot, ...SYSTEM_TABS]);
    expect(fake.entered(spreadsheetId, TAB.units, 'B2')).toEqual({ stringValue: '=HYPERLINK("http://x","Bấm")' });

    // Read back through the adapter: the same workbook, plus the system tabs' headers.
    const wb = new GoogleSheetWorkbook(sheetsClient({ rootUrl: fake.rootUrl }), driveClient({ rootUrl: fake.rootUrl }), spreadsheetId);
    const { snapshot: back } = await wb.read();
    expect(back.tabs.slice(0, snapshot.tabs.length)).toEqual(withoutTrailingEmpties(snapshot.tabs));
    expect(back.tabs.find((t) => t.name === TAB.issues)!.rows).toEqual([ISSUE_HEADERS.map((v) => ({ t: 's', v }))]);
    expect(back.tabs.find((t) => t.name === TAB.log)!.rows).toEqual([LOG_HEADERS.map((v) => ({ t: 's', v }))]);
  });

  it('freezes and bolds the header row of every tab', async () => {
    const { ss, spreadsheetId } = await setUp(clusterWorkbook(2));
    for (const s of ss.sheets) {
      expect(s.properties.gridProperties.frozenRowCount).toBe(1);
      expect(fake.cell(spreadsheetId, s.properties.title, 'A1')!.userEnteredFormat?.textFormat?.bold).toBe(true);
      expect(fake.cell(spreadsheetId, s.properties.title, 'A2')?.userEnteredFormat?.textFormat?.bold).toBeUndefined();
    }
  });

  it('protects each unit tab for its data-entry people and the admins, and the system tabs for admins only', async () => {
    const { ss } = await setUp(clusterWorkbook(3));
    const all = ss.sheets.flatMap((s) => s.protectedRanges.map((p) => ({ tab: s.properties.title, p })));
    expect(all).toHaveLength(3 + SYSTEM_TABS.length);
    const dv2 = all.find((x) => x.tab === 'DV02')!.p;
    expect(dv2.editors!.users).toEqual(['nhap.dv02@example.vn', 'pho.dv02@example.vn', ...ADMINS]);
    expect(dv2.range).toEqual({ sheetId: ss.sheets.find((s) => s.properties.title === 'DV02')!.properties.sheetId });
    for (const name of SYSTEM_TABS) {
      expect(all.find((x) => x.tab === name)!.p.editors!.users).toEqual(ADMINS);
    }
    expect(all.some((x) => x.tab === TAB.criteria)).toBe(false);
  });

  it('adds the dropdowns: rule names on Tiêu chí, Đạt/Không đạt on pass/fail rows of unit tabs', async () => {
    const { spreadsheetId } = await setUp(clusterWorkbook(2));
    const ruleCell = fake.cell(spreadsheetId, TAB.criteria, 'D3')!.dataValidation!;
    expect(ruleCell.condition!.type).toBe('ONE_OF_LIST');
    expect(ruleCell.condition!.values!.map((v) => v.userEnteredValue)).toEqual(Object.values(RULE));
    expect(ruleCell.showCustomUi).toBe(true);
    expect(fake.cell(spreadsheetId, TAB.criteria, 'D1')?.dataValidation).toBeUndefined(); // not the header

    const passFailRow = SCORED.findIndex((c) => c.rule === RULE.passFail) + 2; // 1-based, after the header
    for (const unit of ['DV01', 'DV02']) {
      const v = fake.cell(spreadsheetId, unit, `E${passFailRow}`)!.dataValidation!;
      expect(v.condition!.values!.map((x) => x.userEnteredValue)).toEqual(['Đạt', 'Không đạt']);
      expect(fake.cell(spreadsheetId, unit, `E${passFailRow + 1}`)?.dataValidation).toBeUndefined();
      expect(fake.cell(spreadsheetId, unit, `E2`)?.dataValidation).toBeUndefined();
    }
  });

  it('creates Bỏ phiếu with its header, a dropdown of what is voted on (Cấu hình\'s labels) and of the unit codes', async () => {
    const snapshot = clusterWorkbook(2);
    snapshot.tabs[0]!.rows.push([{ t: 's', v: 'Hình thức Cờ' }, { t: 's', v: 'Cờ thi đua của UBND tỉnh' }]);
    const { spreadsheetId } = await setUp(snapshot);
    const wb = new GoogleSheetWorkbook(sheetsClient({ rootUrl: fake.rootUrl }), driveClient({ rootUrl: fake.rootUrl }), spreadsheetId);
    const { snapshot: back } = await wb.read();
    expect(back.tabs.find((t) => t.name === TAB.ballot)!.rows).toEqual([['Nội dung', 'Mã', 'Đồng ý', 'Phiếu hợp lệ'].map((v) => ({ t: 's', v }))]);
    const subject = fake.cell(spreadsheetId, TAB.ballot, 'A2')!.dataValidation!;
    expect(subject.condition!.values!.map((v) => v.userEnteredValue)).toEqual(['Cờ thi đua của UBND tỉnh', 'Bằng khen', 'Cụm trưởng', 'Cụm phó']);
    expect(fake.cell(spreadsheetId, TAB.ballot, 'B9')!.dataValidation!.condition!.values!.map((v) => v.userEnteredValue)).toEqual(['DV01', 'DV02']);
    expect(fake.cell(spreadsheetId, TAB.ballot, 'A1')?.dataValidation).toBeUndefined(); // not the header
  });

  it('adds one highlight rule per unit tab over the input columns, keyed on Kiểm tra', async () => {
    const { ss } = await setUp(clusterWorkbook(2));
    const dv1 = ss.sheets.find((s) => s.properties.title === 'DV01')!;
    expect(dv1.conditionalFormats).toHaveLength(1);
    const rule = dv1.conditionalFormats[0]!;
    expect(rule.ranges!.map((r) => r.startColumnIndex)).toEqual([COL.target, COL.actual, COL.selfScore, COL.evidence]);
    expect(rule.booleanRule!.condition).toEqual({ type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: '=LEN($J2)>0' }] });
    expect(ss.sheets.filter((s) => s.conditionalFormats.length > 0).map((s) => s.properties.title)).toEqual(['DV01', 'DV02']);
  });

  it('puts a column chart of Tổng điểm by unit on Xếp hạng', async () => {
    const { ss } = await setUp(clusterWorkbook(4));
    const ranking = ss.sheets.find((s) => s.properties.title === TAB.ranking)!;
    expect(ranking.charts).toHaveLength(1);
    const basic = ranking.charts[0]!.spec!.basicChart!;
    expect(basic.chartType).toBe('COLUMN');
    const totalCol = Object.values(RANKING_HEADERS).indexOf(RANKING_HEADERS.total);
    expect(basic.series![0]!.series!.sourceRange!.sources).toEqual([
      { sheetId: ranking.properties.sheetId, startRowIndex: 0, endRowIndex: 5, startColumnIndex: totalCol, endColumnIndex: totalCol + 1 },
    ]);
    expect(basic.domains![0]!.domain!.sourceRange!.sources![0]!.startColumnIndex).toBe(Object.values(RANKING_HEADERS).indexOf(RANKING_HEADERS.name));
  });

  it('keeps a ranking tab the snapshot already has, with its group columns', async () => {
    const snapshot = clusterWorkbook(2);
    const headers = ['Hạng', 'Mã', 'Tên đơn vị', '1. Công tác chuyên môn', '2. Công tác khác', 'Điểm thưởng', 'Điểm trừ', 'Tổng điểm', 'Xếp loại', 'Đề nghị khen thưởng', 'Trạng thái'];
    snapshot.tabs.push({ name: TAB.ranking, rows: [headers.map((v) => ({ t: 's' as const, v }))] });
    const { ss } = await setUp(snapshot);
    expect(ss.sheets.filter((s) => s.properties.title === TAB.ranking)).toHaveLength(1);
    const chart = ss.sheets.find((s) => s.properties.title === TAB.ranking)!.charts[0]!;
    expect(chart.spec!.basicChart!.series![0]!.series!.sourceRange!.sources![0]!.startColumnIndex).toBe(headers.indexOf('Tổng điểm'));
  });

  it('a unit added to Đơn vị after setup: the run makes its tab protected for its people and the admins, with its dropdowns and tint', async () => {
    const { spreadsheetId: id } = await setUp(clusterWorkbook(3));
    const tab = (name: string) => fake.spreadsheet(id).sheets.find((s) => s.properties.title === name);
    // A secretary adds a fourth unit (Mã, Tên, Email, Người nhập liệu) and no tab for it.
    fake.editAsPerson(id, TAB.units, 'A5', 'DV04');
    fake.editAsPerson(id, TAB.units, 'B5', 'Đơn vị số 4');
    fake.editAsPerson(id, TAB.units, 'C5', 'dv04@example.vn');
    fake.editAsPerson(id, TAB.units, 'D5', 'nhap.dv04@example.vn; Pho.DV04@example.vn; chưa có email');
    const ledger = openSqliteLedger(join(mkdtempSync(join(tmpdir(), 'thidua-newtab-')), 'ledger.sqlite'));
    const run = () => runOnce({
      workbook: new GoogleSheetWorkbook(sheetsClient({ rootUrl: fake.rootUrl }), driveClient({ rootUrl: fake.rootUrl }), id, { sleep: async () => {} }),
      ledger, cluster: id, trigger: 'edit', now: () => Date.UTC(2024, 11, 1),
    });
    try {
      expect((await run()).outcome).toBe('ok');
      const dv4 = tab('DV04')!;
      expect(dv4).toBeDefined();
      expect(dv4.protectedRanges).toHaveLength(1);
      expect(dv4.protectedRanges[0]!.range).toEqual({ sheetId: dv4.properties.sheetId });
      expect(dv4.protectedRanges[0]!.editors!.users).toEqual(['nhap.dv04@example.vn', 'Pho.DV04@example.vn', ...ADMINS]);
      const passFailRow = SCORED.findIndex((c) => c.rule === RULE.passFail) + 2;
      expect(fake.cell(id, 'DV04', `E${passFailRow}`)!.dataValidation!.condition!.values!.map((x) => x.userEnteredValue)).toEqual(['Đạt', 'Không đạt']);
      expect(fake.cell(id, 'DV04', 'E2')?.dataValidation).toBeUndefined();
      expect(dv4.conditionalFormats).toHaveLength(1);
      // The next run finds the tab: nothing is added again (a second protection of a whole tab would fail the batch).
      expect((await run()).outcome).toBe('ok');
      expect(tab('DV04')!.protectedRanges).toHaveLength(1);
      expect(tab('DV04')!.conditionalFormats).toHaveLength(1);
    } finally {
      await ledger.close();
    }
  });
});
