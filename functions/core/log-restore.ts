/**
 * `Nhật ký` comes back whole (issue 9, "the open window"): LibreOffice does not lock a
 * file, so a person saving from a window opened before a run replaces the run's write and
 * its log lines with it. The ledger keeps every line; the lines it has that the tab lacks
 * are written again, in the order they were first written, before the run's own.
 * Pure: the ledger's lines and the tab as read in, the missing lines out.
 */
import { cellText, type TabSnapshot } from './cell.js';

export interface LoggedLine {
  when: string;
  source: string;
  text: string;
}

const keyOf = (when: string, source: string, text: string) => `${when}\u0000${source}\u0000${text}`;

/** Ledger lines without a matching row on the tab (each row matches one line), in ledger order. */
export function missingLogLines<L extends LoggedLine>(ledger: readonly L[], tab: TabSnapshot | undefined): L[] {
  const present = new Map<string, number>();
  for (const row of (tab?.rows ?? []).slice(1)) {
    const k = keyOf(cellText(row[0] ?? null).trim(), cellText(row[1] ?? null).trim(), cellText(row[2] ?? null).trim());
    present.set(k, (present.get(k) ?? 0) + 1);
  }
  const out: L[] = [];
  for (const l of ledger) {
    const k = keyOf(l.when.trim(), l.source.trim(), l.text.trim());
    const n = present.get(k) ?? 0;
    if (n > 0) present.set(k, n - 1);
    else out.push(l);
  }
  return out;
}
