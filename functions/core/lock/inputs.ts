/**
 * The scoring inputs a lock freezes (MEETING.md): every cell people typed on `Cấu hình`,
 * `Đơn vị`, `Tiêu chí` and the unit tabs — not `Bỏ phiếu`, and not the `Điểm` / `Kiểm tra`
 * columns the system writes. A cell is known by its tab, its row's `Mã` (`Mục`) and its
 * column's header, never by position: a sorted tab, or a moved column, is not a change.
 * Kept per row (one lookup per row, not per cell): a lock's run stays close to a plain one.
 */
import { ENTRY_HEADERS, TAB } from '../../../sheets-schema/layout.js';
import type { WorkbookSnapshot } from '../cell.js';
import { display } from '../score.js';
import type { Lang } from '../model.js';
import { normalizeName } from '../text.js';
import { findTab, isBlank, textOf } from '../workbook/grid.js';

/** One tab's inputs as the ledger keeps them: headers (normalised, sorted) and each row's texts in that order. */
export interface TabTexts {
  headers: string[];
  /** row key (the row's `Mã` folded, `#2` for a repeat) → texts, '' for an empty cell. */
  rows: Record<string, string[]>;
}

/** tab key (its name folded) → its inputs. */
export type InputTexts = Record<string, TabTexts>;

export interface InputRow {
  /** 0-based row on the tab. */
  row: number;
  /** The row's `Mã` / `Mục` as typed. */
  key: string;
  /** Per column of `TabInputs.headers`, as people read it (vi-VN numbers, dd/mm/yyyy dates). */
  texts: string[];
}

export interface TabInputs {
  /** The tab's name as people spell it. */
  name: string;
  /** Unit code on a unit's tab, else null. */
  unit: string | null;
  headers: string[];
  /** 0-based column of each header. */
  cols: number[];
  rows: Map<string, InputRow>;
}

const SYSTEM_COLUMNS = new Set([normalizeName(ENTRY_HEADERS.points), normalizeName(ENTRY_HEADERS.check)]);

export function scoringInputs(wb: WorkbookSnapshot, unitCodes: readonly string[], lang: Lang): Map<string, TabInputs> {
  const out = new Map<string, TabInputs>();
  const tabs: { name: string; unit: string | null }[] = [
    { name: TAB.settings, unit: null }, { name: TAB.units, unit: null }, { name: TAB.criteria, unit: null },
    ...unitCodes.map((code) => ({ name: code, unit: code })),
  ];
  for (const { name, unit } of tabs) {
    const tab = findTab(wb, name);
    if (!tab) continue;
    const headers: string[] = [];
    const cols: number[] = [];
    (tab.rows[0] ?? []).forEach((c, col) => {
      const h = normalizeName(textOf(c));
      if (!h || (unit !== null && SYSTEM_COLUMNS.has(h)) || headers.includes(h)) return;
      headers.push(h);
      cols.push(col);
    });
    const rows = new Map<string, InputRow>();
    const seen = new Map<string, number>();
    for (let r = 1; r < tab.rows.length; r++) {
      const row = tab.rows[r] ?? [];
      const key = textOf(row[0] ?? null);
      if (key === '') continue;
      const folded = normalizeName(key);
      const n = (seen.get(folded) ?? 0) + 1;
      seen.set(folded, n);
      // Blank cells too (''), so that emptying a cell is a change found on its cell.
      const texts = cols.map((col) => {
        const cell = row[col] ?? null;
        return isBlank(cell) ? '' : display(cell, lang);
      });
      rows.set(n > 1 ? `${folded}#${n}` : folded, { row: r, key, texts });
    }
    out.set(normalizeName(name), { name: tab.name, unit, headers, cols, rows });
  }
  return out;
}

/** What the ledger keeps: tabs, headers and rows in sorted order, so the hash does not depend on layout. */
export function inputTexts(inputs: Map<string, TabInputs>): InputTexts {
  const out: InputTexts = {};
  for (const tabKey of [...inputs.keys()].sort()) {
    const t = inputs.get(tabKey)!;
    const order = t.headers.map((h, i) => ({ h, i })).sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0));
    const rows: Record<string, string[]> = {};
    for (const rowKey of [...t.rows.keys()].sort()) rows[rowKey] = order.map(({ i }) => t.rows.get(rowKey)!.texts[i]!);
    out[tabKey] = { headers: order.map(({ h }) => h), rows };
  }
  return out;
}

export interface LockChange {
  /** Where the cell is now; null when its row (or its tab, or its column) is gone. */
  at: { tab: string; unit: string | null; key: string; row: number; col: number } | null;
  /** The tab as people spell it, and the row's key as typed (or folded, when the row is gone). */
  tab: string;
  unit: string | null;
  rowKey: string;
  before: string;
  after: string;
}

/** Every input that differs from the locked texts. */
export function changesSince(locked: InputTexts, current: Map<string, TabInputs>): LockChange[] {
  const out: LockChange[] = [];
  for (const [tabKey, now] of current) {
    const was = locked[tabKey] ?? { headers: [], rows: {} };
    const wasCol = new Map(was.headers.map((h, i) => [h, i]));
    for (const [rowKey, r] of now.rows) {
      const before = was.rows[rowKey];
      now.headers.forEach((h, i) => {
        const i0 = wasCol.get(h);
        const b = before && i0 !== undefined ? before[i0]! : '';
        if (b !== r.texts[i]) {
          out.push({ at: { tab: now.name, unit: now.unit, key: r.key, row: r.row, col: now.cols[i]! }, tab: now.name, unit: now.unit, rowKey: r.key, before: b, after: r.texts[i]! });
        }
      });
      // A column that is gone: its texts are changes on the row, without a cell.
      was.headers.forEach((h, i0) => {
        if (!now.headers.includes(h) && before && before[i0]) out.push({ at: null, tab: now.name, unit: now.unit, rowKey: r.key, before: before[i0]!, after: '' });
      });
    }
    for (const [rowKey, texts] of Object.entries(was.rows)) {
      if (now.rows.has(rowKey)) continue;
      for (const t of texts) if (t) out.push({ at: null, tab: now.name, unit: now.unit, rowKey, before: t, after: '' });
    }
  }
  return out;
}
