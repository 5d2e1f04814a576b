/**
 * Applies a run's edits to the bytes of an `.xlsx` by patching only the parts it owns:
 * the worksheets it writes to, and workbook.xml / its relationships / content types
 * when it adds a system tab. Every other zip entry is copied as stored, so people's
 * charts, images, pivot tables and comments survive untouched.
 *
 * `edits.notes` is ignored: in an `.xlsx` issues show in the `Kiểm tra` column and tab
 * (a unit tab's conditional format highlights the row), so input cells keep their
 * formatting and comments exactly as people left them.
 */
import type { CellEdit, OutValue, SheetEdits, TabLayout } from '../../core/cell.js';
import { normalizeName } from '../../core/text.js';
import { TAB } from '../../../sheets-schema/layout.js';
import { LimitError, LIMITS } from './limits.js';
import { emptySheetXml } from './new-sheet.js';
import { openPackage, type Package } from './package.js';
import { unusable } from './read.js';
import { appendRows, replaceRows, setCells, type PatchResult } from './sheet-patch.js';
import { writeOwnedTab, type PartChanges } from './owned-tab.js';
import { applyWorkbookChanges, asUtf8, mainNamespace, newSheetPart, type NewSheet } from './workbook-parts.js';

export function applyEdits(bytes: Uint8Array, edits: SheetEdits, path = 'workbook'): Uint8Array {
  // Refused before anything is patched: one row of Kiểm tra per issue, never truncated (limits.ts).
  const issues = edits.tabs.find((t) => t.name === TAB.issues);
  try {
    if (issues && issues.rows.length - 1 > LIMITS.issues) throw new LimitError('issues');
    return patchAll(bytes, edits, path);
  } catch (e) {
    if (e instanceof LimitError) throw unusable(e, path);
    throw e;
  }
}

function patchAll(bytes: Uint8Array, edits: SheetEdits, path: string): Uint8Array {
  let pkg: Package;
  try {
    pkg = openPackage(bytes);
  } catch (e) {
    throw unusable(e, path);
  }
  const w = new Writer(pkg);

  const cellsByTab = new Map<string, CellEdit[]>();
  for (const c of edits.cells) {
    const list = cellsByTab.get(c.tab) ?? [];
    list.push(c);
    cellsByTab.set(c.tab, list);
  }
  for (const [tab, cells] of cellsByTab) {
    const part = w.existing(tab);
    if (!part) throw new Error(`cannot write cells: no worksheet "${tab}"`);
    // A unit tab is parsed whole to be patched: refused past what a unit tab can be (limits.ts).
    if ((pkg.zip.size(part) ?? 0) > LIMITS.unitTabBytes) throw new LimitError('unitTabBytes', tab);
    w.patch(part, (xml) => {
      try {
        return setCells(xml, cells, LIMITS.unitTabElements);
      } catch (e) {
        throw e instanceof LimitError && e.limit === 'elements' ? new LimitError('unitTabElements', tab) : e;
      }
    });
  }
  for (const t of edits.addTabs ?? []) {
    if (w.existing(t.name)) continue;
    w.own(t.name, w.create(t.name, t.rows), t.rows, t.layout);
  }
  for (const t of edits.tabs) {
    const part = w.existing(t.name) ?? w.create(t.name, t.rows);
    if (t.layout) w.own(t.name, part, t.rows, t.layout);
    else w.patch(part, (xml) => replaceRows(xml, t.rows));
  }
  for (const a of edits.append) {
    const existing = w.existing(a.tab);
    const part = existing ?? w.create(a.tab, [a.header, ...a.rows]);
    w.patch(part, (xml) => appendRows(xml, a.header, a.rows));
  }
  return w.finish();
}

class Writer {
  /** New parts' XML, written into the package at finish (applyWorkbookChanges). */
  private readonly xml = new Map<string, string>();
  /** Whether any part was written (existing ones go into the zip as they are patched: put). */
  private wrote = false;
  private readonly added: NewSheet[] = [];
  private readonly byName = new Map<string, string | null>();
  private formulaRemoved = false;
  private readonly parts: PartChanges = { overrides: [], removed: [], printTitles: [] };
  private readonly taken = new Set<string>();
  private stylesPart: string | null;
  private stylesXml: string | undefined;
  private stylesIsNew = false;

  constructor(private readonly pkg: Package) {
    for (const s of pkg.sheets) {
      const key = normalizeName(s.name);
      if (!this.byName.has(key)) this.byName.set(key, s.kind === 'worksheet' ? s.part : null);
    }
    const rel = pkg.rels.list.find((r) => r.type.endsWith('/styles'));
    this.stylesPart = rel?.part && pkg.zip.has(rel.part) ? pkg.zip.find(rel.part)! : null;
    this.stylesXml = this.stylesPart ? pkg.zip.text(this.stylesPart) : undefined;
  }

  /** A system-owned tab written whole from its layout (owned-tab.ts). */
  own(name: string, part: string, rows: OutValue[][], layout: TabLayout): void {
    const old = this.current(part) ?? '';
    this.formulaRemoved ||= /<(?:\w+:)?f[\s>/]/.test(old);
    const existingIndex = this.pkg.sheets.findIndex((s) => s.part === part);
    const index = existingIndex >= 0 ? existingIndex : this.pkg.sheets.length + this.added.findIndex((a) => a.part === part);
    const realName = existingIndex >= 0 ? this.pkg.sheets[existingIndex]!.name : name;
    const styles = {
      get: () => this.stylesXml,
      set: (xml: string) => {
        if (!this.stylesPart) {
          this.stylesPart = 'xl/styles.xml';
          this.stylesIsNew = true;
        }
        this.stylesXml = xml;
      },
    };
    const xml = writeOwnedTab(this.pkg, { name: realName, part, ns: mainNamespace(this.pkg), index }, rows, layout, styles, this.taken, this.parts);
    this.put(part, xml);
  }

  /** The part's XML as this write has it so far (read once from the source: not kept inflated). */
  private current(part: string): string | undefined {
    return this.xml.get(part) ?? this.pkg.zip.text(part, false);
  }

  /**
   * A part's new XML. An existing part goes into the zip at once as UTF-8: a JS string of
   * Vietnamese text takes two bytes a character, and 2.000 patched tabs held as strings
   * until the end were most of a large run's memory (docs/performance.md, "Reader memory").
   */
  private put(part: string, xml: string): void {
    this.wrote = true;
    if (this.xml.has(part)) this.xml.set(part, xml);
    else this.pkg.zip.put(part, asUtf8(xml));
  }

  /** The worksheet part of tab `name` (matched as people type names), if there is one. */
  existing(name: string): string | null {
    const key = normalizeName(name);
    if (!this.byName.has(key)) return null;
    const part = this.byName.get(key);
    if (!part) throw new Error(`tab "${name}" is not a worksheet we can write`);
    return part;
  }

  create(name: string, rows: Parameters<typeof emptySheetXml>[1]): string {
    const part = newSheetPart(this.pkg, new Set(this.added.map((a) => a.part.toLowerCase())));
    const xml = emptySheetXml(mainNamespace(this.pkg), rows);
    this.added.push({ name, part, xml });
    this.xml.set(part, xml);
    this.byName.set(normalizeName(name), part);
    return part;
  }

  patch(part: string, f: (xml: string) => PatchResult): void {
    const current = this.current(part);
    if (current === undefined) throw new Error(`missing part ${part}`);
    const r = f(current);
    this.formulaRemoved ||= r.formulaRemoved;
    this.put(part, r.xml);
  }

  finish(): Uint8Array {
    for (const a of this.added) a.xml = this.xml.get(a.part)!;
    if (this.stylesPart && this.stylesXml !== undefined && this.stylesXml !== this.pkg.zip.text(this.stylesPart)) {
      this.pkg.zip.put(this.stylesPart, asUtf8(this.stylesXml));
    }
    applyWorkbookChanges(this.pkg, {
      added: this.added,
      dropCalcChain: this.formulaRemoved,
      recalcOnOpen: this.wrote || this.xml.size > 0,
      ...this.parts,
      ...(this.stylesIsNew && this.stylesPart ? { newStyles: this.stylesPart } : {}),
    });
    return this.pkg.zip.toBytes();
  }
}
