/**
 * Rows and cells of a worksheet's `<sheetData>`, located by their `r` attributes, or by
 * position where a producer left `r` out (the row after the previous one, the column
 * after the previous cell).
 */
import { LimitError, LIMITS } from './limits.js';
import { attr, child, parseXml, XmlError, type XElement } from './xml.js';

export interface CellNode {
  el: XElement;
  row: number;
  col: number;
}

export interface RowNode {
  el: XElement;
  index: number;
  cells: CellNode[];
}

export interface ParsedSheet {
  xml: string;
  root: XElement;
  sheetData: XElement;
  /** In document order (sorted by index in any valid file). */
  rows: RowNode[];
}

export function parseSheet(xml: string, maxElements: number = LIMITS.elements): ParsedSheet {
  const root = parseXml(xml, maxElements);
  const sheetData = child(root, 'sheetData');
  if (!sheetData) throw new XmlError('worksheet without <sheetData>');
  const rows: RowNode[] = [];
  let r = -1;
  for (const el of sheetData.children) {
    if (el.local !== 'row') continue;
    r = rowIndex(el, el.children.find((c) => c.local === 'c'), r);
    const cells: CellNode[] = [];
    let c = -1;
    for (const ce of el.children) {
      if (ce.local !== 'c') continue;
      c = cellColumn(ce, c);
      cells.push({ el: ce, row: r, col: c });
    }
    rows.push({ el, index: r, cells });
  }
  return { xml, root, sheetData, rows };
}

/**
 * The 0-based index of a `<row>`: its `r`, else its first cell's, else the one after
 * `previous`. Excel's grid bounds every index: a crafted r="A99999999" must not size an array.
 */
export function rowIndex(row: XElement, firstCell: XElement | undefined, previous: number): number {
  const ra = attr(row, 'r');
  let r: number;
  if (ra) {
    r = Number(ra) - 1;
    if (!Number.isInteger(r) || r < 0) throw new XmlError(`bad row number r="${ra.slice(0, 20)}"`);
  } else {
    const ref = firstCell ? attr(firstCell, 'r') : undefined;
    const pos = ref ? parseRef(ref) : null;
    r = pos ? pos.row : previous + 1;
  }
  if (r >= LIMITS.rows) throw new LimitError('rows');
  return r;
}

/** The 0-based column of a `<c>`: its `r`'s letters, else the one after `previous`. */
export function cellColumn(cell: XElement, previous: number): number {
  const ref = attr(cell, 'r');
  const col = ref ? colOf(ref) : -1;
  const c = col >= 0 ? col : previous + 1;
  if (c >= LIMITS.columns) throw new LimitError('columns');
  return c;
}

/** The column of a cell reference ("AB12" → 27), -1 when there are no letters. */
function colOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i) | 0x20;
    if (ch < 97 || ch > 122) break;
    // Past the grid already: stop before the number loses precision.
    if (col > LIMITS.columns) return col;
    col = col * 26 + (ch - 96);
  }
  return col - 1;
}

/** "AB12" → {row: 11, col: 27}; null when not a plain cell reference. */
export function parseRef(ref: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  const n = ref.length;
  if (i < n && ref.charCodeAt(i) === 36) i++;
  for (; i < n; i++) {
    const ch = ref.charCodeAt(i) | 0x20;
    if (ch < 97 || ch > 122) break;
    col = col * 26 + (ch - 96);
  }
  if (col === 0) return null;
  if (i < n && ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const digitsFrom = i;
  for (; i < n; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 48 || ch > 57) return null;
    row = row * 10 + (ch - 48);
  }
  if (i === digitsFrom || row === 0) return null;
  return { row: row - 1, col: col - 1 };
}
