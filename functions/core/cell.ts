/**
 * A workbook as every adapter hands it to the core: plain values per tab, no library
 * objects. Row and column indexes are 0-based everywhere in code; A1 notation is only
 * for people (see a1.ts).
 */
import type { PrintSetup } from '../../sheets-schema/page.js';
import type { CellFormat } from '../../sheets-schema/ranking.js';

/** One cell as read. `f` marks a formula: the value is its computed (cached) result. */
export type Cell =
  | { t: 's'; v: string; f?: true }
  | { t: 'n'; v: number; f?: true }
  | { t: 'b'; v: boolean; f?: true }
  /** A cell the spreadsheet itself holds as a date: `v` is the calendar day `yyyy-mm-dd`. */
  | { t: 'd'; v: string; f?: true }
  /** A spreadsheet error (`#DIV/0!`), or `''` for a formula with no computed value saved. */
  | { t: 'e'; v: string; f?: true }
  | null;

export interface TabSnapshot {
  name: string;
  /** rows[r][c]; trailing empty cells and rows may be absent. */
  rows: Cell[][];
}

export interface WorkbookSnapshot {
  /** What people call this workbook: the file name or the spreadsheet title. */
  title: string;
  /** A link people can open (Google Sheets URL), when there is one. */
  url?: string;
  tabs: TabSnapshot[];
}

/** A value the system writes. Strings are always written as plain text, never parsed. */
export type OutValue = string | number | null;

export interface CellEdit {
  tab: string;
  row: number;
  col: number;
  value: OutValue;
}

/** One column of a tab the system lays out whole (sheets-schema/ranking.ts). */
export interface ColumnLayout {
  width: number;
  format: CellFormat;
  wrap: boolean;
  align: 'left' | 'center' | 'right';
  /** The header cell's note, or null. */
  note: string | null;
}

/**
 * How a system-owned tab looks, derived whole on every run: an adapter that can
 * replaces widths, notes, formats, print setup and the chart rather than keeping what
 * an earlier layout left.
 */
export interface TabLayout {
  columns: ColumnLayout[];
  /** The table's size, header included; cells outside it are the lines beside it. */
  table: { rows: number; cols: number };
  /** Cells whose format differs from their column's (the lines beside the table). */
  cellFormats: { row: number; col: number; format: CellFormat; bold?: boolean }[];
  /** Header row height, points. */
  headerHeight: number;
  /** Height of the other rows, points, where they wrap (null: the default). */
  rowHeights: (number | null)[];
  print: PrintSetup;
  /** Grid borders around the table's cells (a printed ranking); none on an input tab. */
  borders?: boolean;
  /** Header fill per column (ARGB); the default grey where absent. */
  headerFills?: (string | null)[];
  /** Columns greyed (fill and text colour) on every row up to `bodyRows`: the system's own. */
  systemColumns?: { col: number; fill: string; color: string }[];
  /** Rows (header included) that get column styles even when empty: spare rows people may fill. */
  bodyRows?: number;
  /** Dropdowns: a list of values on some rows of a column. */
  validations?: { col: number; rows: number[]; list: readonly string[]; error: string }[];
  /** Rows 1..lastRow tinted where `formula` (for row 2, A1 style) is true. */
  highlight?: { lastRow: number; lastCol: number; formula: string; fill: string };
  /** A bar chart of one column by another, over data rows 1..rows-1. */
  chart?: { title: string; categoryCol: number; valueCol: number; rows: number; anchorCol: number; anchorRow: number };
}

/** A note on an input cell that has an issue (cleared when the issue is gone). */
export interface CellNote {
  tab: string;
  row: number;
  col: number;
  severity: 'error' | 'warning';
  text: string;
}

/**
 * Everything one run writes, computed by the core and applied by an adapter in one
 * atomic step. Only system-owned places appear here (WORKBOOK.md, "What a run may write").
 */
export interface SheetEdits {
  /** `Điểm` / `Kiểm tra` cells of unit tabs. */
  cells: CellEdit[];
  /** System-owned tabs rewritten whole (`Xếp hạng`, `Kiểm tra`), created when absent. */
  tabs: { name: string; rows: OutValue[][]; layout?: TabLayout }[];
  /**
   * Tabs created only when absent (a unit listed in `Đơn vị` without its tab), laid out
   * as `thidua init` lays them out; an existing tab of that name is left alone.
   */
  addTabs?: {
    name: string;
    rows: OutValue[][];
    layout: TabLayout;
    /** The unit's `Người nhập liệu`: where a sheet protects tabs per person (Google), they and the admins may edit it. */
    editors?: string[];
  }[];
  /** Rows appended below what a tab already holds (`Nhật ký`); the header is written if the tab is new. */
  append: { tab: string; header: OutValue[]; rows: OutValue[][] }[];
  /**
   * Notes on input cells that have an issue, per unit tab. The run owns the notes of the
   * input columns `cols` in rows 1..`rows`-1: notes there that are not listed are cleared.
   * (Written by the Google Sheets adapter; the `.xlsx` adapter shows issues in `Kiểm tra`.)
   */
  notes: { tab: string; rows: number; cols: number[]; items: CellNote[] }[];
}

export function cellText(c: Cell): string {
  if (c === null) return '';
  if (c.t === 'b') return c.v ? 'TRUE' : 'FALSE';
  return String(c.v);
}
