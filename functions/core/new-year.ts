/**
 * The year's turn (MEETING.md, "A new year"), pure: this year's workbook and its
 * evaluation (the locked one when locked) in, next year's content out — the same
 * `Đơn vị`, `Tiêu chí` and `Cấu hình` with `Năm` + 1, `Hạn nộp` a year later, next
 * year's head and deputy, and `Lịch sử` = the old rows plus this year's results.
 * Unit inputs, `Bỏ phiếu`, `Xếp hạng`, `Kiểm tra` and `Nhật ký` are not carried.
 */
import {
  CRITERIA_HEADERS, HISTORY_HEADERS, NEEDS_VOTE, REVOTE, ROLE, SETTING, SETTINGS_HEADERS, TAB, UNIT_HEADERS,
} from '../../sheets-schema/layout.js';
import type { Cell, OutValue, TabSnapshot, WorkbookSnapshot } from './cell.js';
import { centsToNumber, formatDate, formatNumber } from './format.js';
import { IssueList } from './issues.js';
import type { Evaluation, UnitResult } from './model.js';
import { normalizeName, sameName } from './text.js';
import { isRealDay } from './values/dates.js';
import { cellAt, findTab, headerColumns, isBlank, textOf } from './workbook/grid.js';
import { HISTORY_FIELDS, readHistory } from './workbook/history.js';

export interface NextYearContent {
  /** The new `Năm`. */
  year: number;
  settings: [string, OutValue][];
  units: { code: string; name: string; email: string; editors: string; noAward: string | null }[];
  criteria: { code: string; content: string; max: OutValue; rule: string | null; param: OutValue }[];
  /** `Lịch sử`, in `HISTORY_HEADERS` order: the old rows, then this year's in rank order. */
  history: OutValue[][];
  /** What was carried and what was left, for the person who asked. */
  report: {
    from: number;
    head: string | null;
    deputy: string | null;
    by: Evaluation['next']['by'];
    deadline: string | null;
    locked: number | null;
    oldRows: number;
    thisYearRows: number;
    /** Things a person should look at in the new workbook. */
    notes: string[];
  };
}

export class NewYearError extends Error {
  override name = 'NewYearError';
}

/** Keys whose value is a share: written back as "90%", as people type them. */
const SHARE_KEYS = new Set<string>([SETTING.excellent, SETTING.good, SETTING.pass, SETTING.voteThreshold].map(normalizeName));

export function planNewYear(wb: WorkbookSnapshot, ev: Evaluation): NextYearContent {
  const s = ev.settings;
  if (s.year === null) throw new NewYearError(`Tab ${TAB.settings} chưa có ${SETTING.year} dùng được: không biết năm sau là năm nào`);
  const year = s.year + 1;
  const notes: string[] = [];
  const nameOf = (code: string | null) => (code === null ? null : (ev.units.find((u) => sameName(u.code, code))?.name ?? code));

  // Cấu hình: every row as typed, but the year's own keys.
  const settingsTab = findTab(wb, TAB.settings)!;
  const sCols = headerColumns(settingsTab, SETTINGS_HEADERS).cols;
  const deadline = s.deadline ? nextYearDay(s.deadline) : null;
  const settings: [string, OutValue][] = [];
  const set = new Set<string>();
  let formulas = 0;
  for (let r = 1; r < settingsTab.rows.length; r++) {
    const keyCell = cellAt(settingsTab, r, sCols.key);
    if (isBlank(keyCell)) continue;
    const key = textOf(keyCell);
    const k = normalizeName(key);
    const cell = cellAt(settingsTab, r, sCols.value);
    if (cell?.f) formulas++;
    let value = outValue(cell);
    if (k === normalizeName(SETTING.year)) value = year;
    else if (k === normalizeName(SETTING.deadline)) {
      if (deadline) value = formatDate(deadline);
      else if (!isBlank(cell)) notes.push(`${SETTING.deadline} "${textOf(cell)}" không đọc được nên giữ nguyên; hãy nhập hạn nộp năm ${year}.`);
    } else if (k === normalizeName(SETTING.head)) value = ev.next.head;
    else if (k === normalizeName(SETTING.deputy)) value = ev.next.deputy;
    else if (SHARE_KEYS.has(k) && cell?.t === 'n' && cell.v <= 1) value = `${formatNumber(cell.v * 100)}%`;
    set.add(k);
    settings.push([key, value]);
  }
  for (const [label, code] of [[SETTING.head, ev.next.head], [SETTING.deputy, ev.next.deputy]] as const) {
    if (!set.has(normalizeName(label)) && code !== null) settings.push([label, code]);
  }
  if (ev.next.head === null || ev.next.deputy === null) {
    notes.push(`Chưa xác định được ${ev.next.head === null ? SETTING.head : SETTING.deputy} năm ${year} (cần ${SETTING.head} và ${SETTING.deputy} năm ${s.year}, hoặc kết quả bầu ở tab ${TAB.ballot}); hãy nhập ở tab ${TAB.settings}.`);
  }

  // Đơn vị: the units the run knows (valid, unique codes), as typed.
  const unitsTab = findTab(wb, TAB.units)!;
  const uCols = headerColumns(unitsTab, UNIT_HEADERS).cols;
  const known = new Set(ev.units.map((u) => normalizeName(u.code)));
  const units: NextYearContent['units'] = [];
  for (let r = 1; r < unitsTab.rows.length; r++) {
    const code = textOf(cellAt(unitsTab, r, uCols.code));
    if (code === '') continue;
    if (!known.has(normalizeName(code)) || units.some((u) => sameName(u.code, code))) {
      notes.push(`Không mang sang dòng ${r + 1} của tab ${TAB.units} (mã "${code}" không hợp lệ hoặc bị trùng).`);
      continue;
    }
    const noAward = textOf(cellAt(unitsTab, r, uCols.noAward));
    if (noAward) notes.push(`${code} vẫn ghi "${UNIT_HEADERS.noAward}: ${noAward}" — hãy xem lại cho năm ${year}.`);
    units.push({
      code,
      name: textOf(cellAt(unitsTab, r, uCols.name)) || code,
      email: textOf(cellAt(unitsTab, r, uCols.email)),
      editors: textOf(cellAt(unitsTab, r, uCols.editors)),
      noAward: noAward || null,
    });
  }

  // Tiêu chí: every row with a code, as typed (revise them before signing the compact).
  const criteriaTab = findTab(wb, TAB.criteria)!;
  const cCols = headerColumns(criteriaTab, CRITERIA_HEADERS).cols;
  const criteria: NextYearContent['criteria'] = [];
  for (let r = 1; r < criteriaTab.rows.length; r++) {
    const code = textOf(cellAt(criteriaTab, r, cCols.code)).replace(/\s+/g, '');
    if (code === '') continue;
    const at = (col: number | undefined) => cellAt(criteriaTab, r, col);
    if ([at(cCols.maxPoints), at(cCols.param)].some((c) => c?.f)) formulas++;
    criteria.push({
      code,
      content: textOf(at(cCols.content)),
      max: outValue(at(cCols.maxPoints)),
      rule: textOf(at(cCols.rule)) || null,
      param: outValue(at(cCols.param)),
    });
  }
  if (formulas) notes.push(`${formulas} ô công thức ở tab ${TAB.settings}/${TAB.criteria} được chép bằng giá trị.`);

  // Lịch sử: the old rows (earlier years only), then this year's results.
  const { old, dropped, unreadable } = oldHistory(findTab(wb, TAB.history), s.year);
  if (unreadable) notes.push(`Tab ${TAB.history} cũ thiếu cột ${HISTORY_HEADERS.year} hoặc ${HISTORY_HEADERS.code}: các dòng cũ của nó không được mang sang.`);
  if (dropped) notes.push(`Bỏ ${dropped} dòng ${TAB.history} của năm ${s.year} trở về sau có sẵn trong tab cũ: năm ${s.year} được ghi lại từ kết quả.`);
  const mine = ev.units.map((u) => historyRow(s.year!, u, ev));
  if (!ev.locked) notes.push(`Kết quả năm ${s.year} chưa được chốt (thidua lock): ${TAB.history} ghi kết quả của lần chấm này.`);
  if (ev.units.some((u) => u.award === NEEDS_VOTE || u.award === REVOTE)) {
    notes.push(`Có đơn vị còn "${NEEDS_VOTE}": ${HISTORY_HEADERS.award} của đơn vị đó để trống.`);
  }

  return {
    year,
    settings,
    units,
    criteria,
    history: [...old, ...mine],
    report: {
      from: s.year,
      head: ev.next.head === null ? null : `${ev.next.head} (${nameOf(ev.next.head)})`,
      deputy: ev.next.deputy === null ? null : `${ev.next.deputy} (${nameOf(ev.next.deputy)})`,
      by: ev.next.by,
      deadline,
      locked: ev.locked?.at ?? null,
      oldRows: old.length,
      thisYearRows: mine.length,
      notes,
    },
  };
}

/** This year's row of a unit: rank, total and grade when it submitted; the award it received (not a pending vote). */
function historyRow(year: number, u: UnitResult, ev: Evaluation): OutValue[] {
  const submitted = u.status !== 'missing';
  const award = u.award === null || u.award === NEEDS_VOTE || u.award === REVOTE ? null : u.award;
  const role = ev.settings.head !== null && sameName(u.code, ev.settings.head)
    ? ROLE.head
    : ev.settings.deputy !== null && sameName(u.code, ev.settings.deputy) ? ROLE.deputy : null;
  const row: Record<keyof typeof HISTORY_HEADERS, OutValue> = {
    year, code: u.code, name: u.name,
    rank: submitted ? u.rank : null,
    total: submitted ? centsToNumber(u.total) : null,
    grade: submitted ? u.grade : null,
    award, role,
  };
  return HISTORY_FIELDS.map((f) => row[f]);
}

/** The rows of the old `Lịch sử` of years before `year`, each in `HISTORY_HEADERS` order, values as they are. */
function oldHistory(tab: TabSnapshot | undefined, year: number): { old: OutValue[][]; dropped: number; unreadable: boolean } {
  const read = readHistory(tab, new IssueList());
  const unreadable = tab !== undefined && (read.cols.year === undefined || read.cols.code === undefined) && tab.rows.length > 1;
  const old: OutValue[][] = [];
  let dropped = 0;
  for (const { row } of read.typed) {
    const h = read.rows.find((x) => x.row === row);
    if (h && h.year >= year) {
      dropped++;
      continue;
    }
    old.push(HISTORY_FIELDS.map((f) => outValue(cellAt(tab!, row, read.cols[f]))));
  }
  return { old, dropped, unreadable };
}

/** A cell's value to write again: text and numbers as they are, a date as dd/mm/yyyy, an error as its text. */
function outValue(c: Cell): OutValue {
  if (c === null) return null;
  if (c.t === 'n') return c.v;
  if (c.t === 'd') return formatDate(c.v);
  if (c.t === 's') return c.v.trim() === '' ? null : c.v;
  if (c.t === 'e') return c.v === '' ? null : c.v;
  return textOf(c);
}

/** The same day a year later; 29/02 becomes 28/02. */
export function nextYearDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = isRealDay(y + 1, m, d) ? d : d - 1;
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
