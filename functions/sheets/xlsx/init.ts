/**
 * A new cluster workbook (`thidua init`), built with exceljs: fine for a file made from
 * nothing (the patcher in write.ts is what touches people's files afterwards).
 * Every header explains itself in a note; the columns the system writes are grey.
 */
import ExcelJS from 'exceljs';
import type { OutValue } from '../../core/cell.js';
import { layRanking } from '../../core/edits.js';
import { layUnitTab } from '../../core/unit-tab.js';
import { foldAccents } from '../../core/text.js';
import { FONT, FOOTER, LINE_HEIGHT, PAGE, printHeader } from '../../../sheets-schema/page.js';
import { rankingColumns, rankingGroups, SYSTEM_NOTE, wrappedLines } from '../../../sheets-schema/ranking.js';
import { openPackage } from './package.js';
import { nameFonts } from './style-sheet.js';
import { applyEdits } from './write.js';
import {
  CRITERIA_HEADERS,
  ENTRY_HEADERS,
  HISTORY_HEADERS,
  ISSUE_HEADERS,
  LOG_HEADERS,
  RULE,
  SETTING,
  SETTINGS_HEADERS,
  TAB,
  UNIT_HEADERS,
} from '../../../sheets-schema/layout.js';
import { BALLOT_TAB, ballotSubjects } from '../../../sheets-schema/ballot.js';

export interface InitUnit {
  code: string;
  name: string;
  email: string;
  /** Accounts allowed to edit the unit's tab, as typed (`,` or `;` separated). */
  editors: string;
  /** Reason the unit cannot be proposed for an award, or null. */
  noAward: string | null;
}

export interface InitCriterion {
  code: string;
  content: string;
  /** A number; text only when carried as typed (new-year). */
  max: OutValue;
  /** A `Cách tính` name (RULE), or null on a group. */
  rule: string | null;
  param: OutValue;
}

export interface InitEntry {
  code: string;
  target?: OutValue;
  actual?: OutValue;
  self?: OutValue;
  evidence?: OutValue;
  review?: OutValue;
}

export interface InitContent {
  /** `Cấu hình` rows: key (SETTING) and value. */
  settings: [string, OutValue][];
  units: InitUnit[];
  criteria: InitCriterion[];
  /** Pre-filled inputs per unit code (e.g. targets given by the cluster, or a sample's data). */
  entries: Record<string, InitEntry[]>;
  /** `Bỏ phiếu` rows: Nội dung, Mã, Đồng ý, Phiếu hợp lệ (empty by default: the vote comes after the lock). */
  ballot?: [string, string, number | string, number | string][];
  /** `Lịch sử` rows in HISTORY_HEADERS order (new-year); without it the tab is not created. */
  history?: OutValue[][];
}

/** Spare rows below the data that still get dropdowns and highlighting. */
const SPARE_ROWS = 50;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const SYSTEM_HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFBFBFBF' } };
const BASE_FONT: Partial<ExcelJS.Font> = { name: FONT.name, size: FONT.size, family: 1 };
const HEADER_FONT: Partial<ExcelJS.Font> = { ...BASE_FONT, size: FONT.headerSize, bold: true };


const RULE_LIST = Object.values(RULE).join(',');

export async function createWorkbook(content: InitContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua';
  wb.created = new Date(0);
  wb.modified = new Date(0);

  settingsTab(wb, content.settings);
  unitsTab(wb, content.units);
  criteriaTab(wb, content.criteria);
  const scored = content.criteria.filter((c) => !isGroup(c, content.criteria));
  // Unit tabs and Xếp hạng: placeholders laid out below by the run's own code.
  for (const u of content.units) wb.addWorksheet(u.code);
  ballotTab(wb, content);
  wb.addWorksheet(TAB.ranking);
  simpleTab(wb, TAB.issues, [...ISSUE_HEADERS], [14, 8, 10, 12, 90], {
    'Đơn vị': 'Mã đơn vị có vấn đề (trống: vấn đề của các trang chung).',
    'Ô': 'Ô có vấn đề, trên trang của đơn vị (ví dụ E5).',
    'Tiêu chí': 'Mã tiêu chí của dòng có vấn đề.',
    'Mức độ': 'Lỗi: giá trị không dùng được, tiêu chí được 0 điểm. Cảnh báo: giá trị vẫn được dùng nhưng cần xem lại.',
    'Nội dung': 'Vấn đề là gì và cần nhập lại thế nào.',
  }, SYSTEM_NOTE);
  simpleTab(wb, TAB.log, [...LOG_HEADERS], [20, 16, 100], {
    'Thời điểm': 'Thời điểm ghi (ngày giờ).',
    'Nguồn': 'Điều gì khiến hệ thống chấm lại (sửa bảng tính, lịch hẹn, lệnh chạy…).',
    'Nội dung': 'Những gì đã thay đổi và kết quả lần chấm.',
  }, 'Hệ thống chỉ ghi thêm dòng, không xoá; không nhập vào đây.');
  if (content.history) historyTab(wb, content.history);

  const title = printHeader(String(setting(content, SETTING.name) ?? ''), (setting(content, SETTING.year) as number | string | null) ?? null);
  const laidOut = new Set([TAB.ranking, ...content.units.map((u) => u.code)]);
  for (const ws of wb.worksheets) {
    if (laidOut.has(ws.name)) continue;
    fonts(ws, 2);
    printSetup(ws, title);
  }
  return finish(Buffer.from(await wb.xlsx.writeBuffer()), content, title, scored);
}

function setting(content: InitContent, key: string): OutValue | undefined {
  return content.settings.find(([k]) => foldAccents(k) === foldAccents(key))?.[1];
}

/**
 * `Xếp hạng` laid out by the run's own code (core/edits.ts layRanking, one definition of
 * its columns), and every font of the styles named and sized.
 */
function finish(bytes: Uint8Array, content: InitContent, title: string, scored: InitCriterion[]): Buffer {
  const cluster = { name: String(setting(content, SETTING.name) ?? ''), year: (setting(content, SETTING.year) as number | string | null) ?? null };
  const criteria = scored.map((c) => ({ code: c.code, content: c.content, max: c.max, passFail: c.rule !== null && foldAccents(c.rule) === foldAccents(RULE.passFail) }));
  const unitTabs = content.units.map((u) => {
    const given = new Map((content.entries[u.code] ?? []).map((e) => [e.code, {
      target: e.target ?? null, actual: e.actual ?? null, selfScore: e.self ?? null, evidence: e.evidence ?? null, reviewScore: e.review ?? null,
    }]));
    return layUnitTab(u.code, criteria, given, cluster);
  });
  const groups = rankingGroups(content.criteria.map((c) => ({
    code: c.code, content: c.content, group: isGroup(c, content.criteria), extra: isExtra(c.rule),
  })));
  const ranking = layRanking(rankingColumns(groups), [], [], { header: title, chartTitle: 'Tổng điểm' });
  const laid = applyEdits(bytes, { cells: [], tabs: [...unitTabs, ranking], append: [], notes: [] });
  const pkg = openPackage(laid);
  const stylesPart = pkg.zip.find('xl/styles.xml');
  if (stylesPart) pkg.zip.put(stylesPart, nameFonts(pkg.zip.text(stylesPart)!));
  return Buffer.from(pkg.zip.toBytes());
}

function isExtra(rule: string | null): boolean {
  return rule !== null && (foldAccents(rule) === foldAccents(RULE.bonus) || foldAccents(rule) === foldAccents(RULE.deduction));
}

/** A4, one page wide, the header row on every page; landscape when the columns are wide. */
function printSetup(ws: ExcelJS.Worksheet, title: string): void {
  let width = 0;
  ws.columns.forEach((c) => (width += c.width ?? 9));
  const m = PAGE.margins;
  const inch = (mm: number) => mm / 25.4;
  ws.pageSetup = {
    paperSize: PAGE.paperSize,
    orientation: width > 100 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: inch(m.left), right: inch(m.right), top: inch(m.top), bottom: inch(m.bottom), header: inch(m.header), footer: inch(m.footer) },
    printTitlesRow: '1:1',
  };
  ws.headerFooter = {
    oddHeader: `&C&"${FONT.name},Bold"&11${title.replace(/&/g, '&&')}`,
    oddFooter: `&C&"${FONT.name},Regular"&10${FOOTER}`,
  };
}

/** Height of a row whose cells wrap: enough lines for the longest of them. */
function fitRow(row: ExcelJS.Row, cells: [OutValue | undefined, number][]): void {
  const lines = Math.max(1, ...cells.map(([v, width]) => (v === undefined || v === null ? 1 : wrappedLines(String(v), width - 1))));
  if (lines > 1) row.height = lines * LINE_HEIGHT + 2;
}

/** `1` is a group when `1.1` exists. */
function isGroup(c: InitCriterion, all: InitCriterion[]): boolean {
  return all.some((o) => o !== c && o.code.startsWith(`${c.code}.`));
}

function header(ws: ExcelJS.Worksheet, labels: string[], notes: Record<string, string>, system: Set<string> = new Set()): void {
  const row = ws.getRow(1);
  labels.forEach((label, i) => {
    const cell = row.getCell(i + 1);
    cell.value = label;
    cell.font = HEADER_FONT;
    cell.fill = system.has(label) ? SYSTEM_HEADER_FILL : HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8EA9DB' } } };
    const note = notes[label];
    if (note) cell.note = note;
  });
  row.height = 30;
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
}

/** Column widths, and the named font for every cell typed into the column later. */
function widths(ws: ExcelJS.Worksheet, w: number[]): void {
  w.forEach((width, i) => {
    const col = ws.getColumn(i + 1);
    col.width = width;
    col.font = BASE_FONT;
  });
}

function put(cell: ExcelJS.Cell, v: OutValue | undefined): void {
  if (v !== undefined && v !== null) cell.value = v;
}

/** Every cell written gets the named font (bold where asked). */
function fonts(ws: ExcelJS.Worksheet, fromRow: number): void {
  ws.eachRow((row, r) => {
    if (r < fromRow) return;
    row.eachCell((cell) => {
      if (!cell.font?.name) cell.font = { ...BASE_FONT, ...(cell.font ?? {}), name: FONT.name, size: cell.font?.size ?? FONT.size };
    });
  });
}

function listValidation(ws: ExcelJS.Worksheet, col: number, fromRow: number, toRow: number, list: string, prompt: string): void {
  for (let r = fromRow; r <= toRow; r++) {
    ws.getCell(r, col).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Giá trị không có trong danh sách',
      error: prompt,
    };
  }
}

function settingsTab(wb: ExcelJS.Workbook, settings: [string, OutValue][]): void {
  const ws = wb.addWorksheet(TAB.settings);
  header(ws, [SETTINGS_HEADERS.key, SETTINGS_HEADERS.value], {
    [SETTINGS_HEADERS.key]: 'Tên mục cấu hình. Giữ nguyên tên các mục có sẵn; mục không nhận ra được sẽ có cảnh báo.',
    [SETTINGS_HEADERS.value]:
      'Giá trị của mục: chữ; số (1.250 hoặc 12,5); tỷ lệ (90%); ngày (dd/mm/yyyy); email cách nhau bằng dấu , hoặc ;. Để trống để dùng giá trị mặc định.',
  });
  widths(ws, [28, 70]);
  settings.forEach(([key, value], i) => {
    ws.getCell(i + 2, 1).value = key;
    put(ws.getCell(i + 2, 2), value);
    if (foldAccents(key) === foldAccents(SETTING.language)) {
      listValidation(ws, 2, i + 2, i + 2, 'vi,en', 'Chọn vi (tiếng Việt) hoặc en (English).');
    }
  });
}

function unitsTab(wb: ExcelJS.Workbook, units: InitUnit[]): void {
  const ws = wb.addWorksheet(TAB.units);
  const h = UNIT_HEADERS;
  header(ws, [h.code, h.name, h.email, h.editors, h.noAward], {
    [h.code]: 'Mã đơn vị: 1–20 ký tự gồm chữ, số, - và _ (ví dụ HND). Mỗi đơn vị có một trang tính mang đúng tên này.',
    [h.name]: 'Tên đầy đủ của đơn vị, dùng trong bảng xếp hạng và thư gửi đi.',
    [h.email]: 'Email liên hệ của đơn vị: nhận phiếu điểm và thư nhắc hạn nộp.',
    [h.editors]: 'Các tài khoản được nhập liệu trên trang của đơn vị, cách nhau bằng dấu , hoặc ;',
    [h.noAward]: 'Để trống, hoặc ghi lý do đơn vị không được đề nghị khen thưởng năm nay (ví dụ: đang bị thanh tra). Đơn vị vẫn được chấm điểm và xếp hạng.',
  });
  widths(ws, [12, 40, 32, 40, 36]);
  units.forEach((u, i) => {
    const row = ws.getRow(i + 2);
    row.getCell(1).value = u.code;
    row.getCell(2).value = u.name;
    put(row.getCell(3), u.email);
    put(row.getCell(4), u.editors);
    put(row.getCell(5), u.noAward);
  });
}

function criteriaTab(wb: ExcelJS.Workbook, criteria: InitCriterion[]): void {
  const ws = wb.addWorksheet(TAB.criteria);
  const h = CRITERIA_HEADERS;
  header(ws, [h.code, h.content, h.maxPoints, h.rule, h.param], {
    [h.code]: 'Mã phân cấp: 1, 1.1, 1.2, 2, 2.1… Dòng có mã là phần đầu của mã khác (1 của 1.1) là nhóm; các dòng còn lại là tiêu chí được chấm.',
    [h.content]: 'Nội dung tiêu chí, như trong bản giao ước thi đua.',
    [h.maxPoints]:
      'Điểm tối đa của tiêu chí (với Trừ: mức trừ tối đa), ví dụ 10 hoặc 7,5. Ở dòng nhóm có thể để trống; nếu ghi thì nên bằng tổng các tiêu chí con.',
    [h.rule]: `Cách tính điểm, chọn trong danh sách: ${Object.values(RULE).join(', ')}. Để trống ở dòng nhóm.`,
    [h.param]: 'Tham số của cách tính: điểm mỗi lần (Theo lần, Thưởng, Trừ); điểm trừ mỗi ngày chậm (Đúng hạn). Để trống nếu cách tính không cần.',
  });
  widths(ws, [10, 70, 12, 18, 10]);
  criteria.forEach((c, i) => {
    const row = ws.getRow(i + 2);
    row.getCell(1).value = c.code;
    row.getCell(2).value = c.content;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    put(row.getCell(3), c.max);
    put(row.getCell(4), c.rule);
    put(row.getCell(5), c.param);
    if (isGroup(c, criteria)) row.font = { ...BASE_FONT, bold: true };
    fitRow(row, [[c.content, 70]]);
  });
  listValidation(ws, 4, 2, criteria.length + 1 + SPARE_ROWS, RULE_LIST, `Chọn một cách tính: ${Object.values(RULE).join(', ')}.`);
}

/** `Bỏ phiếu` (MEETING.md): typed by the meeting's secretary after the count. */
function ballotTab(wb: ExcelJS.Workbook, content: InitContent): void {
  const ws = wb.addWorksheet(TAB.ballot);
  const labels = BALLOT_TAB.columns.map((c) => c.label);
  header(ws, labels, Object.fromEntries(BALLOT_TAB.columns.map((c) => [c.label, c.note])));
  widths(ws, BALLOT_TAB.columns.map((c) => c.width));
  const setting = (key: string, fallback: string) => {
    const v = content.settings.find(([k]) => foldAccents(k) === foldAccents(key))?.[1];
    return v === undefined || v === null || v === '' ? fallback : String(v);
  };
  const subjects = ballotSubjects(setting(SETTING.flagLabel, 'Cờ thi đua'), setting(SETTING.certificateLabel, 'Bằng khen'));
  // A list validation's text may not hold its separator: labels with a comma are left to type.
  const listed = subjects.filter((s) => !s.includes(',') && !s.includes('"'));
  listValidation(ws, 1, 2, BALLOT_TAB.rows + 1, listed.join(','), `Chọn một trong: ${subjects.join('; ')}.`);
  const codes = content.units.map((u) => u.code);
  if (codes.length) listValidation(ws, 2, 2, BALLOT_TAB.rows + 1, codes.join(','), 'Chọn Mã của một đơn vị trong trang Đơn vị.');
  for (const [label, row] of (content.ballot ?? []).map((r, i) => [r, i + 2] as const)) {
    label.forEach((v, c) => put(ws.getCell(row, c + 1), v));
  }
}

/** `Lịch sử`: written once by new-year and carried from year to year; a run never rewrites it. */
function historyTab(wb: ExcelJS.Workbook, rows: OutValue[][]): void {
  const h = HISTORY_HEADERS;
  simpleTab(wb, TAB.history, Object.values(h), [8, 10, 36, 8, 12, 16, 34, 14], {
    [h.year]: 'Năm của kết quả.',
    [h.rank]: 'Thứ hạng năm đó (trống: đơn vị chưa nộp số liệu).',
    [h.award]: 'Hình thức khen thưởng đơn vị nhận năm đó (kết quả sau bỏ phiếu).',
    [h.role]: 'Cụm trưởng, Cụm phó hoặc để trống.',
  }, 'Hệ thống ghi khi sang năm mới (thidua new-year) và mang sang các năm sau; các lần chấm không ghi lại trang này. Không sửa tay: dòng bị sửa sẽ có cảnh báo.');
  const ws = wb.getWorksheet(TAB.history)!;
  rows.forEach((r, i) => r.forEach((v, j) => {
    const cell = ws.getCell(i + 2, j + 1);
    put(cell, v);
    // Năm, Mã, Hạng and Tổng điểm centred; the total with its two decimals.
    if ([0, 1, 3, 4].includes(j)) cell.alignment = { horizontal: 'center' };
    if (j === 4) cell.numFmt = '0.00';
  }));
}

/** A system tab: header only, each note ending with who writes the tab. */
function simpleTab(wb: ExcelJS.Workbook, name: string, labels: string[], w: number[], notes: Record<string, string>, suffix: string): void {
  const ws = wb.addWorksheet(name);
  const full: Record<string, string> = {};
  for (const l of labels) full[l] = notes[l] ? `${notes[l]} ${suffix}` : suffix;
  header(ws, labels, full);
  widths(ws, w);
}
