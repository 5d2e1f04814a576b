/**
 * The scoring inputs a lock freezes (MEETING.md): every cell people typed on `Cấu hình`,
 * `Đơn vị`, `Tiêu chí` and the unit tabs — not `Bỏ phiếu`, and not the `Điểm` / `Kiểm tra`
 * columns the system writes. Each cell is keyed by its tab, the row's `Mã` (`Mục`) and
 * the column's header, never by position: a sorted tab is not a change.
 */
import { ENTRY_HEADERS, TAB } from '../../../sheets-schema/layout.js';
import type { WorkbookSnapshot } from '../cell.js';
import { display } from '../score.js';
import type { Lang } from '../model.js';
import { normalizeName } from '../text.js';
import { findTab, isBlank, textOf } from '../workbook/grid.js';

export interface InputCell {
  tab: string;
  /** Unit code on a unit's tab, else null. */
  unit: string | null;
  /** The row's `Mã` / `Mục` as typed. */
  key: string;
  row: number;
  col: number;
  /** As people read it (vi-VN numbers, dd/mm/yyyy dates). */
  text: string;
}

const SYSTEM_COLUMNS = new Set([normalizeName(ENTRY_HEADERS.points), normalizeName(ENTRY_HEADERS.check)]);

/** key "tab \0 row key \0 header" → the cell. */
export function scoringInputs(wb: WorkbookSnapshot, unitCodes: readonly string[], lang: Lang): Map<string, InputCell> {
  const out = new Map<string, InputCell>();
  const tabs: { name: string; unit: string | null }[] = [
    { name: TAB.settings, unit: null }, { name: TAB.units, unit: null }, { name: TAB.criteria, unit: null },
    ...unitCodes.map((code) => ({ name: code, unit: code })),
  ];
  for (const { name, unit } of tabs) {
    const tab = findTab(wb, name);
    if (!tab) continue;
    const header = (tab.rows[0] ?? []).map((c) => normalizeName(textOf(c)));
    const seen = new Map<string, number>();
    for (let r = 1; r < tab.rows.length; r++) {
      const row = tab.rows[r] ?? [];
      const typedKey = textOf(row[0] ?? null);
      if (typedKey === '') continue;
      const n = (seen.get(normalizeName(typedKey)) ?? 0) + 1;
      seen.set(normalizeName(typedKey), n);
      const rowKey = normalizeName(typedKey) + (n > 1 ? `#${n}` : '');
      // Blank cells too (text ''), so that emptying a cell is a change found on its cell.
      header.forEach((h, col) => {
        if (!h || (unit !== null && SYSTEM_COLUMNS.has(h))) return;
        const cell = row[col] ?? null;
        const text = isBlank(cell) ? '' : display(cell, lang);
        out.set(`${normalizeName(name)}\u0000${rowKey}\u0000${h}`, { tab: tab.name, unit, key: typedKey, row: r, col, text });
      });
    }
  }
  return out;
}

/** What the ledger keeps of the inputs: key → text, in key order (so the hash is stable). */
export function inputTexts(inputs: Map<string, InputCell>): Record<string, string> {
  return Object.fromEntries([...inputs.keys()].sort().filter((k) => inputs.get(k)!.text !== '').map((k) => [k, inputs.get(k)!.text]));
}

export interface LockChange {
  /** Where it is now (null when the cell was emptied or its row removed). */
  at: InputCell | null;
  key: string;
  before: string;
  after: string;
}

/** Every input that differs from the locked snapshot. */
export function changesSince(locked: Record<string, string>, current: Map<string, InputCell>): LockChange[] {
  const out: LockChange[] = [];
  for (const [key, cell] of current) {
    const before = locked[key] ?? '';
    if (before !== cell.text) out.push({ at: cell, key, before, after: cell.text });
  }
  for (const [key, before] of Object.entries(locked)) if (!current.has(key)) out.push({ at: null, key, before, after: '' });
  return out;
}
