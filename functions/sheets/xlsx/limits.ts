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
  /**
   * Characters of text in the cells of all tabs (a shared string counts at every cell showing
   * it): what the snapshot keeps (two bytes a character for Vietnamese). The 2.500 × 60 cluster
   * holds 4,5 M, a real one well under 1 M; two tabs of 32.767-character texts (62 M) took a
   * run to 683 MB.
   */
  textChars: 16_000_000,
  // What a run writes back (write.ts). Reading is bounded by the limits above, but a small file
  // within them can still ask for a huge write: every row of a unit tab with an unknown Mã is an
  // issue, and each issue is a row of Kiểm tra, a cell patched into the unit tab and an item of
  // `run --json`. 4 tabs of 12.000 such rows (1,5 MB on disk) took a run to 932 MB; with these
  // two bounds the run stays under 512 MB (docs/robustness.md, "Memory").
  /**
   * Issues of one run: rows of `Kiểm tra` (WORKBOOK.md: one per issue, so never truncated — the
   * workbook is refused instead). A real cluster has at most a few hundred (one per criterion
   * and unit at worst: 20 units × 60 criteria = 1.200); the 2.000-unit benchmark has none. At
   * 20.000, a re-run of a workbook at the bound (its Kiểm tra read back, rewritten) peaked at
   * up to 460 MB: too close to 512.
   */
  issues: 10_000,
  /**
   * Elements (rows, cells, values…) of one unit tab the run writes `Điểm` / `Kiểm tra` into: its
   * XML is parsed whole to patch it. A unit tab has one row per criterion (≤ ~200 rows × 10
   * columns ≈ 6.000 elements); this is ten times that.
   */
  unitTabElements: 60_000,
  /**
   * Uncompressed bytes of one unit tab the run writes into (held as text, patched, re-encoded):
   * 200 rows of 1.000-character evidence are ~0,4 MB; hundreds of 32.767-character texts are
   * not a unit tab.
   */
  unitTabBytes: 4 * 1024 * 1024,
} as const;

export type LimitName = keyof typeof LIMITS;

/** The workbook is beyond one of LIMITS: refused as unusable, never read in part. */
export class LimitError extends Error {
  constructor(readonly limit: LimitName, readonly where = '') {
    super(`limit ${limit} (${LIMITS[limit]}) exceeded${where ? ` in ${where}` : ''}`);
    this.name = 'LimitError';
  }
}
