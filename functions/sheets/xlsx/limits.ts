/**
 * How big a workbook may be before it is refused as unusable (docs/robustness.md).
 * Chosen so that any file under 10 MB on disk is read within 512 MB of memory: a real
 * cluster workbook (20 units × 60 criteria) is far below every one of them, and a cluster
 * of 2.500 units × 60 criteria (2.507 tabs, 802.818 cells, 82 MB of parts read, 10.045
 * entries) is within all of them (`thidua run` of it: 478 MB peak, docs/performance.md).
 */
export const LIMITS = {
  /** Uncompressed bytes of one zip entry that we read. */
  partBytes: 32 * 1024 * 1024,
  /** Uncompressed bytes of all the entries we read, together. */
  totalBytes: 96 * 1024 * 1024,
  /** Entries in the zip (a unit tab brings four: sheet, its relationships, comments, their drawing). */
  entries: 16_000,
  /** Elements in one XML part (cells, rows, strings…): bounds the tree in memory. */
  elements: 600_000,
  /** Tabs in the workbook. */
  tabs: 2_600,
  /** Cells holding a value, in one tab. */
  cellsPerTab: 200_000,
  /** Cells holding a value, over all tabs: what the snapshot keeps in memory. */
  cells: 850_000,
  /** Characters in one cell's text: Excel's own limit. */
  stringLength: 32_767,
  /** Excel's grid: columns A–XFD, rows 1–1.048.576. */
  columns: 16_384,
  rows: 1_048_576,
  /** Rows kept in memory over all tabs (each tab counts up to its last row with a value). */
  totalRows: 2_000_000,
} as const;

export type LimitName = keyof typeof LIMITS;

/** The workbook is beyond one of LIMITS: refused as unusable, never read in part. */
export class LimitError extends Error {
  constructor(readonly limit: LimitName, readonly where = '') {
    super(`limit ${limit} (${LIMITS[limit]}) exceeded${where ? ` in ${where}` : ''}`);
    this.name = 'LimitError';
  }
}
