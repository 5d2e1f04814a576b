/**
 * What a run writes on a shared sheet whose structure it cannot use (a tab or header
 * missing): the reason in `Kiểm tra`, a line in `Nhật ký`, and the last good `Xếp hạng`
 * left in place but marked stale beside the table — so staff, who have no terminal,
 * see why the ranking stopped updating. (On an `.xlsx` a run writes nothing instead:
 * WORKBOOK.md's exit-2 contract.) The words follow the sheet's `Ngôn ngữ`, as a good run's do.
 */
import { ISSUE_HEADERS, LOG_HEADERS, TAB } from '../../sheets-schema/layout.js';
import { nextAsideLine } from '../../sheets-schema/ranking.js';
import { cellText, type SheetEdits, type WorkbookSnapshot } from './cell.js';
import { formatDateTime } from './format.js';
import type { Lang } from './model.js';
import { describeUnusable, type UnusableReason } from './unusable.js';
import { findTab } from './workbook/grid.js';
import { sheetLanguage } from './workbook/language.js';

/** The stale mark's label beside `Xếp hạng`, by language. */
export const STALE_LABEL: Record<Lang, string> = { vi: 'Tình trạng', en: 'Status' };

const WORDS: Record<Lang, { source: string; failed: string; mark: (when: string, message: string) => string }> = {
  vi: { source: 'Chấm điểm', failed: 'Không chấm được', mark: (when, message) => `KẾT QUẢ CŨ — ${when}: ${message} Xem tab Kiểm tra.` },
  en: { source: 'Scoring', failed: 'Could not score', mark: (when, message) => `STALE RESULTS — ${when}: ${message} See the Kiểm tra tab.` },
};

export function staleEdits(snapshot: WorkbookSnapshot, reason: UnusableReason, now: number): SheetEdits {
  const lang = sheetLanguage(snapshot);
  const w = WORDS[lang];
  const message = describeUnusable(reason, lang);
  const where = reason.code === 'missing-tab' || reason.code === 'missing-header' ? reason.tab : '';
  const edits: SheetEdits = {
    cells: [],
    // `Lỗi`, as on every run's `Kiểm tra` (core/edits.ts): the tab's words are the contract's.
    tabs: [{ name: TAB.issues, rows: [[...ISSUE_HEADERS], [where, null, null, 'Lỗi', message]] }],
    append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: [[formatDateTime(now), w.source, `${w.failed}: ${message}`]] }],
    notes: [],
  };
  // Beside the last good table, below "Cập nhật lúc" and its fellows — the meeting's lines
  // included — in the place the tab's one layout gives it (sheets-schema/ranking.ts). A mark
  // already there, in either language (`Ngôn ngữ` changed, or unreadable now), is replaced.
  const ranking = findTab(snapshot, TAB.ranking);
  const at = ranking ? nextAsideLine((r, c) => { const cell = ranking.rows[r]?.[c]; return cell ? cellText(cell).trim() : ''; }, Object.values(STALE_LABEL)) : null;
  if (ranking && at) {
    edits.cells.push(
      { tab: ranking.name, row: at.row, col: at.col, value: STALE_LABEL[lang] },
      { tab: ranking.name, row: at.row, col: at.col + 1, value: w.mark(formatDateTime(now), message) },
    );
  }
  return edits;
}
