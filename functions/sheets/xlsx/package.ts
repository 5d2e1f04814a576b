/**
 * The OPC package around the workbook: which part is the workbook, its relationships,
 * and the tabs in order with the part each one lives in.
 */
import { Zip, ZipError } from './zip.js';
import { attr, child, children, parseXml, prefixedAttr, XmlError, type XElement } from './xml.js';

/** The bytes are not a workbook we can read; `detail` says why, for logs. */
export class NotAWorkbookError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'NotAWorkbookError';
  }
}

export interface Relationship {
  id: string;
  type: string;
  /** Zip entry the target resolves to (case as stored, when it exists); null when external. */
  part: string | null;
  el: XElement;
}

export interface RelsPart {
  part: string;
  xml: string;
  root: XElement;
  list: Relationship[];
}

export type SheetKind = 'worksheet' | 'chartsheet' | 'other';

export interface SheetEntry {
  name: string;
  sheetId: number;
  rId: string;
  /** Zip entry of the sheet's part, null when the relationship is broken. */
  part: string | null;
  kind: SheetKind;
}

export interface Package {
  zip: Zip;
  workbookPart: string;
  workbookXml: string;
  workbook: XElement;
  rels: RelsPart;
  sheets: SheetEntry[];
  date1904: boolean;
}

export const REL_WORKSHEET = '/worksheet';

export function openPackage(bytes: Uint8Array): Package {
  let zip: Zip;
  try {
    zip = Zip.read(bytes);
  } catch (e) {
    if (e instanceof ZipError) throw new NotAWorkbookError(isOleFile(bytes) ? 'old .xls or password-protected file' : e.message);
    throw e;
  }
  return guard(() => {
    const root = readRels(zip, '');
    const office = root?.list.find((r) => r.type.endsWith('/officeDocument'));
    const workbookPart = office?.part ?? zip.find('xl/workbook.xml');
    if (!workbookPart || !zip.has(workbookPart)) throw new NotAWorkbookError('no workbook part (xl/workbook.xml)');
    const workbookXml = zip.text(workbookPart)!;
    const workbook = parseXml(workbookXml);
    if (workbook.local !== 'workbook') throw new NotAWorkbookError(`${workbookPart} is not a workbook`);
    const rels = readRels(zip, workbookPart) ?? emptyRels(workbookPart);
    const byId = new Map(rels.list.map((r) => [r.id, r]));

    const sheets: SheetEntry[] = [];
    for (const s of children(child(workbook, 'sheets') ?? workbook, 'sheet')) {
      const rId = prefixedAttr(s, 'id') ?? '';
      const rel = byId.get(rId);
      const type = rel?.type ?? '';
      sheets.push({
        name: attr(s, 'name') ?? '',
        sheetId: Number(attr(s, 'sheetId') ?? 0),
        rId,
        part: rel?.part && zip.has(rel.part) ? zip.find(rel.part)! : null,
        kind: type.endsWith(REL_WORKSHEET) ? 'worksheet' : type.endsWith('/chartsheet') ? 'chartsheet' : 'other',
      });
    }
    const pr = child(workbook, 'workbookPr');
    const d1904 = pr ? attr(pr, 'date1904') : undefined;
    return { zip, workbookPart, workbookXml, workbook, rels, sheets, date1904: d1904 === '1' || d1904 === 'true' };
  });
}

/** Turns malformed XML or zip content found while reading into "not a workbook". */
export function guard<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof XmlError || e instanceof ZipError) throw new NotAWorkbookError(e.message);
    throw e;
  }
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package itself ('') → `_rels/.rels`. */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target, relative to its source part's folder or absolute (`/xl/…`). */
export function resolveTarget(source: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // not percent-encoded after all
  }
  const base = t.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

/** Target of `part` as written in a relationship of `source` (relative to its folder). */
export function relativeTarget(source: string, part: string): string {
  const dir = source.split('/').slice(0, -1);
  const segs = part.split('/');
  let k = 0;
  while (k < dir.length && k < segs.length - 1 && dir[k] === segs[k]) k++;
  return [...dir.slice(k).map(() => '..'), ...segs.slice(k)].join('/');
}

export function readRels(zip: Zip, source: string): RelsPart | null {
  const part = zip.find(relsPartOf(source));
  if (!part) return null;
  const xml = zip.text(part)!;
  const root = parseXml(xml);
  const list = children(root, 'Relationship').map((el) => {
    const external = attr(el, 'TargetMode') === 'External';
    const target = attr(el, 'Target') ?? '';
    const resolved = external ? null : resolveTarget(source, target);
    return {
      id: attr(el, 'Id') ?? '',
      type: attr(el, 'Type') ?? '',
      part: resolved === null ? null : (zip.find(resolved) ?? resolved),
      el,
    };
  });
  return { part, xml, root, list };
}

function emptyRels(source: string): RelsPart {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  return { part: relsPartOf(source), xml, root: parseXml(xml), list: [] };
}

function isOleFile(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}
