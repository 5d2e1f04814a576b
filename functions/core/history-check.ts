/**
 * Is `Lịch sử` still what `thidua new-year` wrote? The ledger keeps the carried rows; a
 * run compares the tab with them, matching rows by (Năm, Mã) so that sorting the tab is
 * no edit, and warns on every cell that differs, every row added and every row gone.
 */
import { HISTORY_HEADERS, TAB } from '../../sheets-schema/layout.js';
import type { OutValue } from './cell.js';
import type { IssueList } from './issues.js';
import { normalizeName } from './text.js';
import { HISTORY_FIELDS, type HistoryRead } from './workbook/history.js';

/** The rows `new-year` wrote, each in `HISTORY_HEADERS` order. */
export type CarriedRows = readonly (readonly OutValue[])[];

/** A carried value as the tab shows it once read back (numbers as `String(n)`, text trimmed). */
export function carriedText(v: OutValue | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? String(v) : v.normalize('NFC').trim();
}

const keyOf = (texts: readonly string[]) => `${texts[0]}\u0000${normalizeName(texts[1] ?? '')}`;

export function checkHistory(read: HistoryRead, carried: CarriedRows, issues: IssueList): void {
  const want = new Map<string, string[]>();
  for (const row of carried) {
    const texts = HISTORY_FIELDS.map((_, i) => carriedText(row[i]));
    want.set(keyOf(texts), texts);
  }
  const seen = new Set<string>();
  const at = (row: number | null, col: number | undefined, code: Parameters<IssueList['warning']>[0]['code'], params: Record<string, string>) =>
    issues.warning({ unit: null, tab: TAB.history, row, col: col ?? null, criterion: null, code, params });

  for (const { row, texts } of read.typed) {
    const key = keyOf(texts);
    const expected = seen.has(key) ? undefined : want.get(key);
    const who = { year: texts[0]!, code: texts[1]! };
    if (!expected) {
      at(row, read.cols.year, 'history-added', who);
      continue;
    }
    seen.add(key);
    HISTORY_FIELDS.forEach((f, i) => {
      if (read.cols[f] === undefined || texts[i] === expected[i]) return;
      at(row, read.cols[f], 'history-edited', { ...who, field: HISTORY_HEADERS[f], typed: texts[i]!, carried: expected[i]! });
    });
  }
  for (const [key, texts] of want) {
    if (!seen.has(key)) at(null, undefined, 'history-removed', { year: texts[0]!, code: texts[1]! });
  }
}
