/**
 * Changes to one worksheet's XML, made by splicing: rows and cells we do not write stay
 * exactly as they were, and so does everything outside `<sheetData>` (views, column
 * widths, merges, conditional formats, drawing and comment references…).
 */
import type { OutValue } from '../../core/cell.js';
import { a1 } from '../../core/a1.js';
import { shiftFormula } from './formula.js';
import { parseRef, parseSheet, type CellNode, type ParsedSheet, type RowNode } from './sheet.js';
import { applySplices, attr, child, encodeOoxmlText, escapeText, rewriteStartTag, textOf, type Splice, type XElement } from './xml.js';

export interface PatchResult {
  xml: string;
  /** A formula was overwritten or removed: the workbook's calculation chain is stale. */
  formulaRemoved: boolean;
}

export interface CellWrite {
  row: number;
  col: number;
  value: OutValue;
}

export function setCells(xml: string, writes: CellWrite[], maxElements?: number): PatchResult {
  return setCellsIn(parseSheet(xml, maxElements), writes);
}

/** The last row holding a value or formula, or -1 for an empty tab. */
export function lastFilledRow(sheet: ParsedSheet): number {
  let last = -1;
  for (const row of sheet.rows) {
    if (row.index <= last) continue;
    if (row.cells.some((c) => c.el.children.some((k) => k.local === 'v' || k.local === 'is' || k.local === 'f'))) last = row.index;
  }
  return last;
}

/** Rows written below the last filled row; the header first when the tab is empty. */
export function appendRows(xml: string, header: OutValue[], rows: OutValue[][]): PatchResult {
  const sheet = parseSheet(xml);
  let r = lastFilledRow(sheet) + 1;
  const all = r === 0 ? [header, ...rows] : rows;
  const writes: CellWrite[] = [];
  for (const values of all) {
    values.forEach((value, col) => value !== null && writes.push({ row: r, col, value }));
    r++;
  }
  return setCellsIn(sheet, writes);
}

export function setCellsIn(sheet: ParsedSheet, writes: CellWrite[]): PatchResult {
  const { xml } = sheet;
  const p = prefixOf(sheet.sheetData);
  const edits = new Map<number, Map<number, OutValue>>();
  for (const w of writes) {
    let cols = edits.get(w.row);
    if (!cols) edits.set(w.row, (cols = new Map()));
    cols.set(w.col, w.value);
  }
  const byIndex = new Map<number, RowNode>();
  for (const row of sheet.rows) if (!byIndex.has(row.index)) byIndex.set(row.index, row);

  // Formulas we overwrite; the masters of shared formulas among them.
  let formulaRemoved = false;
  const masters = new Map<string, { text: string; row: number; col: number }>();
  for (const [r, cols] of edits) {
    for (const cell of byIndex.get(r)?.cells ?? []) {
      if (!cols.has(cell.col)) continue;
      const f = child(cell.el, 'f');
      if (!f) continue;
      formulaRemoved = true;
      const si = attr(f, 'si');
      if (attr(f, 't') === 'shared' && attr(f, 'ref') !== undefined && si !== undefined) {
        masters.set(si, { text: textOf(xml, f), row: cell.row, col: cell.col });
      }
    }
  }
  // The rest of those groups get their own formula, moved from the master's.
  const rewrites = new Map<number, Map<number, string>>();
  if (masters.size) {
    for (const row of sheet.rows) {
      for (const cell of row.cells) {
        if (edits.get(row.index)?.has(cell.col)) continue;
        const f = child(cell.el, 'f');
        const si = f && attr(f, 't') === 'shared' && attr(f, 'ref') === undefined ? attr(f, 'si') : undefined;
        const m = si === undefined ? undefined : masters.get(si);
        if (!m) continue;
        let cols = rewrites.get(row.index);
        if (!cols) rewrites.set(row.index, (cols = new Map()));
        cols.set(cell.col, shiftFormula(m.text, cell.row - m.row, cell.col - m.col));
      }
    }
  }

  const styles = newCellStyles(sheet);
  const splices: Splice[] = [];
  for (const row of sheet.rows) {
    const e = edits.get(row.index);
    const rw = rewrites.get(row.index);
    if (e || rw || attr(row.el, 'r') === undefined) {
      if (byIndex.get(row.index) !== row) continue; // a duplicate row element: left alone
      splices.push({ start: row.el.start, end: row.el.end, text: renderRow(xml, p, row, e, rw, styles) });
    }
  }

  // Rows that do not exist yet, inserted in order before the next existing row.
  const ordered = sheet.rows.map((r) => r.index);
  const inserts = new Map<number, { row: number; text: string }[]>();
  for (const [r, cols] of edits) {
    if (byIndex.has(r)) continue;
    const cells = [...cols].filter(([, v]) => v !== null).sort((a, b) => a[0] - b[0]);
    if (cells.length === 0) continue;
    const text = `<${p}row r="${r + 1}">${cells.map(([c, v]) => newCell(p, r, c, v, styles(r, c))).join('')}</${p}row>`;
    const next = firstAbove(ordered, r);
    const at = next < sheet.rows.length ? sheet.rows[next]!.el.start : sheet.sheetData.closeStart;
    let list = inserts.get(at);
    if (!list) inserts.set(at, (list = []));
    list.push({ row: r, text });
  }
  if (sheet.sheetData.selfClosing) {
    const rows = [...inserts.values()].flat().sort((a, b) => a.row - b.row);
    if (rows.length) {
      const open = rewriteStartTag(xml, sheet.sheetData, {}, false);
      splices.push({ start: sheet.sheetData.start, end: sheet.sheetData.end, text: `${open}${rows.map((x) => x.text).join('')}</${sheet.sheetData.name}>` });
    }
  } else {
    for (const [at, list] of inserts) {
      splices.push({ start: at, end: at, text: list.sort((a, b) => a.row - b.row).map((x) => x.text).join('') });
    }
  }

  const dim = dimensionSplice(sheet, writes);
  if (dim) splices.push(dim);
  return { xml: applySplices(xml, splices), formulaRemoved };
}

/** Rewrites `<sheetData>` whole with `rows`; the header row keeps its formatting. */
export function replaceRows(xml: string, rows: OutValue[][]): PatchResult {
  const sheet = parseSheet(xml);
  const p = prefixOf(sheet.sheetData);
  const formulaRemoved = sheet.rows.some((r) => r.cells.some((c) => child(c.el, 'f') !== undefined));
  const header = sheet.rows.find((r) => r.index === 0);
  const headerStyles = new Map<number, string>();
  for (const c of header?.cells ?? []) {
    const s = attr(c.el, 's');
    if (s !== undefined) headerStyles.set(c.col, s);
  }
  const out: string[] = [];
  let lastRow = 0;
  let lastCol = 0;
  rows.forEach((values, r) => {
    const cells: string[] = [];
    values.forEach((v, c) => {
      const s = r === 0 ? headerStyles.get(c) : undefined;
      if (v === null && s === undefined) return;
      cells.push(newCell(p, r, c, v, s));
      if (v !== null) {
        lastRow = Math.max(lastRow, r);
        lastCol = Math.max(lastCol, c);
      }
    });
    if (r === 0 && header) {
      out.push(`${rewriteStartTag(xml, header.el, { r: '1', spans: null }, false)}${cells.join('')}</${header.el.name}>`);
    } else if (cells.length) {
      out.push(`<${p}row r="${r + 1}">${cells.join('')}</${p}row>`);
    }
  });
  const open = rewriteStartTag(xml, sheet.sheetData, {}, false);
  const splices: Splice[] = [{ start: sheet.sheetData.start, end: sheet.sheetData.end, text: `${open}${out.join('')}</${sheet.sheetData.name}>` }];
  const dimension = child(sheet.root, 'dimension');
  if (dimension) {
    const ref = lastRow === 0 && lastCol === 0 ? 'A1' : `A1:${a1(lastRow, lastCol)}`;
    splices.push({ start: dimension.start, end: dimension.openEnd, text: rewriteStartTag(xml, dimension, { ref }) });
  }
  return { xml: applySplices(xml, splices), formulaRemoved };
}

function prefixOf(el: XElement): string {
  const colon = el.name.indexOf(':');
  return colon >= 0 ? el.name.slice(0, colon + 1) : '';
}

/** Index of the first row whose index is above `r` (rows are in ascending order). */
function firstAbove(sorted: number[], r: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type StyleOf = (row: number, col: number) => string | undefined;

/**
 * The style a new cell gets, as a spreadsheet gives it to a cell typed into: the row's
 * own format when it has one, else the column's.
 */
function newCellStyles(sheet: ParsedSheet): StyleOf {
  const rowStyles = new Map<number, string>();
  for (const row of sheet.rows) {
    const s = attr(row.el, 's');
    const custom = attr(row.el, 'customFormat');
    if (s !== undefined && (custom === '1' || custom === 'true')) rowStyles.set(row.index, s);
  }
  const colStyles: { min: number; max: number; style: string }[] = [];
  const cols = child(sheet.root, 'cols');
  for (const c of cols?.children ?? []) {
    const style = attr(c, 'style');
    if (c.local === 'col' && style !== undefined && style !== '0') {
      colStyles.push({ min: Number(attr(c, 'min')) - 1, max: Number(attr(c, 'max')) - 1, style });
    }
  }
  return (row, col) => rowStyles.get(row) ?? colStyles.find((c) => col >= c.min && col <= c.max)?.style;
}

function renderRow(
  xml: string,
  p: string,
  row: RowNode,
  edits: Map<number, OutValue> | undefined,
  rewrites: Map<number, string> | undefined,
  styles: StyleOf,
): string {
  const r = row.index;
  // Cells to add (edited columns without a cell yet), in column order.
  let added: number[] = [];
  if (edits) {
    const existing = new Set<number>();
    for (const c of row.cells) existing.add(c.col);
    for (const [c, v] of edits) if (v !== null && !existing.has(c)) added.push(c);
    if (added.length > 1) added = added.sort((a, b) => a - b);
  }
  let body = '';
  let first = -1;
  let last = -1;
  const emit = (col: number, text: string) => {
    if (!text) return;
    body += text;
    if (first < 0) first = col;
    last = Math.max(last, col);
  };
  let k = 0;
  for (const cell of row.cells) {
    while (k < added.length && added[k]! < cell.col) {
      const c = added[k++]!;
      emit(c, newCell(p, r, c, edits!.get(c)!, styles(r, c)));
    }
    if (edits?.has(cell.col)) emit(cell.col, editedCell(xml, p, cell, edits.get(cell.col)!));
    else if (rewrites?.has(cell.col)) emit(cell.col, rewrittenCell(xml, cell, rewrites.get(cell.col)!));
    else emit(cell.col, rawCell(xml, cell));
  }
  for (; k < added.length; k++) {
    const c = added[k]!;
    emit(c, newCell(p, r, c, edits!.get(c)!, styles(r, c)));
  }
  for (const c of row.el.children) if (c.local !== 'c') body += xml.slice(c.start, c.end);
  const changes: Record<string, string | null> = { r: String(r + 1) };
  if (attr(row.el, 'spans') !== undefined) changes.spans = first >= 0 ? `${first + 1}:${last + 1}` : null;
  return `${rewriteStartTag(xml, row.el, changes, false)}${body}</${row.el.name}>`;
}

/** Value markup: a number in `<v>`, text as an inline string, written as typed (never a formula). */
function valueMarkup(p: string, value: OutValue): { t: string | null; inner: string } {
  if (value === null) return { t: null, inner: '' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to a cell`);
    return { t: null, inner: `<${p}v>${Object.is(value, -0) ? 0 : value}</${p}v>` };
  }
  const text = escapeText(encodeOoxmlText(value));
  return { t: 'inlineStr', inner: `<${p}is><${p}t xml:space="preserve">${text}</${p}t></${p}is>` };
}

function newCell(p: string, row: number, col: number, value: OutValue, style: string | undefined): string {
  const { t, inner } = valueMarkup(p, value);
  const attrs = `r="${a1(row, col)}"${style !== undefined ? ` s="${style}"` : ''}${t ? ` t="${t}"` : ''}`;
  return inner ? `<${p}c ${attrs}>${inner}</${p}c>` : `<${p}c ${attrs}/>`;
}

/** The cell with its value replaced: its style and anything else it carries are kept. */
function editedCell(xml: string, p: string, cell: CellNode, value: OutValue): string {
  const { t, inner } = valueMarkup(p, value);
  let others = '';
  for (const k of cell.el.children) if (k.local !== 'f' && k.local !== 'v' && k.local !== 'is') others += xml.slice(k.start, k.end);
  if (value === null && others === '' && !cell.el.attrs.some((a) => a.name !== 'r' && a.name !== 't' && a.name !== 'cm' && a.name !== 'vm')) return '';
  const rest = inner + others;
  const open = rewriteStartTag(xml, cell.el, { r: a1(cell.row, cell.col), t, cm: null, vm: null }, rest === '');
  return rest === '' ? open : `${open}${rest}</${cell.el.name}>`;
}

/** A member of a shared-formula group whose master we overwrote: now its own formula. */
function rewrittenCell(xml: string, cell: CellNode, formula: string): string {
  const f = child(cell.el, 'f')!;
  const body = cell.el.children
    .map((k) => (k === f ? `<${f.name}>${escapeText(formula)}</${f.name}>` : xml.slice(k.start, k.end)))
    .join('');
  return `${rewriteStartTag(xml, cell.el, { r: a1(cell.row, cell.col) }, false)}${body}</${cell.el.name}>`;
}

function rawCell(xml: string, cell: CellNode): string {
  if (attr(cell.el, 'r') !== undefined) return xml.slice(cell.el.start, cell.el.end);
  return rewriteStartTag(xml, cell.el, { r: a1(cell.row, cell.col) }) + xml.slice(cell.el.openEnd, cell.el.end);
}

/** Grows `<dimension ref>` to cover what we wrote. */
function dimensionSplice(sheet: ParsedSheet, writes: CellWrite[]): Splice | null {
  const dimension = child(sheet.root, 'dimension');
  const written = writes.filter((w) => w.value !== null);
  if (!dimension || written.length === 0) return null;
  const [from, to] = (attr(dimension, 'ref') ?? 'A1').split(':');
  const a = parseRef(from ?? 'A1') ?? { row: 0, col: 0 };
  const b = parseRef(to ?? from ?? 'A1') ?? a;
  let r0 = a.row;
  let c0 = a.col;
  let r1 = b.row;
  let c1 = b.col;
  for (const w of written) {
    r0 = Math.min(r0, w.row);
    c0 = Math.min(c0, w.col);
    r1 = Math.max(r1, w.row);
    c1 = Math.max(c1, w.col);
  }
  if (r0 === a.row && c0 === a.col && r1 === b.row && c1 === b.col) return null;
  const ref = r0 === r1 && c0 === c1 ? a1(r0, c0) : `${a1(r0, c0)}:${a1(r1, c1)}`;
  return { start: dimension.start, end: dimension.openEnd, text: rewriteStartTag(sheet.xml, dimension, { ref }) };
}
