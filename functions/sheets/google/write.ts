/**
 * A run's `SheetEdits` as ONE `spreadsheets.batchUpdate` request list. Sheets applies a
 * batch atomically (all requests or none), so the run's write is all-or-nothing.
 *
 * What each edit becomes:
 * - a missing system tab → `addSheet` with a sheetId we choose, so later requests in the
 *   same batch can name it; a unit's missing tab the same, with its dropdowns, its issue
 *   tint and, last in the batch, its protection (unit-tab.ts);
 * - a rewritten system tab → `updateCells` over the whole sheet clearing `userEnteredValue`
 *   (formatting is kept), then `updateCells` with the rows;
 * - appended log rows → `appendCells` (the header first when the tab is new or empty);
 * - `Điểm` / `Kiểm tra` cells → `updateCells` per rectangle of edited cells, never touching
 *   a cell that is not in the edits;
 * - notes → `updateCells` with fields `note` over the owned range: cells without an issue
 *   get no note, which clears a stale one.
 * Values: strings always as `stringValue` (a leading `=` stays text), numbers as
 * `numberValue`, null clears. Nothing here writes formatting: the highlight of rows with
 * issues is a conditional-format rule added once at setup (setup.ts).
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { CellEdit, CellNote, OutValue, SheetEdits } from '../../core/cell.js';
import { sameName } from '../../core/text.js';
import { layoutRequests } from './layout.js';
import type { SheetRef } from './read.js';
import { runs } from './runs.js';
import { newUnitTabRequests, unitProtection } from './unit-tab.js';

type Request = sheets_v4.Schema$Request;
type CellData = sheets_v4.Schema$CellData;
type RowData = sheets_v4.Schema$RowData;

/** Size given to a tab we create (Sheets' own default is 1000 × 26). */
const NEW_TAB_ROWS = 1000;
const NEW_TAB_COLS = 26;

export const NOTE_PREFIX = { error: 'Lỗi', warning: 'Cảnh báo' } as const;

/**
 * `admins`: who may edit every protected tab (the editors of `Xếp hạng`'s protection,
 * admins.ts), asked for only when the run creates a unit's tab; without them (a sheet
 * setup never protected) a new tab is left unprotected, like the sheet's others.
 */
export function buildWriteRequests(edits: SheetEdits, sheets: readonly SheetRef[], admins: readonly string[] = []): Request[] {
  const known = sheets.map((s) => ({ ...s }));
  const usedIds = new Set(known.map((s) => s.sheetId));
  const added: Request[] = [];
  const growth: Request[] = [];
  const writes: Request[] = [];
  // Last in the batch, after every write into the tabs they protect.
  const protections: Request[] = [];
  const isNew = new Set<SheetRef>();

  const find = (name: string): SheetRef | undefined =>
    known.find((s) => s.title === name) ?? known.find((s) => sameName(s.title, name));
  const existing = (name: string): SheetRef => {
    const s = find(name);
    if (!s) throw new Error(`tab "${name}" is not in the spreadsheet`);
    return s;
  };
  /** A system tab, created in this batch when absent. */
  const ensure = (name: string, rows: number, cols: number): SheetRef => {
    const s = find(name);
    if (s) return s;
    const ref: SheetRef = {
      sheetId: chooseSheetId(name, usedIds),
      title: name,
      rowCount: Math.max(NEW_TAB_ROWS, rows),
      columnCount: Math.max(NEW_TAB_COLS, cols),
      usedRows: 0,
    };
    usedIds.add(ref.sheetId);
    known.push(ref);
    isNew.add(ref);
    added.push({
      addSheet: {
        properties: {
          sheetId: ref.sheetId,
          title: name,
          gridProperties: { rowCount: ref.rowCount, columnCount: ref.columnCount, frozenRowCount: 1 },
        },
      },
    });
    return ref;
  };
  /** Grows an existing tab's grid so that writes up to rows × cols are inside it. */
  const fit = (s: SheetRef, rows: number, cols: number) => {
    if (rows > s.rowCount) {
      growth.push({ appendDimension: { sheetId: s.sheetId, dimension: 'ROWS', length: rows - s.rowCount } });
      s.rowCount = rows;
    }
    if (cols > s.columnCount) {
      growth.push({ appendDimension: { sheetId: s.sheetId, dimension: 'COLUMNS', length: cols - s.columnCount } });
      s.columnCount = cols;
    }
  };

  for (const tab of edits.addTabs ?? []) {
    if (find(tab.name)) continue; // people's tab by now: left alone
    const s = ensure(tab.name, tab.rows.length, widest(tab.rows));
    writes.push({ updateCells: { start: { sheetId: s.sheetId, rowIndex: 0, columnIndex: 0 }, rows: tab.rows.map(rowData), fields: 'userEnteredValue' } });
    writes.push(...layoutRequests(s.sheetId, tab.rows, tab.layout));
    writes.push(...newUnitTabRequests(s.sheetId, tab.layout));
    if (admins.length) protections.push(unitProtection(s.sheetId, tab.name, tab.editors ?? [], admins));
  }

  for (const tab of edits.tabs) {
    const width = widest(tab.rows);
    const s = ensure(tab.name, tab.rows.length, width);
    fit(s, tab.rows.length, width);
    writes.push({ updateCells: { range: { sheetId: s.sheetId }, fields: 'userEnteredValue' } });
    if (tab.rows.length > 0) {
      writes.push({
        updateCells: {
          start: { sheetId: s.sheetId, rowIndex: 0, columnIndex: 0 },
          rows: tab.rows.map(rowData),
          fields: 'userEnteredValue',
        },
      });
    }
    if (tab.layout) writes.push(...layoutRequests(s.sheetId, tab.rows, tab.layout));
  }

  for (const log of edits.append) {
    const s = ensure(log.tab, 1 + log.rows.length, widest([log.header, ...log.rows]));
    const rows = isNew.has(s) || s.usedRows === 0 ? [log.header, ...log.rows] : log.rows;
    if (rows.length === 0) continue;
    // appendCells inserts the rows it needs; only the width has to fit.
    fit(s, 0, widest(rows));
    writes.push({ appendCells: { sheetId: s.sheetId, rows: rows.map(rowData), fields: 'userEnteredValue' } });
  }

  for (const [tab, cells] of groupBy(edits.cells, (c) => c.tab)) {
    const s = existing(tab);
    fit(s, Math.max(...cells.map((c) => c.row + 1)), Math.max(...cells.map((c) => c.col + 1)));
    for (const block of rectangles(cells)) {
      writes.push({
        updateCells: {
          start: { sheetId: s.sheetId, rowIndex: block.row, columnIndex: block.col },
          rows: block.values.map((row) => ({ values: row.map(cellData) })),
          fields: 'userEnteredValue',
        },
      });
    }
  }

  for (const owned of edits.notes) {
    const s = existing(owned.tab);
    const end = Math.min(owned.rows, s.rowCount);
    if (end <= 1) continue;
    for (const [c0, c1] of runs(owned.cols.filter((c) => c >= 0 && c < s.columnCount))) {
      const texts = noteTexts(owned.items, 1, end, c0, c1);
      const rows: RowData[] = [];
      for (let r = 1; r < end; r++) {
        const values: CellData[] = [];
        for (let c = c0; c <= c1; c++) {
          const text = texts.get(`${r}:${c}`);
          values.push(text === undefined ? {} : { note: text });
        }
        rows.push({ values });
      }
      writes.push({
        updateCells: {
          range: { sheetId: s.sheetId, startRowIndex: 1, endRowIndex: end, startColumnIndex: c0, endColumnIndex: c1 + 1 },
          rows,
          fields: 'note',
        },
      });
    }
  }

  return [...added, ...growth, ...writes, ...protections];
}

/** RAW values: text is `stringValue`, never parsed into a formula, number or date. */
export function cellData(v: OutValue): CellData {
  if (v === null) return {};
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return { userEnteredValue: { numberValue: v } };
  }
  return { userEnteredValue: { stringValue: v } };
}

function rowData(values: OutValue[]): RowData {
  return { values: values.map(cellData) };
}

function widest(rows: OutValue[][]): number {
  return rows.reduce((w, r) => Math.max(w, r.length), 0);
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** Sorted distinct numbers → [first, last] of each run of consecutive ones. */

interface Block {
  row: number;
  col: number;
  values: OutValue[][];
}

/**
 * Edited cells → rectangles that hold edited cells only: runs of adjacent columns per row,
 * stacked while the next row has the same run. `Điểm` + `Kiểm tra` of a unit tab's
 * criteria rows make one rectangle.
 */
export function rectangles(cells: readonly CellEdit[]): Block[] {
  const byRow = new Map<number, Map<number, OutValue>>();
  for (const c of cells) {
    const row = byRow.get(c.row) ?? new Map<number, OutValue>();
    row.set(c.col, c.value); // a later edit of the same cell wins
    byRow.set(c.row, row);
  }
  const open = new Map<string, Block>();
  const done: Block[] = [];
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const row = byRow.get(r)!;
    const seen = new Set<string>();
    for (const [c0, c1] of runs([...row.keys()])) {
      const key = `${c0}:${c1}`;
      seen.add(key);
      const values: OutValue[] = [];
      for (let c = c0; c <= c1; c++) values.push(row.get(c) ?? null);
      const block = open.get(key);
      if (block && block.row + block.values.length === r) block.values.push(values);
      else {
        if (block) done.push(block);
        open.set(key, { row: r, col: c0, values: [values] });
      }
    }
    for (const [key, block] of open) {
      if (!seen.has(key)) {
        done.push(block);
        open.delete(key);
      }
    }
  }
  done.push(...open.values());
  return done.sort((a, b) => a.row - b.row || a.col - b.col);
}

function noteTexts(items: readonly CellNote[], r0: number, r1: number, c0: number, c1: number): Map<string, string> {
  const m = new Map<string, string>();
  for (const n of items) {
    if (n.row < r0 || n.row >= r1 || n.col < c0 || n.col > c1) continue;
    const key = `${n.row}:${n.col}`;
    const line = `${NOTE_PREFIX[n.severity]}: ${n.text}`;
    m.set(key, m.has(key) ? `${m.get(key)}\n${line}` : line);
  }
  return m;
}

/**
 * A sheetId for a tab we add: derived from its name (stable across runs, readable in
 * tests), moved on past any id already in use. Sheet ids are non-negative int32.
 */
export function chooseSheetId(name: string, used: ReadonlySet<number>): number {
  let h = 0x811c9dc5;
  for (const ch of name.normalize('NFC')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let id = (h % 2_000_000_000) + 1;
  while (used.has(id)) id = (id % 2_000_000_000) + 1;
  return id;
}
