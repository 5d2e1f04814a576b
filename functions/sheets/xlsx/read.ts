/**
 * Reads an `.xlsx` into plain cell values, every tab, in tab order. Formulas give their
 * cached result (a formula saved without one gives an empty error, which the core
 * reports); numbers in a date format give the calendar day.
 */
import type { Cell, TabSnapshot, WorkbookSnapshot } from '../../core/cell.js';
import { WorkbookUnusableError } from '../port.js';
import { serialToDate } from './dates.js';
import { LimitError, LIMITS } from './limits.js';
import { guard, NotAWorkbookError, openPackage, type Package } from './package.js';
import { cellColumn, rowIndex } from './sheet.js';
import { dateStyles } from './styles.js';
import { appendChild, attr, child, decodeOoxmlText, parseXml, scanXml, textOf, XmlError, type XElement } from './xml.js';

interface Context {
  /** Filled cells read so far, all tabs. */
  cells: number;
  /** Characters of the text cells read so far, all tabs (a shared string counts at each cell). */
  text: number;
  strings: string[];
  dates: boolean[];
  date1904: boolean;
}

/** `path` names the file in the error when the bytes are not a workbook (default: `title`). */
export function readXlsx(bytes: Uint8Array, title: string, path = title): WorkbookSnapshot {
  try {
    const pkg = openPackage(bytes);
    if (pkg.sheets.length > LIMITS.tabs) throw new LimitError('tabs');
    return guard(() => {
      const ctx: Context = {
        cells: 0,
        text: 0,
        strings: sharedStrings(pkg),
        dates: dateStyles(partText(pkg, '/styles', 'xl/styles.xml')),
        date1904: pkg.date1904,
      };
      let rowsKept = 0;
      const tabs: TabSnapshot[] = pkg.sheets.map((s) => {
        const xml = s.kind === 'worksheet' && s.part ? pkg.zip.text(s.part, false) : undefined;
        const rows = xml === undefined ? [] : readRows(xml, ctx);
        ctx.cells += filledCells(rows);
        if (ctx.cells > LIMITS.cells) throw new LimitError('cells');
        rowsKept += rows.length;
        if (rowsKept > LIMITS.totalRows) throw new LimitError('totalRows');
        return { name: s.name, rows };
      });
      return { title, tabs };
    });
  } catch (e) {
    throw unusable(e, path);
  }
}

/** Reading errors as the port reports them: unusable, with the reason people read. */
export function unusable(e: unknown, path: string): unknown {
  if (e instanceof NotAWorkbookError) return new WorkbookUnusableError({ code: 'not-a-workbook', path, detail: e.detail });
  if (e instanceof LimitError) return new WorkbookUnusableError({ code: 'too-large', path, limit: e.limit, max: LIMITS[e.limit] });
  return e;
}

function filledCells(rows: Cell[][]): number {
  let n = 0;
  for (const r of rows) for (const c of r) if (c !== null && c !== undefined) n++;
  return n;
}

/** Text of a cell, refused past Excel's own length (no spreadsheet program writes more). */
function checked(s: string): string {
  if (s.length > LIMITS.stringLength) throw new LimitError('stringLength');
  return s;
}

function partText(pkg: Package, relType: string, fallback: string): string | undefined {
  const rel = pkg.rels.list.find((r) => r.type.endsWith(relType));
  const part = rel?.part ?? fallback;
  return pkg.zip.has(part) ? pkg.zip.text(part, false) : undefined;
}

function sharedStrings(pkg: Package): string[] {
  const xml = partText(pkg, '/sharedStrings', 'xl/sharedStrings.xml');
  if (!xml) return [];
  const root = parseXml(xml);
  return root.children.filter((si) => si.local === 'si').map((si) => own(checked(richText(xml, si))));
}

/** Text of a `<si>` or `<is>`: its `<t>`, or the `<t>` of each rich-text run; phonetic runs left out. */
function richText(xml: string, el: XElement): string {
  let out = '';
  for (const c of el.children) {
    if (c.local === 't') out += textOf(xml, c);
    else if (c.local === 'r') {
      const t = child(c, 't');
      if (t) out += textOf(xml, t);
    }
  }
  return decodeOoxmlText(out);
}

/**
 * The filled cells of one worksheet, in one pass over its XML (scanXml): only the cell
 * being read is held as elements, never the tab's whole tree, and no value keeps a view
 * of the part's text (own). The values, limits and errors are those of reading the
 * tree (sheet.ts's parseSheet, then each cell), in the same order: malformed XML and
 * too many elements first (the scan), then the sheet's structure (no sheetData, row
 * numbers, the grid), then the cells (per tab, text length).
 */
function readRows(xml: string, ctx: Context): Cell[][] {
  const rows: Cell[][] = [];
  let root: XElement | undefined;
  let sheetData: XElement | undefined;
  /** The `<row>` being read; its index is known at its `r`, else at its first `<c>`, else at its end. */
  let row: XElement | undefined;
  let r = -1;
  let indexed = false;
  let out: Cell[] = [];
  let col = -1;
  /** The `<c>` being read, with the elements inside it as a small tree. */
  let cell: XElement | undefined;
  let filled = 0;
  /** The first error of the structure and of the cells: thrown once the whole part is known to be XML. */
  let structure: unknown;
  let cells: unknown;
  const index = (first: XElement | undefined) => {
    r = rowIndex(row!, first, r);
    indexed = true;
  };
  scanXml(xml, {
    open(el, parent) {
      if (cell) appendChild(parent!, el);
      else if (!parent) root = el;
      else if (structure !== undefined) return;
      else if (parent === root) {
        if (el.local === 'sheetData' && sheetData === undefined) sheetData = el;
      } else if (parent === sheetData) {
        if (el.local !== 'row') return;
        row = el;
        out = [];
        col = -1;
        indexed = false;
        try {
          if (attr(el, 'r')) index(undefined);
        } catch (e) {
          structure = e;
        }
      } else if (parent === row && el.local === 'c') {
        try {
          if (!indexed) index(el);
          col = cellColumn(el, col);
        } catch (e) {
          structure = e;
          return;
        }
        cell = el;
      }
    },
    close(el) {
      if (el === cell) {
        cell = undefined;
        if (structure !== undefined || cells !== undefined) return;
        try {
          const v = cellValue(xml, el, ctx);
          if (v === null) return;
          if (++filled > LIMITS.cellsPerTab) throw new LimitError('cellsPerTab');
          if (v.t === 's') {
            checked(v.v);
            if ((ctx.text += v.v.length) > LIMITS.textChars) throw new LimitError('textChars');
          }
          while (out.length < col) out.push(null);
          out[col] = v;
        } catch (e) {
          cells = e;
        }
      } else if (el === row) {
        row = undefined;
        if (structure !== undefined) return;
        try {
          if (!indexed) index(undefined);
        } catch (e) {
          structure = e;
          return;
        }
        if (cells !== undefined || out.length === 0) return;
        while (rows.length < r) rows.push(NO_CELLS);
        rows[r] = out;
      }
    },
  });
  if (!sheetData) throw new XmlError('worksheet without <sheetData>');
  if (structure !== undefined) throw structure;
  if (cells !== undefined) throw cells;
  return rows;
}

/**
 * `s` as a string of its own. In V8 a slice of 13 characters or more of a part's text is
 * a view that keeps the whole text alive (a unit tab's XML, ~70 KB, for one cell's
 * "Đơn vị thành viên số 12"); the snapshot lives for the whole run, the parts must not.
 * Concatenating, then slicing, copies it.
 */
function own(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/** Shared by every empty row before a filled one (read-only: the core never mutates a snapshot). */
const NO_CELLS: Cell[] = [];

function cellValue(xml: string, c: XElement, ctx: Context): Cell {
  let f: XElement | undefined;
  let v: XElement | undefined;
  let is: XElement | undefined;
  for (const k of c.children) {
    if (k.local === 'v') v = k;
    else if (k.local === 'f') f = k;
    else if (k.local === 'is') is = k;
  }
  const t = attr(c, 't') ?? 'n';
  const formula = f !== undefined;
  const cell = decode(t, v === undefined ? undefined : textOf(xml, v), is && richText(xml, is), c, ctx);
  if (!formula) return cell;
  // A formula saved without its result (written by a program that does not calculate).
  if (cell === null) return { t: 'e', v: '', f: true };
  return { ...cell, f: true };
}

function decode(t: string, v: string | undefined, inline: string | undefined, c: XElement, ctx: Context): Cell {
  switch (t) {
    case 'inlineStr':
      return inline === undefined ? (v === undefined ? null : { t: 's', v: own(decodeOoxmlText(v)) }) : { t: 's', v: own(inline) };
    case 's': {
      if (v === undefined || v === '') return null;
      const s = ctx.strings[Number(v)];
      return s === undefined ? null : { t: 's', v: s };
    }
    case 'str':
      return v === undefined ? null : { t: 's', v: own(decodeOoxmlText(v)) };
    case 'b':
      return v === undefined || v === '' ? null : { t: 'b', v: v === '1' || v.toLowerCase() === 'true' };
    case 'e':
      return v === undefined ? null : { t: 'e', v: own(v) };
    case 'd':
      // ISO 8601 date cells (strict OOXML); the day is the first ten characters.
      return v === undefined || v === '' ? null : { t: 'd', v: v.slice(0, 10) };
    default: {
      if (v === undefined || v.trim() === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n)) return { t: 'e', v: '#NUM!' };
      const s = attr(c, 's');
      if (s !== undefined && ctx.dates[Number(s)]) {
        const day = serialToDate(n, ctx.date1904);
        if (day !== null) return { t: 'd', v: day };
      }
      return { t: 'n', v: n };
    }
  }
}
