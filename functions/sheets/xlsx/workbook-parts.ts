/**
 * Package-level changes a write may need: registering new worksheets (workbook.xml,
 * its relationships, [Content_Types].xml), dropping a stale calculation chain, and
 * asking spreadsheets to recalculate on open.
 */
import { MAIN_NS, REL_NS } from './new-sheet.js';
import { REL_WORKSHEET, relativeTarget, type Package } from './package.js';
import { applySplices, attr, child, children, escapeAttr, parseXml, rewriteStartTag, type Splice, type XElement } from './xml.js';

export interface NewSheet {
  name: string;
  part: string;
  xml: string;
}

const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CONTENT_TYPES = '[Content_Types].xml';

/** Where a new worksheet part goes: beside the existing ones, under an unused name. */
export function newSheetPart(pkg: Package, taken: Set<string>): string {
  const first = pkg.sheets.find((s) => s.kind === 'worksheet' && s.part)?.part;
  const dir = first ? first.slice(0, first.lastIndexOf('/') + 1) : 'xl/worksheets/';
  for (let n = pkg.sheets.length + 1; ; n++) {
    const part = `${dir}sheet${n}.xml`;
    if (!pkg.zip.has(part) && !taken.has(part.toLowerCase())) return part;
  }
}

/** The namespace the workbook's own elements are in (transitional or strict). */
export function mainNamespace(pkg: Package): string {
  const wb = pkg.workbook;
  const colon = wb.name.indexOf(':');
  const decl = colon >= 0 ? `xmlns:${wb.name.slice(0, colon)}` : 'xmlns';
  return attr(wb, decl) ?? MAIN_NS;
}

export interface WorkbookChanges {
  added: NewSheet[];
  dropCalcChain: boolean;
  recalcOnOpen: boolean;
  /** Parts written beside the worksheets (notes, drawings, charts, a new styles part). */
  overrides?: { part: string; contentType: string }[];
  removed?: string[];
  /** Rows printed on every page, per tab name (`_xlnm.Print_Titles`). */
  printTitles?: { name: string; ref: string }[];
  /** A styles part the workbook did not have: registered as the workbook's styles. */
  newStyles?: string;
}

export function applyWorkbookChanges(pkg: Package, ch: WorkbookChanges): void {
  const { zip } = pkg;
  const relSplices: Splice[] = [];
  const typeSplices: Splice[] = [];
  const bookSplices: Splice[] = [];
  const typesXml = zip.text(CONTENT_TYPES) ?? '';
  const types = parseXml(typesXml);

  if (ch.dropCalcChain) {
    for (const rel of pkg.rels.list.filter((r) => r.type.endsWith('/calcChain'))) {
      relSplices.push({ start: rel.el.start, end: rel.el.end, text: '' });
      if (rel.part) {
        zip.remove(rel.part);
        const override = children(types, 'Override').find((o) => (attr(o, 'PartName') ?? '').toLowerCase() === `/${rel.part!.toLowerCase()}`);
        if (override) typeSplices.push({ start: override.start, end: override.end, text: '' });
      }
    }
  }

  if (ch.added.length) {
    const relType = pkg.rels.list.find((r) => r.type.endsWith(REL_WORKSHEET))?.type ?? `${REL_NS}${REL_WORKSHEET}`;
    const relNs = relType.slice(0, -REL_WORKSHEET.length);
    const ids = new Set(pkg.rels.list.map((r) => r.id));
    let nextId = 1 + Math.max(0, ...[...ids].map((id) => Number(/(\d+)$/.exec(id)?.[1] ?? 0)));
    let sheetId = 1 + Math.max(0, ...pkg.sheets.map((s) => s.sheetId));
    const sheetsEl = child(pkg.workbook, 'sheets');
    if (!sheetsEl) throw new Error('workbook without <sheets>');
    const p = sheetsEl.name.includes(':') ? sheetsEl.name.slice(0, sheetsEl.name.indexOf(':') + 1) : '';
    const relPrefix = prefixFor(pkg.workbook, relNs);

    const sheetTags: string[] = [];
    const relTags: string[] = [];
    const typeTags: string[] = [];
    for (const s of ch.added) {
      while (ids.has(`rId${nextId}`)) nextId++;
      const rId = `rId${nextId++}`;
      ids.add(rId);
      const idAttr = relPrefix ? `${relPrefix}:id="${rId}"` : `xmlns:r="${escapeAttr(relNs)}" r:id="${rId}"`;
      sheetTags.push(`<${p}sheet name="${escapeAttr(s.name)}" sheetId="${sheetId++}" ${idAttr}/>`);
      relTags.push(`<Relationship Id="${rId}" Type="${escapeAttr(relType)}" Target="${escapeAttr(relativeTarget(pkg.workbookPart, s.part))}"/>`);
      typeTags.push(`<Override PartName="/${escapeAttr(s.part)}" ContentType="${WORKSHEET_TYPE}"/>`);
      zip.put(s.part, s.xml);
    }
    bookSplices.push(appendInside(pkg.workbookXml, sheetsEl, sheetTags.join('')));
    relSplices.push(appendInside(pkg.rels.xml, pkg.rels.root, relTags.join('')));
    typeSplices.push(appendInside(typesXml, types, typeTags.join('')));
  }

  const overrides = children(types, 'Override');
  const hasOverride = (part: string) => overrides.some((o) => (attr(o, 'PartName') ?? '').toLowerCase() === `/${part.toLowerCase()}`);
  for (const part of ch.removed ?? []) {
    const o = overrides.find((x) => (attr(x, 'PartName') ?? '').toLowerCase() === `/${part.toLowerCase()}`);
    if (o) typeSplices.push({ start: o.start, end: o.end, text: '' });
  }
  const newTypes = (ch.overrides ?? []).filter((o) => !hasOverride(o.part) || (ch.removed ?? []).some((r) => r.toLowerCase() === o.part.toLowerCase()));
  if (ch.newStyles) {
    newTypes.push({ part: ch.newStyles, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml' });
    const ids = new Set(pkg.rels.list.map((r) => r.id));
    let n = 1;
    while (ids.has(`rIdStyles${n}`)) n++;
    relSplices.push(appendInside(pkg.rels.xml, pkg.rels.root, `<Relationship Id="rIdStyles${n}" Type="${REL_NS}/styles" Target="${escapeAttr(relativeTarget(pkg.workbookPart, ch.newStyles))}"/>`));
  }
  if (newTypes.length) {
    typeSplices.push(appendInside(typesXml, types, newTypes.map((o) => `<Override PartName="/${escapeAttr(o.part)}" ContentType="${escapeAttr(o.contentType)}"/>`).join('')));
  }
  if (ch.printTitles?.length) bookSplices.push(...printTitleSplices(pkg, ch.printTitles, ch.added));

  if (ch.recalcOnOpen) bookSplices.push(recalcSplice(pkg));

  if (bookSplices.length) zip.put(pkg.workbookPart, asUtf8(applySplices(pkg.workbookXml, bookSplices)));
  if (relSplices.length) zip.put(pkg.rels.part, asUtf8(applySplices(pkg.rels.xml, relSplices)));
  if (typeSplices.length) zip.put(CONTENT_TYPES, asUtf8(applySplices(typesXml, typeSplices)));
}

/**
 * `_xlnm.Print_Titles` of each tab, replacing the one it had. `localSheetId` is the tab's
 * position in `<sheets>` (tabs added by this write come after the existing ones).
 */
function printTitleSplices(pkg: Package, titles: { name: string; ref: string }[], added: NewSheet[]): Splice[] {
  const xml = pkg.workbookXml;
  const wb = pkg.workbook;
  const p = wb.name.includes(':') ? wb.name.slice(0, wb.name.indexOf(':') + 1) : '';
  const names = [...pkg.sheets.map((s) => s.name), ...added.map((a) => a.name)];
  const splices: Splice[] = [];
  const tags: string[] = [];
  const definedNames = child(wb, 'definedNames');
  for (const t of titles) {
    const index = names.indexOf(t.name);
    if (index < 0) continue;
    const old = definedNames
      ? children(definedNames, 'definedName').find((d) => attr(d, 'name')?.toLowerCase() === '_xlnm.print_titles' && attr(d, 'localSheetId') === String(index))
      : undefined;
    const tag = `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeAttr(t.ref)}</${p}definedName>`;
    if (old) splices.push({ start: old.start, end: old.end, text: tag });
    else tags.push(tag);
  }
  if (tags.length) {
    if (definedNames) splices.push(appendInside(xml, definedNames, tags.join('')));
    else {
      const after = child(wb, 'externalReferences') ?? child(wb, 'functionGroups') ?? child(wb, 'sheets');
      const at = after ? after.end : wb.closeStart;
      splices.push({ start: at, end: at, text: `<${p}definedNames>${tags.join('')}</${p}definedNames>` });
    }
  }
  return splices;
}

/** Markup added as the last children of `el` (which may be an empty-element tag). */
function appendInside(xml: string, el: XElement, markup: string): Splice {
  if (!el.selfClosing) return { start: el.closeStart, end: el.closeStart, text: markup };
  return { start: el.start, end: el.end, text: `${rewriteStartTag(xml, el, {}, false)}${markup}</${el.name}>` };
}

function prefixFor(el: XElement, ns: string): string | null {
  for (const a of el.attrs) if (a.name.startsWith('xmlns:') && a.value === ns) return a.name.slice(6);
  return null;
}

/** Elements that follow `calcPr` in a workbook (ECMA-376 CT_Workbook), to insert it in place. */
const AFTER_CALC_PR = ['oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

/**
 * `fullCalcOnLoad`: the values we wrote (Điểm) may feed people's own formulas (a total
 * under the column); Excel recalculates them when the file opens instead of showing the
 * cached results of the previous run.
 */
function recalcSplice(pkg: Package): Splice {
  const xml = pkg.workbookXml;
  const calcPr = child(pkg.workbook, 'calcPr');
  if (calcPr) return { start: calcPr.start, end: calcPr.openEnd, text: rewriteStartTag(xml, calcPr, { fullCalcOnLoad: '1' }) };
  const wb = pkg.workbook;
  const p = wb.name.includes(':') ? wb.name.slice(0, wb.name.indexOf(':') + 1) : '';
  const next = wb.children.find((c) => AFTER_CALC_PR.includes(c.local));
  const at = next ? next.start : wb.closeStart;
  return { start: at, end: at, text: `<${p}calcPr fullCalcOnLoad="1"/>` };
}

/** Parts we re-encode are written as UTF-8, whatever their declaration said. */
export function asUtf8(xml: string): string {
  return xml.replace(/^(\uFEFF?<\?xml[^>]*encoding=["'])([^"']+)(["'])/, (m, a: string, enc: string, b: string) =>
    enc.toLowerCase() === 'utf-8' ? m : `${a}UTF-8${b}`,
  );
}
