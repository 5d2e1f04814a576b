/**
 * Creates a cluster's Google Sheet from a workbook snapshot (an `.xlsx` made by
 * `thidua init`, read by the xlsx adapter): `spreadsheets.create` with every tab and value
 * (text RAW), then one `batchUpdate` that makes it a working cluster workbook:
 * - header row frozen and bold on every tab;
 * - dropdowns: `Cách tính` on `Tiêu chí` (the rule names), `Thực hiện` of each
 *   `Đạt/Không đạt` criterion on every unit tab (Đạt / Không đạt);
 * - a conditional-format rule per unit tab that tints the input cells of rows whose
 *   `Kiểm tra` cell is not empty — the run's "highlight" without ever touching people's
 *   own formatting (it sits on top of it and goes away with the issue);
 * - a protected range per unit tab, editable by that unit's `Người nhập liệu` and the
 *   admins; each system-owned tab protected, admins only. (The service account that
 *   creates the file owns it, and an owner can always edit protected ranges, so runs
 *   still write.)
 * - a column chart of `Tổng điểm` by unit on `Xếp hạng`.
 * Sharing the file with people (Drive permissions) is not done here.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { Cell, TabSnapshot, WorkbookSnapshot } from '../../core/cell.js';
import { columnName } from '../../core/a1.js';
import { foldAccents, sameName } from '../../core/text.js';
import {
  CRITERIA_HEADERS,
  ENTRY_HEADERS,
  ISSUE_HEADERS,
  LOG_HEADERS,
  RANKING_HEADERS,
  BALLOT_HEADERS,
  RULE,
  SETTING,
  SYSTEM_TABS,
  TAB,
  UNIT_HEADERS,
} from '../../../sheets-schema/layout.js';
import { rankingColumns } from '../../../sheets-schema/ranking.js';
import { BALLOT_TAB, ballotSubjects } from '../../../sheets-schema/ballot.js';
import { withRetry, type RetryOptions } from '../../google/retry.js';
import { dayToSerial } from './serial.js';
import { distinct, listValidation, unitProtection } from './unit-tab.js';

type Request = sheets_v4.Schema$Request;
type CellData = sheets_v4.Schema$CellData;

export interface SetupOptions {
  title: string;
  /** Accounts that may edit everything, the system-owned tabs included. */
  admins: string[];
  retry?: RetryOptions;
}

export interface SetupResult {
  spreadsheetId: string;
  url: string;
}

const MIN_ROWS = 1000;
const MIN_COLS = 26;
/** Light amber: noticeable, still readable over any text colour. */
const ISSUE_TINT = { red: 1, green: 0.93, blue: 0.8 };
const PASS_FAIL_VALUES = ['Đạt', 'Không đạt'];

/** Header rows of the system tabs when the snapshot lacks them. */
const SYSTEM_HEADERS: Record<string, string[]> = {
  // The definition every run writes (sheets-schema/ranking.ts); the group columns come with the first run.
  [TAB.ranking]: rankingColumns([]).map((c) => c.header),
  [TAB.issues]: [...ISSUE_HEADERS],
  [TAB.log]: [...LOG_HEADERS],
};

interface PlannedTab {
  sheetId: number;
  tab: TabSnapshot;
  rowCount: number;
  columnCount: number;
}

export async function setupSpreadsheet(
  clients: { sheets: sheets_v4.Sheets },
  snapshot: WorkbookSnapshot,
  opts: SetupOptions,
): Promise<SetupResult> {
  const tabs = planTabs(snapshot);
  const created = await withRetry(
    'Sheets spreadsheets.create',
    (s) =>
      clients.sheets.spreadsheets.create(
        { requestBody: createBody(opts.title, tabs), fields: 'spreadsheetId,spreadsheetUrl' },
        s,
      ),
    opts.retry,
  );
  const spreadsheetId = created.data.spreadsheetId;
  if (!spreadsheetId) throw new Error('Sheets spreadsheets.create returned no spreadsheetId');
  const requests = setupRequests(tabs, opts.admins);
  await withRetry(
    'Sheets spreadsheets.batchUpdate',
    (s) => clients.sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } }, s),
    opts.retry,
  );
  return {
    spreadsheetId,
    url: created.data.spreadsheetUrl ?? `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`,
  };
}

/** The snapshot's tabs in order, then any missing system tab with its header. */
export function planTabs(snapshot: WorkbookSnapshot): PlannedTab[] {
  const all: TabSnapshot[] = [...snapshot.tabs];
  // Bỏ phiếu (MEETING.md) is people's to fill after the count: created with its header when absent.
  if (!all.some((t) => sameName(t.name, TAB.ballot))) all.push({ name: TAB.ballot, rows: [BALLOT_TAB.columns.map((c) => text(c.label))] });
  for (const name of SYSTEM_TABS) {
    if (!all.some((t) => sameName(t.name, name))) all.push({ name, rows: [SYSTEM_HEADERS[name]!.map(text)] });
  }
  return all.map((tab, i) => ({
    sheetId: i + 1,
    tab,
    rowCount: Math.max(MIN_ROWS, tab.rows.length + 1),
    columnCount: Math.max(MIN_COLS, ...tab.rows.map((r) => r.length)),
  }));
}

function createBody(title: string, tabs: PlannedTab[]): sheets_v4.Schema$Spreadsheet {
  return {
    properties: { title, locale: 'vi_VN', timeZone: 'Asia/Ho_Chi_Minh' },
    sheets: tabs.map((p, index) => ({
      properties: {
        sheetId: p.sheetId,
        title: p.tab.name,
        index,
        gridProperties: { rowCount: p.rowCount, columnCount: p.columnCount },
      },
      data: [{ startRow: 0, startColumn: 0, rowData: p.tab.rows.map((row) => ({ values: row.map(initialCell) })) }],
    })),
  };
}

/** A snapshot cell as entered: text RAW, dates as day numbers shown dd/mm/yyyy. */
export function initialCell(c: Cell): CellData {
  if (c === null) return {};
  switch (c.t) {
    case 's':
    case 'e':
      return { userEnteredValue: { stringValue: c.v } };
    case 'n':
      return { userEnteredValue: { numberValue: c.v } };
    case 'b':
      return { userEnteredValue: { boolValue: c.v } };
    case 'd':
      return {
        userEnteredValue: { numberValue: dayToSerial(c.v) },
        userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'dd/mm/yyyy' } },
      };
  }
}

export function setupRequests(tabs: PlannedTab[], admins: string[]): Request[] {
  const requests: Request[] = [];
  const byName = (name: string) => tabs.find((p) => sameName(p.tab.name, name));

  for (const p of tabs) {
    requests.push(
      {
        updateSheetProperties: {
          properties: { sheetId: p.sheetId, gridProperties: { frozenRowCount: 1 } },
          fields: 'gridProperties.frozenRowCount',
        },
      },
      {
        repeatCell: {
          range: { sheetId: p.sheetId, startRowIndex: 0, endRowIndex: 1 },
          cell: { userEnteredFormat: { textFormat: { bold: true } } },
          fields: 'userEnteredFormat.textFormat.bold',
        },
      },
    );
  }

  const criteria = byName(TAB.criteria);
  const passFail = new Set<string>();
  if (criteria) {
    const ruleCol = column(criteria.tab, CRITERIA_HEADERS.rule);
    const codeCol = column(criteria.tab, CRITERIA_HEADERS.code);
    if (ruleCol !== undefined) {
      requests.push(listValidation(criteria.sheetId, ruleCol, 1, criteria.rowCount, Object.values(RULE), 'Chọn một cách tính trong danh sách.'));
      if (codeCol !== undefined) {
        for (const row of criteria.tab.rows.slice(1)) {
          const code = text0(row[codeCol]);
          if (code && foldAccents(text0(row[ruleCol])) === foldAccents(RULE.passFail)) passFail.add(code);
        }
      }
    }
  }

  const unitsTab = byName(TAB.units);
  const ballot = byName(TAB.ballot);
  if (ballot) requests.push(...ballotRequests(ballot, byName(TAB.settings), unitsTab ? units(unitsTab.tab).map((u) => u.code) : []));
  for (const unit of unitsTab ? units(unitsTab.tab) : []) {
    const p = byName(unit.code);
    if (!p) continue;
    requests.push(...unitTabRequests(p, passFail));
    requests.push(unitProtection(p.sheetId, unit.code, unit.editors, admins));
  }

  // Lịch sử (new-year) is system-owned too, though no run rewrites it: present only in a new year's sheet.
  for (const name of [...SYSTEM_TABS, TAB.history]) {
    const p = byName(name);
    if (!p) continue;
    requests.push({
      addProtectedRange: {
        protectedRange: {
          range: { sheetId: p.sheetId },
          description: `${name}: do hệ thống ghi, chỉ quản trị được sửa`,
          warningOnly: false,
          editors: { users: distinct(admins) },
        },
      },
    });
  }

  const ranking = byName(TAB.ranking)!;
  const chart = totalsChart(ranking, unitsTab ? units(unitsTab.tab).length : 0);
  if (chart) requests.push(chart);
  return requests;
}

/** Bỏ phiếu's dropdowns (sheets-schema/ballot.ts): what is voted on, from Cấu hình's labels, and the unit codes. */
function ballotRequests(p: PlannedTab, settings: PlannedTab | undefined, codes: string[]): Request[] {
  const label = (key: string, fallback: string) => {
    const row = settings?.tab.rows.find((r) => sameName(text0(r[0]), key));
    return (row && text0(row[1])) || fallback;
  };
  const out: Request[] = [];
  const subjectCol = column(p.tab, BALLOT_HEADERS.subject);
  const codeCol = column(p.tab, BALLOT_HEADERS.code);
  const subjects = ballotSubjects(label(SETTING.flagLabel, 'Cờ thi đua'), label(SETTING.certificateLabel, 'Bằng khen'));
  if (subjectCol !== undefined) out.push(listValidation(p.sheetId, subjectCol, 1, p.rowCount, subjects, `Chọn một trong: ${subjects.join('; ')}.`));
  if (codeCol !== undefined && codes.length) out.push(listValidation(p.sheetId, codeCol, 1, p.rowCount, codes, 'Chọn Mã của một đơn vị trong trang Đơn vị.'));
  return out;
}

function unitTabRequests(p: PlannedTab, passFail: ReadonlySet<string>): Request[] {
  const out: Request[] = [];
  const codeCol = column(p.tab, ENTRY_HEADERS.code);
  const actualCol = column(p.tab, ENTRY_HEADERS.actual);
  if (codeCol !== undefined && actualCol !== undefined) {
    p.tab.rows.forEach((row, r) => {
      if (r > 0 && passFail.has(text0(row[codeCol]))) {
        out.push(listValidation(p.sheetId, actualCol, r, r + 1, PASS_FAIL_VALUES, 'Chọn Đạt hoặc Không đạt.'));
      }
    });
  }
  const checkCol = column(p.tab, ENTRY_HEADERS.check);
  const inputs = [ENTRY_HEADERS.target, ENTRY_HEADERS.actual, ENTRY_HEADERS.selfScore, ENTRY_HEADERS.evidence]
    .map((h) => column(p.tab, h))
    .filter((c): c is number => c !== undefined);
  if (checkCol !== undefined && inputs.length > 0) {
    out.push({
      addConditionalFormatRule: {
        index: 0,
        rule: {
          ranges: inputs.map((c) => ({
            sheetId: p.sheetId,
            startRowIndex: 1,
            endRowIndex: p.rowCount,
            startColumnIndex: c,
            endColumnIndex: c + 1,
          })),
          booleanRule: {
            // Relative to row 2 of each range; `$` pins the Kiểm tra column.
            condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: `=LEN($${columnName(checkCol)}2)>0` }] },
            format: { backgroundColor: ISSUE_TINT },
          },
        },
      },
    });
  }
  return out;
}


function totalsChart(p: PlannedTab, unitCount: number): Request | undefined {
  const labelCol = column(p.tab, RANKING_HEADERS.name) ?? column(p.tab, RANKING_HEADERS.code);
  const totalCol = column(p.tab, RANKING_HEADERS.total);
  if (labelCol === undefined || totalCol === undefined) return undefined;
  const rows = { startRowIndex: 0, endRowIndex: 1 + Math.max(1, unitCount) };
  const width = Math.max(...p.tab.rows.map((r) => r.length), totalCol + 1);
  return {
    addChart: {
      chart: {
        spec: {
          title: RANKING_HEADERS.total,
          basicChart: {
            chartType: 'COLUMN',
            legendPosition: 'NO_LEGEND',
            headerCount: 1,
            axis: [
              { position: 'BOTTOM_AXIS', title: 'Đơn vị' },
              { position: 'LEFT_AXIS', title: RANKING_HEADERS.total },
            ],
            domains: [
              { domain: { sourceRange: { sources: [{ sheetId: p.sheetId, ...rows, startColumnIndex: labelCol, endColumnIndex: labelCol + 1 }] } } },
            ],
            series: [
              {
                series: { sourceRange: { sources: [{ sheetId: p.sheetId, ...rows, startColumnIndex: totalCol, endColumnIndex: totalCol + 1 }] } },
                targetAxis: 'LEFT_AXIS',
              },
            ],
          },
        },
        position: { overlayPosition: { anchorCell: { sheetId: p.sheetId, rowIndex: 0, columnIndex: width + 1 } } },
      },
    },
  };
}

export interface UnitRow {
  code: string;
  editors: string[];
}

/** Each unit of `Đơn vị` with its `Người nhập liệu` accounts (also who setup shares the file with). */
export function units(tab: TabSnapshot): UnitRow[] {
  const codeCol = column(tab, UNIT_HEADERS.code);
  const editorsCol = column(tab, UNIT_HEADERS.editors);
  if (codeCol === undefined) return [];
  const out: UnitRow[] = [];
  for (const row of tab.rows.slice(1)) {
    const code = text0(row[codeCol]);
    if (!code) continue;
    const editors = editorsCol === undefined ? [] : text0(row[editorsCol]).split(/[,;]/).map((s) => s.trim()).filter((s) => s.includes('@'));
    out.push({ code, editors });
  }
  return out;
}

function column(tab: TabSnapshot, header: string): number | undefined {
  const i = (tab.rows[0] ?? []).findIndex((c) => sameName(text0(c), header));
  return i < 0 ? undefined : i;
}

function text0(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  return String(c.v).trim();
}

function text(s: string): Cell {
  return { t: 's', v: s };
}

