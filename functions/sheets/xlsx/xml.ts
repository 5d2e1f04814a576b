/**
 * A small XML reader that keeps source offsets, so that a part can be patched by
 * splicing: everything we do not change stays byte for byte as the producer wrote it.
 * It is a strict enough parser for OOXML parts (elements, attributes, text, CDATA,
 * comments, processing instructions); entities are only the predefined and numeric
 * ones, so nothing can expand. @xmldom/xmldom parsed a 60-tab workbook in ~500 ms
 * (measured), too slow for every run; this one builds only what the patcher needs.
 */

import { LimitError, LIMITS } from './limits.js';

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

/**
 * Iterations of the reader's loops since the last reset, for the property tests that
 * prove termination: every loop either advances through the text or throws XmlError,
 * so a part of n characters costs O(n) steps (test/sheets/xlsx/xml.test.ts).
 */
export const xmlSteps = { count: 0 };

export interface XAttr {
  /** Qualified name as written (`r:id`). */
  name: string;
  value: string;
  /** Offsets of the whole `name="value"` in the source. */
  start: number;
  end: number;
}

export interface XElement {
  /** Qualified name as written (`x:c`). */
  name: string;
  /** Name without prefix (`c`). */
  local: string;
  attrs: XAttr[];
  /** Offset of `<`. */
  start: number;
  /** Offset just after the start tag's `>`. */
  openEnd: number;
  /** Offset of the end tag's `<`, or `openEnd` for an empty-element tag. */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  selfClosing: boolean;
  children: XElement[];
}

/** Shared by every element without children until one is added (fewer allocations). */
const NO_CHILDREN: XElement[] = [];

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 10 || ch === 9 || ch === 13;
}

/**
 * What `scanXml` reports, in document order. `open` gets each element once its start tag
 * is read (children still empty), with its parent (undefined for the root); `close` gets
 * it once its end is known (right after `open` for an empty-element tag).
 */
export interface XmlHandler {
  open(el: XElement, parent: XElement | undefined): void;
  close(el: XElement): void;
}

/** Parses `xml` into an element tree with offsets. */
export function parseXml(xml: string, maxElements: number = LIMITS.elements): XElement {
  let root: XElement | undefined;
  scanXml(xml, {
    open(el, parent) {
      if (parent) appendChild(parent, el);
      else root = el;
    },
    close() {},
  }, maxElements);
  return root!;
}

/** Adds `el` as the last child of `parent` (a tree built from scanXml's events). */
export function appendChild(parent: XElement, el: XElement): void {
  if (parent.children === NO_CHILDREN) parent.children = [el];
  else parent.children.push(el);
}

/**
 * The reader itself: reads every tag of `xml` once and hands each element to `handler`
 * without keeping them, so that a caller keeps only what it needs (the workbook reader
 * keeps one cell at a time: functions/sheets/xlsx/read.ts). Well-formedness, the limit
 * on elements and the errors are the same for every caller, since all go through here.
 */
export function scanXml(xml: string, handler: XmlHandler, maxElements: number = LIMITS.elements): void {
  const stack: XElement[] = [];
  const n = xml.length;
  let roots = 0;
  let elements = 0;
  let i = 0;
  for (;;) {
    xmlSteps.count++;
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 63 /* ? */ || c === 33 /* ! */) {
      i = skipMarkup(xml, lt);
    } else if (c === 47 /* / */) {
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw new XmlError(`unterminated end tag at ${lt}`);
      const name = xml.slice(lt + 2, gt).trim();
      const el = stack.pop();
      if (!el || el.name !== name) throw new XmlError(`unexpected </${name}> at ${lt}`);
      el.closeStart = lt;
      el.end = gt + 1;
      handler.close(el);
      i = gt + 1;
    } else {
      // Start tag, scanned by hand: this loop is most of the time spent reading a workbook.
      let j = lt + 1;
      let ch = xml.charCodeAt(j);
      while (j < n && !isSpace(ch) && ch !== 62 && ch !== 47) ch = xml.charCodeAt(++j);
      const name = xml.slice(lt + 1, j);
      if (!name) throw new XmlError(`empty tag name at ${lt}`);
      const colon = name.indexOf(':');
      const attrs: XAttr[] = [];
      let selfClosing = false;
      for (;;) {
        while (isSpace(ch)) ch = xml.charCodeAt(++j);
        if (ch === 62 /* > */) break;
        if (ch === 47 /* / */) {
          if (xml.charCodeAt(j + 1) !== 62) throw new XmlError(`malformed tag <${name}> at ${lt}`);
          selfClosing = true;
          j++;
          break;
        }
        xmlSteps.count++;
        const aStart = j;
        while (j < n && ch !== 61 /* = */ && !isSpace(ch) && ch !== 62 && ch !== 47) ch = xml.charCodeAt(++j);
        const aName = xml.slice(aStart, j);
        while (isSpace(ch)) ch = xml.charCodeAt(++j);
        if (ch !== 61 || !aName) throw new XmlError(`malformed attribute in <${name}> at ${lt}`);
        ch = xml.charCodeAt(++j);
        while (isSpace(ch)) ch = xml.charCodeAt(++j);
        if (ch !== 34 && ch !== 39) throw new XmlError(`unquoted attribute in <${name}> at ${lt}`);
        const close = xml.indexOf(ch === 34 ? '"' : "'", j + 1);
        if (close < 0) throw new XmlError(`unterminated attribute in <${name}> at ${lt}`);
        const raw = xml.slice(j + 1, close);
        attrs.push({ name: aName, value: raw.indexOf('&') >= 0 ? decodeEntities(raw) : raw, start: aStart, end: close + 1 });
        j = close + 1;
        ch = xml.charCodeAt(j);
      }
      const openEnd = j + 1;
      if (++elements > maxElements) throw new LimitError('elements');
      const el: XElement = {
        name,
        local: colon >= 0 ? name.slice(colon + 1) : name,
        attrs,
        start: lt,
        openEnd,
        closeStart: openEnd,
        end: openEnd,
        selfClosing,
        children: NO_CHILDREN,
      };
      const parent = stack[stack.length - 1];
      if (!parent && ++roots > 1) throw new XmlError('more than one root element');
      handler.open(el, parent);
      if (selfClosing) handler.close(el);
      else stack.push(el);
      i = openEnd;
    }
  }
  if (stack.length) throw new XmlError(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!roots) throw new XmlError('no root element');
}

function after(xml: string, token: string, from: number): number {
  const k = xml.indexOf(token, from);
  if (k < 0) throw new XmlError(`unterminated markup at ${from}`);
  return k + token.length;
}

/**
 * The offset just after the `<?…?>`, `<!--…-->`, `<![CDATA[…]]>` or `<!…>` that starts
 * at `lt`; XmlError when it is not terminated. One function for the tree and for text,
 * so that both skip exactly the same markup and every caller strictly advances.
 */
function skipMarkup(xml: string, lt: number): number {
  if (xml.charCodeAt(lt + 1) === 63 /* ? */) return after(xml, '?>', lt + 2);
  if (xml.startsWith('<!--', lt)) return after(xml, '-->', lt + 4);
  if (xml.startsWith('<![CDATA[', lt)) return after(xml, ']]>', lt + 9);
  if (xml.charCodeAt(lt + 1) !== 33 /* ! */) throw new XmlError(`unexpected markup in text at ${lt}`);
  // DOCTYPE and the like: skipped, an internal subset included; entities are never expanded.
  const bracket = xml.indexOf('[', lt);
  const gt = xml.indexOf('>', lt);
  if (gt < 0) throw new XmlError(`unterminated markup at ${lt}`);
  return bracket >= 0 && bracket < gt ? after(xml, ']>', bracket) : gt + 1;
}

export function attr(el: XElement, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return undefined;
}

/** A prefixed attribute by its local name, whatever the prefix (`r:id`, `d3p1:id`). */
export function prefixedAttr(el: XElement, local: string): string | undefined {
  for (const a of el.attrs) {
    const colon = a.name.indexOf(':');
    if (colon >= 0 && a.name.slice(colon + 1) === local && !a.name.startsWith('xmlns')) return a.value;
  }
  return undefined;
}

export function child(el: XElement, local: string): XElement | undefined {
  for (const c of el.children) if (c.local === local) return c;
  return undefined;
}

export function children(el: XElement, local: string): XElement[] {
  return el.children.filter((c) => c.local === local);
}

/** The element's own text (child elements' text excluded), decoded. */
export function textOf(xml: string, el: XElement): string {
  if (el.selfClosing) return '';
  if (el.children.length === 0) {
    const raw = xml.slice(el.openEnd, el.closeStart);
    if (raw.indexOf('<') < 0) return decodeText(raw);
  }
  let out = '';
  let p = el.openEnd;
  for (const c of el.children) {
    out += rawText(xml.slice(p, c.start));
    p = c.end;
  }
  return out + rawText(xml.slice(p, el.closeStart));
}

/** Text between tags: CDATA unwrapped, comments and processing instructions dropped. */
function rawText(raw: string): string {
  if (raw.indexOf('<') < 0) return decodeText(raw);
  let out = '';
  let i = 0;
  for (;;) {
    xmlSteps.count++;
    const lt = raw.indexOf('<', i);
    if (lt < 0) return out + decodeText(raw.slice(i));
    out += decodeText(raw.slice(i, lt));
    const next = skipMarkup(raw, lt);
    if (raw.startsWith('<![CDATA[', lt)) out += raw.slice(lt + 9, next - 3);
    i = next;
  }
}

/** Character data as a parser reports it: line ends normalised to `\n`, then entities. */
function decodeText(raw: string): string {
  return decodeEntities(raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw);
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_, e: string) => {
    if (e.charCodeAt(0) !== 35) return NAMED[e]!;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

export function escapeText(s: string): string {
  const x = xmlChars(s);
  if (!/[&<>]/.test(x)) return x;
  return x.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttr(s: string): string {
  const x = xmlChars(s);
  if (!/[&<>"\t\n\r]/.test(x)) return x;
  return x.replace(/[&<>"\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Characters XML 1.0 cannot carry at all (not even as `&#…;`), each replaced by U+FFFD. */
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlChars(s: string): string {
  NOT_XML.lastIndex = 0;
  return NOT_XML.test(s) ? s.replace(NOT_XML, '\ufffd') : s;
}

/**
 * OOXML writes characters XML cannot carry as `_xHHHH_` (`_x000D_` for a carriage
 * return) and a literal `_xHHHH_` as `_x005F_xHHHH_`.
 */
export function decodeOoxmlText(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * One pass over the text: an underscore is escaped when what follows would read as an
 * escape once written — `xHHHH_`, or `xHHHH` before a character that is itself written as
 * `_xHHHH_` ("_x0041\u0001") — overlapping ones included ("_x005F_x0041_").
 */
const OOXML_ESCAPE = /_(?=x[0-9a-fA-F]{4}[_\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff])|[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]/g;

export function encodeOoxmlText(s: string): string {
  return s
    .replace(OOXML_ESCAPE, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Text and splices applied in one pass; splices must not overlap. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

export function applySplices(xml: string, splices: Splice[]): string {
  if (splices.length === 0) return xml;
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let p = 0;
  for (const s of sorted) {
    if (s.start < p) throw new Error('overlapping splices');
    out.push(xml.slice(p, s.start), s.text);
    p = s.end;
  }
  out.push(xml.slice(p));
  return out.join('');
}

/** The start tag of `el` with attributes set (value) or removed (null), others kept as written. */
export function rewriteStartTag(xml: string, el: XElement, changes: Record<string, string | null>, selfClose = el.selfClosing): string {
  let out = '<' + el.name;
  let matched = 0;
  for (const a of el.attrs) {
    if (Object.prototype.hasOwnProperty.call(changes, a.name)) {
      matched++;
      const v = changes[a.name];
      if (v !== null && v !== undefined) out += ` ${a.name}="${escapeAttr(v)}"`;
    } else {
      out += ' ' + xml.slice(a.start, a.end);
    }
  }
  let count = 0;
  for (const _ in changes) count++;
  if (matched < count) {
    for (const k in changes) {
      const v = changes[k];
      if (v !== null && v !== undefined && !el.attrs.some((a) => a.name === k)) out += ` ${k}="${escapeAttr(v)}"`;
    }
  }
  return out + (selfClose ? '/>' : '>');
}
