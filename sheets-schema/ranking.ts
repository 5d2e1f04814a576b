/**
 * `Xếp hạng` as one definition: the list of its columns (header, width, note, number
 * format) and the block of lines beside the table. `thidua init`, `google setup` and every
 * run take the tab's layout from here, so a group added or removed in `Tiêu chí` moves
 * headers, widths and notes together and nothing stale stays behind.
 *
 * To add a column: one entry in BEFORE_GROUPS or AFTER_GROUPS (its key joins
 * RankingKey), then its value in core/edits.ts (RANKING_VALUES, checked by the compiler).
 */
import { RANKING_HEADERS, TAB } from './layout.js';

/** How a cell shows its value. `points`: two decimals (94,41 and 85,50 in a vi-VN sheet). */
export type CellFormat = 'text' | 'integer' | 'points' | 'dateTime';

/** The number format codes of CellFormat (Excel and Google Sheets read the same codes). */
export const FORMAT_CODE: Record<CellFormat, string | null> = {
  text: null,
  integer: '0',
  points: '0.00',
  dateTime: 'dd/mm/yyyy hh:mm',
};

export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  /** Width in characters of the default font. */
  width: number;
  /** The header's note (what the column means); the tab's own note is added to it. */
  note: string | null;
  format: CellFormat;
  /** Long text wraps inside the column. */
  wrap: boolean;
  align: 'left' | 'center' | 'right';
}

export type RankingKey = 'rank' | 'code' | 'name' | 'group' | 'bonus' | 'deduction' | 'total' | 'grade' | 'award' | 'voteResult' | 'status';

export interface RankingColumn extends ColumnSpec<RankingKey> {
  /** On a `group` column, the group's code. */
  group?: string;
}

/** A top-level group of `Tiêu chí` that has a column of its own. */
export interface RankingGroup {
  code: string;
  content: string;
}

const H = RANKING_HEADERS;

const BEFORE_GROUPS: RankingColumn[] = [
  { key: 'rank', header: H.rank, width: 7, format: 'integer', wrap: false, align: 'center', note: 'Thứ hạng theo Tổng điểm (bằng điểm thì xét tổng điểm các tiêu chí, rồi điểm trừ ít hơn). Trống: đơn vị chưa nộp.' },
  { key: 'code', header: H.code, width: 9, format: 'text', wrap: false, align: 'left', note: 'Mã đơn vị (tên trang tính của đơn vị).' },
  { key: 'name', header: H.name, width: 30, format: 'text', wrap: true, align: 'left', note: null },
];

const AFTER_GROUPS: RankingColumn[] = [
  { key: 'bonus', header: H.bonus, width: 9, format: 'points', wrap: true, align: 'right', note: 'Tổng điểm thưởng, không quá Điểm thưởng tối đa của Cấu hình.' },
  { key: 'deduction', header: H.deduction, width: 9, format: 'points', wrap: true, align: 'right', note: 'Tổng điểm bị trừ.' },
  { key: 'total', header: H.total, width: 10, format: 'points', wrap: true, align: 'right', note: 'Tổng điểm = điểm các tiêu chí + điểm thưởng (không quá mức tối đa) − điểm trừ.' },
  { key: 'grade', header: H.grade, width: 13, format: 'text', wrap: true, align: 'left', note: 'Xếp loại theo các mức của Cấu hình (% của Thang điểm).' },
  { key: 'award', header: H.award, width: 30, format: 'text', wrap: true, align: 'left', note: 'Đề xuất của hệ thống theo bảng xếp hạng; cụm họp và quyết định.' },
  { key: 'voteResult', header: H.voteResult, width: 18, format: 'text', wrap: true, align: 'left', note: 'Kết quả bỏ phiếu của cụm ở trang Bỏ phiếu: đạt hay không đạt, số phiếu đồng ý trên số phiếu hợp lệ. Trống khi chưa bỏ phiếu.' },
  { key: 'status', header: H.status, width: 12, format: 'text', wrap: true, align: 'left', note: 'Hợp lệ, Còn … lỗi (xem tab Kiểm tra) hoặc Chưa nộp.' },
];

const GROUP_WIDTH = 15;

/** A group's header as people read it: "1. Công tác tổ chức phong trào thi đua". */
export function groupHeader(g: RankingGroup): string {
  return g.content ? `${g.code}. ${g.content}` : `Nhóm ${g.code}`;
}

/** Every column of `Xếp hạng`, in order, for these groups. */
export function rankingColumns(groups: readonly RankingGroup[]): RankingColumn[] {
  return [
    ...BEFORE_GROUPS,
    ...groups.map((g): RankingColumn => ({
      key: 'group', group: g.code, header: groupHeader(g), width: GROUP_WIDTH, format: 'points', wrap: true, align: 'right',
      note: `Điểm nhóm ${g.code}: tổng điểm các tiêu chí của nhóm.`,
    })),
    ...AFTER_GROUPS,
  ];
}

/**
 * The groups with a column: top-level codes that hold at least one ordinary criterion
 * (not `Thưởng`/`Trừ`, which have columns of their own), in sheet order.
 */
export function rankingGroups(criteria: readonly { code: string; content: string; group: boolean; extra: boolean }[]): RankingGroup[] {
  const out: RankingGroup[] = [];
  for (const c of criteria) {
    if (c.group || c.extra) continue;
    const top = c.code.split('.')[0]!;
    if (out.some((g) => g.code === top)) continue;
    const head = criteria.find((x) => x.code === top);
    out.push({ code: top, content: head?.content ?? '' });
  }
  return out;
}

/** The lines beside the table: one empty column apart, a label column and a value column. */
export const ASIDE = { gap: 2, labelWidth: 16, valueWidth: 34 } as const;

/** The column of the labels beside a table of `tableCols` columns (one empty column apart); the values follow. */
export function asideColumn(tableCols: number): number {
  return tableCols + 1;
}

/**
 * Where one more line goes beside a written `Xếp hạng` (the stale mark, core/stale.ts): in
 * the label column as `asideColumn` places it (the table's headers end at the first empty
 * header cell), one empty row below every line already there (the meeting's included), or
 * on the row already holding `label` (or one of them). Null when the tab has no lines beside its table.
 */
export function nextAsideLine(textAt: (row: number, col: number) => string, label: string | readonly string[]): { row: number; col: number } | null {
  const labels: readonly string[] = typeof label === 'string' ? [label] : label;
  let tableCols = 0;
  while (textAt(0, tableCols) !== '') tableCols++;
  const col = asideColumn(tableCols);
  if (tableCols === 0 || textAt(0, col) === '') return null;
  let row = 0;
  while (textAt(row, col) !== '' && !labels.includes(textAt(row, col))) row++;
  if (labels.includes(textAt(row, col))) return { row, col };
  // One empty row apart from the lines above.
  return { row: row + 1, col };
}

/** A line beside the table ("Cập nhật lúc | 20/12/2023 10:00"). */
export interface AsideLine {
  label: string;
  value: string | number | null;
  format: CellFormat;
}

/** The note every header of a system tab ends with. */
export const SYSTEM_NOTE = 'Hệ thống tự ghi lại trang này sau mỗi lần chấm; không nhập vào đây.';

export const RANKING_TAB = TAB.ranking;

/** Header row height in points: enough lines for the longest wrapped header. */
export function headerHeight(columns: readonly { header: string; width: number; wrap: boolean }[], lineHeight = 16): number {
  let lines = 1;
  // Bold text is a little wider than the width's characters.
  for (const c of columns) if (c.wrap) lines = Math.max(lines, wrappedLines(c.header, Math.max(1, Math.floor(c.width * 0.85))));
  return Math.max(2, lines) * lineHeight + 4;
}

/**
 * Lines a text takes when wrapped at `width` characters, word by word (a bold or
 * accented character is about one character of the default font wide).
 */
export function wrappedLines(text: string, width: number): number {
  let total = 0;
  for (const para of text.split('\n')) {
    let lines = 1;
    let used = 0;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const len = word.length;
      if (used === 0) used = len;
      else if (used + 1 + len <= width) used += 1 + len;
      else {
        lines++;
        used = len;
      }
      while (used > width) {
        lines++;
        used -= width;
      }
    }
    total += lines;
  }
  return total;
}
