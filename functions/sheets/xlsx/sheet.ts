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

export function parseSheet(xml: string): ParsedSheet {
  const root = parseXml(xml);
  const sheetData = child(root, 'sheetData');
  if (!sheetData) throw new XmlError('worksheet without <sheetData>');
  const rows: RowNode[] = [];
  let r = -1;
  for (const el of sheetData.children) {
    if (el.local !== 'row') continue;
    const ra = attr(el, 'r');
    if (ra) {
      r = Number(ra) - 1;
      if (!Number.isInteger(r) || r < 0) throw new XmlError(`bad row number r="${ra.slice(0, 20)}"`);
    } else {
      const first = el.children.find((c) => c.local === 'c');
      const ref = first ? attr(first, 'r') : undefined;
      const pos = ref ? parseRef(ref) : null;
      r = pos ? pos.row : r + 1;
    }
    // Excel's grid bounds every index: a crafted r="A99999999" must not size an array.
    if (r >= LIMITS.rows) throw new LimitError('rows');
    const cells: CellNode[] = [];
    let c = -1;
    for (const ce of el.children) {
      if (ce.local !== 'c') continue;
      const ref = attr(ce, 'r');
      const col = ref ? colOf(ref) : -1;
      c = col >= 0 ? col : c + 1;
      if (c >= LIMITS.columns) throw new LimitError('columns');
      cells.push({ el: ce, row: r, col: c });
    }
    rows.push({ el, index: r, cells });
  }
  return { xml, root, sheetData, rows };
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
