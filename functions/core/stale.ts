/**
 * What a run writes on a shared sheet whose structure it cannot use (a tab or header
 * missing): the reason in `Kiểm tra`, a line in `Nhật ký`, and the last good `Xếp hạng`
 * left in place but marked stale beside the table — so staff, who have no terminal,
 * see why the ranking stopped updating. (On an `.xlsx` a run writes nothing instead:
 * WORKBOOK.md's exit-2 contract.)
 */
import { ISSUE_HEADERS, LOG_HEADERS, TAB } from '../../sheets-schema/layout.js';
import { nextAsideLine } from '../../sheets-schema/ranking.js';
import { cellText, type SheetEdits, type WorkbookSnapshot } from './cell.js';
import { formatDateTime } from './format.js';
import { describeUnusable, type UnusableReason } from './unusable.js';
import { findTab } from './workbook/grid.js';

export const STALE_LABEL = 'Tình trạng';

export function staleEdits(snapshot: WorkbookSnapshot, reason: UnusableReason, now: number): SheetEdits {
  const message = describeUnusable(reason);
  const where = reason.code === 'missing-tab' || reason.code === 'missing-header' ? reason.tab : '';
  const edits: SheetEdits = {
    cells: [],
    tabs: [{ name: TAB.issues, rows: [[...ISSUE_HEADERS], [where, null, null, 'Lỗi', message]] }],
    append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: [[formatDateTime(now), 'Chấm điểm', `Không chấm được: ${message}`]] }],
    notes: [],
  };
  // Beside the last good table, below "Cập nhật lúc" and its fellows — the meeting's lines
  // included — in the place the tab's one layout gives it (sheets-schema/ranking.ts).
  const ranking = findTab(snapshot, TAB.ranking);
  const at = ranking ? nextAsideLine((r, c) => { const cell = ranking.rows[r]?.[c]; return cell ? cellText(cell).trim() : ''; }, STALE_LABEL) : null;
  if (ranking && at) {
    edits.cells.push(
      { tab: ranking.name, row: at.row, col: at.col, value: STALE_LABEL },
      { tab: ranking.name, row: at.row, col: at.col + 1, value: `KẾT QUẢ CŨ — ${formatDateTime(now)}: ${message} Xem tab Kiểm tra.` },
    );
  }
  return edits;
}
