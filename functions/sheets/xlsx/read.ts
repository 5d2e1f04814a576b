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
import { parseSheet } from './sheet.js';
import { dateStyles } from './styles.js';
import { attr, child, decodeOoxmlText, parseXml, textOf, type XElement } from './xml.js';

interface Context {
  /** Filled cells read so far, all tabs. */
  cells: number;
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
        strings: sharedStrings(pkg),
        dates: dateStyles(partText(pkg, '/styles', 'xl/styles.xml')),
        date1904: pkg.date1904,
      };
      let rowsKept = 0;
      const tabs: TabSnapshot[] = pkg.sheets.map((s) => {
        const xml = s.kind === 'worksheet' && s.part ? pkg.zip.text(s.part) : undefined;
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
  return pkg.zip.has(part) ? pkg.zip.text(part) : undefined;
}

function sharedStrings(pkg: Package): string[] {
  const xml = partText(pkg, '/sharedStrings', 'xl/sharedStrings.xml');
  if (!xml) return [];
  const root = parseXml(xml);
  return root.children.filter((si) => si.local === 'si').map((si) => checked(richText(xml, si)));
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

function readRows(xml: string, ctx: Context): Cell[][] {
  const sheet = parseSheet(xml);
  const rows: Cell[][] = [];
  let filled = 0;
  for (const row of sheet.rows) {
    const out: Cell[] = [];
    for (const c of row.cells) {
      const v = cellValue(xml, c.el, ctx);
      if (v === null) continue;
      if (++filled > LIMITS.cellsPerTab) throw new LimitError('cellsPerTab');
      if (v.t === 's') checked(v.v);
      while (out.length < c.col) out.push(null);
      out[c.col] = v;
    }
    if (out.length === 0) continue;
    while (rows.length < row.index) rows.push(NO_CELLS);
    rows[row.index] = out;
  }
  return rows;
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
      return inline === undefined ? (v === undefined ? null : { t: 's', v: decodeOoxmlText(v) }) : { t: 's', v: inline };
    case 's': {
      if (v === undefined || v === '') return null;
      const s = ctx.strings[Number(v)];
      return s === undefined ? null : { t: 's', v: s };
    }
    case 'str':
      return v === undefined ? null : { t: 's', v: decodeOoxmlText(v) };
    case 'b':
      return v === undefined || v === '' ? null : { t: 'b', v: v === '1' || v.toLowerCase() === 'true' };
    case 'e':
      return v === undefined ? null : { t: 'e', v };
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
