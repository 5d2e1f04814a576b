import type { SheetEdits, WorkbookSnapshot } from '../core/cell.js';

/**
 * The workbook port. Two real adapters: an `.xlsx` file (sheets/xlsx/) and a Google
 * Sheet (sheets/google/). A run calls `read` once and `write` at most once.
 */
export interface WorkbookPort {
  /** One batched read of every tab. `version` names exactly the content that was read. */
  read(): Promise<{ snapshot: WorkbookSnapshot; version: string }>;
  /**
   * One atomic write of `edits`. Where the backend can tell, it refuses with
   * `WorkbookChangedError` if the workbook is no longer at `version` (a person saved in
   * between): the caller then starts the run again on the new content. Returns the
   * version the workbook has after the write (so a watcher can tell our own save from a
   * person's), or '' where the backend cannot tell cheaply.
   */
  write(edits: SheetEdits, version: string): Promise<string>;
  /** A cheap "did it change" look (file stat, Drive `version`), without reading the content. */
  version(): Promise<string>;
  /**
   * Where the backend can tell (Drive): the version and whether its last change was made by
   * the account asking, i.e. by one of our own writes. One call, like `version()`.
   */
  lastChange?(): Promise<{ version: string; ours: boolean }>;
  /**
   * A write will follow the read just started (a run): where the write waits for something
   * that does not depend on the read (Sheets' write quota token, a ledger transaction), it
   * may start waiting now, while the read is out.
   */
  prepareWrite?(): void;
}

export class WorkbookChangedError extends Error {
  constructor() {
    super('the workbook changed between read and write');
    this.name = 'WorkbookChangedError';
  }
}

/**
 * The workbook is open in an application that locks it (Excel on Windows refuses the
 * replace with EBUSY/EPERM, and leaves its owner file `~$name.xlsx` beside it): nothing
 * was written; the run's results wait until the file is closed.
 */
export class WorkbookOpenError extends Error {
  constructor(readonly path: string) {
    super(`the workbook ${path} is open in another program`);
    this.name = 'WorkbookOpenError';
  }
}

export { WorkbookUnusableError, type UnusableReason } from '../core/unusable.js';
