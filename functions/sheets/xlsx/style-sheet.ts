/**
 * Cell styles the system's own tabs need (a named font and size, number formats, wrap,
 * borders), found in or added to `styles.xml`. A style already there — from an earlier
 * run — is reused, so the file does not grow run after run; nothing already there changes.
 */
import { FONT } from '../../../sheets-schema/page.js';
import { applySplices, attr, child, children, escapeAttr, parseXml, rewriteStartTag, type Splice, type XElement } from './xml.js';

export interface XfSpec {
  bold?: boolean;
  /** ARGB text colour. */
  color?: string;
  /** ARGB solid fill. */
  fill?: string;
  /** A number format code, e.g. `0.00`; none for General. */
  numFmt?: string | null;
  wrap?: boolean;
  align?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center';
  /** Thin grid border around the cell. */
  border?: boolean;
  size?: number;
}

export const STYLES_XML_MINIMAL =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<fonts count="1"><font><sz val="${FONT.size}"/><name val="${FONT.name}"/><family val="1"/></font></fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const GRID = 'FFA6A6A6';

function fontXml(s: XfSpec): string {
  return `<font>${s.bold ? '<b/>' : ''}<sz val="${s.size ?? FONT.size}"/>${s.color ? `<color rgb="${s.color}"/>` : ''}<name val="${escapeAttr(FONT.name)}"/><family val="1"/></font>`;
}

function fillXml(argb: string): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
}

function borderXml(): string {
  const side = (n: string) => `<${n} style="thin"><color rgb="${GRID}"/></${n}>`;
  return `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`;
}

/** Built-in ids of the codes we use, so that no custom format is added for them. */
const BUILT_IN: Record<string, number> = { '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4 };

/**
 * The `cellXfs` index of each spec, adding what is missing. Returns the new styles.xml.
 * `xml` undefined: the workbook has no styles part; a minimal one is started.
 *
 * One parse for all the specs (a first run adds ~36, and re-parsing the part after each
 * addition was ~20 ms): what each spec adds is appended to its list, in order, and the
 * lists are spliced once — the same bytes as adding the specs one at a time
 * (test/sheets/xlsx/style-sheet.test.ts).
 */
export function ensureXfs(xml: string | undefined, specs: readonly XfSpec[]): { xml: string; ids: number[] } {
  const current = xml ?? STYLES_XML_MINIMAL;
  const root = parseXml(current);
  const list = (local: string, item: string): List => {
    const el = child(root, local);
    return { el, local, items: el ? el.children.filter((c) => c.local === item).map((c) => current.slice(c.start, c.end)) : [], added: [] };
  };
  const indexIn = (l: List, markup: string): number => {
    const at = l.items.indexOf(markup);
    if (at >= 0) return at;
    l.added.push(markup);
    l.items.push(markup);
    return l.items.length - 1;
  };
  const fonts = list('fonts', 'font');
  const fills = list('fills', 'fill');
  const borders = list('borders', 'border');
  const xfs = list('cellXfs', 'xf');
  const numFmts = child(root, 'numFmts');
  // Custom number formats by code: those in the part, then those added here.
  const formats = new Map<string, number>();
  const used: number[] = [];
  for (const f of numFmts ? children(numFmts, 'numFmt') : []) {
    const code = attr(f, 'formatCode');
    if (code !== undefined && !formats.has(code)) formats.set(code, Number(attr(f, 'numFmtId')));
    used.push(Number(attr(f, 'numFmtId') ?? 0));
  }
  const newFormats: string[] = [];

  const ids = specs.map((spec) => {
    const fontId = indexIn(fonts, fontXml(spec));
    const fillId = spec.fill ? indexIn(fills, fillXml(spec.fill)) : 0;
    const borderId = spec.border ? indexIn(borders, borderXml()) : 0;
    let numFmtId = 0;
    if (spec.numFmt) {
      const known = BUILT_IN[spec.numFmt] ?? formats.get(spec.numFmt);
      if (known !== undefined) numFmtId = known;
      else {
        numFmtId = Math.max(163, ...used) + 1;
        used.push(numFmtId);
        formats.set(spec.numFmt, numFmtId);
        newFormats.push(`<numFmt numFmtId="${numFmtId}" formatCode="${escapeAttr(spec.numFmt)}"/>`);
      }
    }
    const align: string[] = [];
    if (spec.align) align.push(`horizontal="${spec.align}"`);
    align.push(`vertical="${spec.vertical ?? 'center'}"`);
    if (spec.wrap) align.push('wrapText="1"');
    const xf =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      ` applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment ${align.join(' ')}/></xf>`;
    return indexIn(xfs, xf);
  });

  const splices: Splice[] = [];
  if (newFormats.length) {
    if (numFmts) splices.push(...appendTo(current, numFmts, newFormats, children(numFmts, 'numFmt').length + newFormats.length));
    else {
      const fontsEl = child(root, 'fonts');
      const at = fontsEl ? fontsEl.start : root.openEnd;
      splices.push({ start: at, end: at, text: `<numFmts count="${newFormats.length}">${newFormats.join('')}</numFmts>` });
    }
  }
  for (const l of [fonts, fills, borders, xfs]) {
    if (!l.added.length) continue;
    if (!l.el) throw new Error(`styles.xml without <${l.local}>`);
    splices.push(...appendTo(current, l.el, l.added, l.items.length));
  }
  return { xml: splices.length ? applySplices(current, splices) : current, ids };
}

interface List {
  el: XElement | undefined;
  local: string;
  items: string[];
  /** Markup this call appends, in order. */
  added: string[];
}

function appendTo(xml: string, el: XElement, items: string[], count: number): Splice[] {
  if (el.selfClosing) return [{ start: el.start, end: el.end, text: `${rewriteStartTag(xml, el, { count: String(count) }, false)}${items.join('')}</${el.name}>` }];
  return [
    { start: el.start, end: el.openEnd, text: rewriteStartTag(xml, el, { count: String(count) }) },
    { start: el.closeStart, end: el.closeStart, text: items.join('') },
  ];
}

/**
 * Every `<font>` of a styles part we just created named and sized (`thidua init`):
 * a font without a name falls back to whatever the application likes, and a theme
 * `scheme` would override the name.
 */
export function nameFonts(xml: string): string {
  const root = parseXml(xml);
  const fonts = child(root, 'fonts');
  if (!fonts) return xml;
  const splices: Splice[] = [];
  for (const f of children(fonts, 'font')) {
    const keep = f.children.filter((c) => !['name', 'sz', 'scheme', 'family'].includes(c.local)).map((c) => xml.slice(c.start, c.end));
    const sz = child(f, 'sz');
    const size = sz ? attr(sz, 'val') ?? String(FONT.size) : String(FONT.size);
    const name = f.name.includes(':') ? f.name.slice(0, f.name.indexOf(':') + 1) : '';
    const body = `${keep.join('')}<${name}sz val="${size === '11' ? FONT.size : size}"/><${name}name val="${escapeAttr(FONT.name)}"/><${name}family val="1"/>`;
    splices.push({ start: f.start, end: f.end, text: `<${f.name}>${body}</${f.name}>` });
  }
  return applySplices(xml, splices);
}

/** The `dxfs` index of a solid background fill (a conditional format's), adding it if missing. */
export function ensureDxf(xml: string, argb: string): { xml: string; id: number } {
  const root = parseXml(xml);
  const dxf = `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${argb}"/></patternFill></fill></dxf>`;
  const dxfs = child(root, 'dxfs');
  if (dxfs) {
    const items = children(dxfs, 'dxf').map((d) => xml.slice(d.start, d.end));
    const at = items.indexOf(dxf);
    if (at >= 0) return { xml, id: at };
    return { xml: applySplices(xml, appendTo(xml, dxfs, [dxf], items.length + 1)), id: items.length };
  }
  // CT_Stylesheet order: … cellStyles, dxfs, tableStyles, colors, extLst.
  const after = child(root, 'cellStyles') ?? child(root, 'cellXfs');
  const at = after ? after.end : root.closeStart;
  return { xml: applySplices(xml, [{ start: at, end: at, text: `<dxfs count="1">${dxf}</dxfs>` }]), id: 0 };
}
