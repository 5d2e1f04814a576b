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
   * between): the caller then starts the run again on the new content.
   */
  write(edits: SheetEdits, version: string): Promise<void>;
  /** A cheap "did it change" look (file stat, Drive `version`), without reading the content. */
  version(): Promise<string>;
}

export class WorkbookChangedError extends Error {
  constructor() {
    super('the workbook changed between read and write');
    this.name = 'WorkbookChangedError';
  }
}

export type UnusableReason =
  | { code: 'not-found'; path: string }
  | { code: 'not-a-workbook'; path: string; detail?: string }
  | { code: 'missing-tab'; tab: string }
  | { code: 'missing-header'; tab: string; header: string };

/** The workbook cannot be used at all: the run writes nothing and exits 2. */
export class WorkbookUnusableError extends Error {
  constructor(readonly reason: UnusableReason) {
    super(`workbook unusable: ${JSON.stringify(reason)}`);
    this.name = 'WorkbookUnusableError';
  }
}
