/**
 * Writes a system-owned tab whole from its layout: the worksheet, its styles, the notes
 * of its header (comments + VML), its chart (drawing + chart part) and its
 * relationships. The parts an earlier run (or `thidua init`) attached to the tab are
 * dropped first: the tab is the system's, so nothing of an older layout stays.
 */
import type { OutValue, TabLayout } from '../../core/cell.js';
import { CHART_TYPE, chartXml, drawingXml, DRAWING_TYPE } from './chart.js';
import { COMMENTS_TYPE, commentsXml, vmlXml, type Note } from './comments.js';
import { columnRef, layoutStyles, ownedSheetXml, printTitlesRef, type OwnedParts } from './owned-sheet.js';
import { readRels, relativeTarget, relsPartOf, type Package } from './package.js';
import { ensureDxf, ensureXfs } from './style-sheet.js';
import { REL_NS } from './new-sheet.js';
import { escapeAttr } from './xml.js';

const REL_TYPES = {
  comments: `${REL_NS}/comments`,
  vml: `${REL_NS}/vmlDrawing`,
  drawing: `${REL_NS}/drawing`,
  chart: `${REL_NS}/chart`,
};
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** What the package gains and loses, applied with the workbook's other changes. */
export interface PartChanges {
  /** Parts written here, with the content type each needs an Override for. */
  overrides: { part: string; contentType: string }[];
  /** Parts removed (their Overrides go too). */
  removed: string[];
  /** `_xlnm.Print_Titles` per tab name. */
  printTitles: { name: string; ref: string }[];
}

export interface StylesAccess {
  get(): string | undefined;
  set(xml: string): void;
}

export function writeOwnedTab(
  pkg: Package,
  sheet: { name: string; part: string; ns: string; index: number },
  rows: OutValue[][],
  layout: TabLayout,
  styles: StylesAccess,
  taken: Set<string>,
  changes: PartChanges,
): string {
  const { zip } = pkg;
  dropAttachedParts(pkg, sheet.part, changes);

  const specs = layoutStyles(layout);
  const keys = [...specs.keys()];
  const ensured = ensureXfs(styles.get(), keys.map((k) => specs.get(k)!));
  let stylesXml = ensured.xml;
  let highlightDxf: number | undefined;
  if (layout.highlight) {
    const d = ensureDxf(stylesXml, layout.highlight.fill);
    stylesXml = d.xml;
    highlightDxf = d.id;
  }
  styles.set(stylesXml);
  const ids = new Map(keys.map((k, i) => [k, ensured.ids[i]!]));

  const rels: string[] = [];
  let nextRel = 1;
  const relate = (type: string, target: string): string => {
    const id = `rId${nextRel++}`;
    rels.push(`<Relationship Id="${id}" Type="${type}" Target="${escapeAttr(relativeTarget(sheet.part, target))}"/>`);
    return id;
  };
  const fresh = (pattern: (n: number) => string): string => {
    for (let n = 1; ; n++) {
      const p = pattern(n);
      if (!zip.has(p) && !taken.has(p.toLowerCase())) {
        taken.add(p.toLowerCase());
        return p;
      }
    }
  };

  const parts: OwnedParts = { relNs: REL_NS, ...(highlightDxf !== undefined ? { highlightDxf } : {}) };
  if (layout.chart) {
    const ch = layout.chart;
    const data = rows.slice(1, ch.rows);
    const drawing = fresh((n) => `xl/drawings/drawing${n}.xml`);
    const chart = fresh((n) => `xl/charts/chart${n}.xml`);
    const spec = {
      title: ch.title,
      categoryRef: columnRef(sheet.name, ch.categoryCol, 1, ch.rows - 1),
      categories: data.map((r) => String(r[ch.categoryCol] ?? '')),
      valueRef: columnRef(sheet.name, ch.valueCol, 1, ch.rows - 1),
      values: data.map((r) => (typeof r[ch.valueCol] === 'number' ? (r[ch.valueCol] as number) : null)),
      from: { col: ch.anchorCol, row: ch.anchorRow },
      to: { col: ch.anchorCol + Math.min(layout.table.cols, 12), row: ch.anchorRow + 16 },
    };
    zip.put(chart, chartXml(spec));
    zip.put(drawing, drawingXml('rId1', spec));
    zip.put(relsPartOf(drawing), relsXml([`<Relationship Id="rId1" Type="${REL_TYPES.chart}" Target="${escapeAttr(relativeTarget(drawing, chart))}"/>`]));
    changes.overrides.push({ part: drawing, contentType: DRAWING_TYPE }, { part: chart, contentType: CHART_TYPE });
    parts.drawing = relate(REL_TYPES.drawing, drawing);
  }

  const notes: Note[] = [];
  layout.columns.forEach((c, col) => c.note && notes.push({ row: 0, col, text: c.note }));
  if (notes.length) {
    const comments = fresh((n) => `xl/comments${n}.xml`);
    const vml = fresh((n) => `xl/drawings/vmlDrawing${n}.vml`);
    zip.put(comments, commentsXml(sheet.ns, notes));
    zip.put(vml, vmlXml(notes, 1024 * (sheet.index + 1) + 1));
    changes.overrides.push({ part: comments, contentType: COMMENTS_TYPE }, { part: vml, contentType: 'application/vnd.openxmlformats-officedocument.vmlDrawing' });
    relate(REL_TYPES.comments, comments);
    parts.legacyDrawing = relate(REL_TYPES.vml, vml);
  }

  const relsPart = zip.find(relsPartOf(sheet.part)) ?? relsPartOf(sheet.part);
  if (rels.length) zip.put(relsPart, relsXml(rels));
  else if (zip.has(relsPart)) zip.remove(relsPart);

  changes.printTitles.push({ name: sheet.name, ref: printTitlesRef(sheet.name, layout.print.titleRows) });
  return ownedSheetXml(sheet.ns, rows, layout, (k) => ids.get(k)!, parts, layout.table);
}

function relsXml(rels: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${rels.join('')}</Relationships>`;
}

/** Comments, VML, drawings and their charts that hung on the tab before. */
function dropAttachedParts(pkg: Package, sheetPart: string, changes: PartChanges): void {
  const { zip } = pkg;
  const rels = readRels(zip, sheetPart);
  if (!rels) return;
  const drop = (part: string | null) => {
    if (!part || !zip.has(part)) return;
    const sub = readRels(zip, part);
    if (sub) {
      for (const r of sub.list) if (r.type.endsWith('/chart') || r.type.endsWith('/chartUserShapes')) drop(r.part);
      zip.remove(sub.part);
    }
    zip.remove(part);
    changes.removed.push(part);
  };
  for (const r of rels.list) {
    if (r.type.endsWith('/comments') || r.type.endsWith('/vmlDrawing') || r.type.endsWith('/drawing') || r.type.endsWith('/threadedComment')) drop(r.part);
  }
}
