/** Finding tabs and columns by their names, as WORKBOOK.md says: case, spaces and Unicode form ignored. */
import type { Cell, TabSnapshot, WorkbookSnapshot } from '../cell.js';
import { nfc, normalizeName } from '../text.js';
import { isNoValue } from '../values/missing.js';

/** Normalised name → first tab so named, built once per list of tabs: a run looks up every unit's tab. */
const tabIndex = new WeakMap<readonly TabSnapshot[], { size: number; byName: Map<string, TabSnapshot> }>();

export function findTab(wb: WorkbookSnapshot, name: string): TabSnapshot | undefined {
  let index = tabIndex.get(wb.tabs);
  if (!index || index.size !== wb.tabs.length) {
    const byName = new Map<string, TabSnapshot>();
    for (const t of wb.tabs) {
      const key = normalizeName(t.name);
      if (!byName.has(key)) byName.set(key, t);
    }
    index = { size: wb.tabs.length, byName };
    tabIndex.set(wb.tabs, index);
  }
  return index.byName.get(normalizeName(name));
}

export function cellAt(tab: TabSnapshot, row: number, col: number | undefined): Cell {
  if (col === undefined) return null;
  return tab.rows[row]?.[col] ?? null;
}

/** Labels and header texts as matched: the same few on every unit's tab, normalised once (a bounded memo). */
const matchKeys = new Map<string, string>();
function matchKey(s: string): string {
  let key = matchKeys.get(s);
  if (key === undefined) {
    if (matchKeys.size >= 1000) matchKeys.clear();
    matchKeys.set(s, (key = normalizeName(s)));
  }
  return key;
}

/** Header label → column index (first match), read from row 1, for the labels asked for. */
export function headerColumns<K extends string>(
  tab: TabSnapshot,
  labels: Record<K, string>,
): { cols: Partial<Record<K, number>>; missing: K[] } {
  const header = tab.rows[0] ?? [];
  const index = new Map<string, number>();
  header.forEach((c, i) => {
    if (c && c.t === 's') {
      const key = matchKey(c.v);
      if (!index.has(key)) index.set(key, i);
    }
  });
  const cols: Partial<Record<K, number>> = {};
  const missing: K[] = [];
  for (const k of Object.keys(labels) as K[]) {
    const at = index.get(matchKey(labels[k]));
    if (at === undefined) missing.push(k);
    else cols[k] = at;
  }
  return { cols, missing };
}

/** The text a person sees in a cell, trimmed; numbers as typed would show them. */
export function textOf(c: Cell): string {
  if (c === null) return '';
  if (c.t === 's') return nfc(c.v).trim();
  if (c.t === 'b') return c.v ? 'TRUE' : 'FALSE';
  return String(c.v);
}

/** True when a cell holds no value (empty, only spaces, or a dash: core/values/missing.ts). */
export function isBlank(c: Cell): boolean {
  return isNoValue(c);
}
