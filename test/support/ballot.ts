/** A `Bỏ phiếu` tab for core tests, typed as a secretary types it. */
import type { TabSnapshot, WorkbookSnapshot } from '../../functions/core/cell.js';
import { BALLOT_HEADERS, TAB } from '../../sheets-schema/layout.js';
import { cell, type Typed } from './snapshot.js';

export type BallotLine = [Typed, Typed, Typed, Typed];

export function ballotTab(lines: BallotLine[], header: string[] = Object.values(BALLOT_HEADERS)): TabSnapshot {
  return { name: TAB.ballot, rows: [header.map((h) => cell(h)), ...lines.map((l) => l.map((v) => cell(v)))] };
}

/** The workbook with its `Bỏ phiếu` replaced by `lines`. */
export function withBallot(wb: WorkbookSnapshot, lines: BallotLine[]): WorkbookSnapshot {
  return { ...wb, tabs: [...wb.tabs.filter((t) => t.name !== TAB.ballot), ballotTab(lines)] };
}
