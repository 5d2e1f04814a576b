/**
 * Reading `Bỏ phiếu` (MEETING.md): `Nội dung` | `Mã` | `Đồng ý` | `Phiếu hợp lệ`, one row
 * per unit voted on. A row that cannot be used is an error on its cell and is ignored;
 * the tab itself is optional (a version 1 workbook has none).
 */
import { BALLOT_HEADERS, ROLE, TAB } from '../../../sheets-schema/layout.js';
import type { TabSnapshot } from '../cell.js';
import type { IssueList } from '../issues.js';
import type { VoteKind } from '../model.js';
import { normalizeName } from '../text.js';
import { readNumber } from '../values/numbers.js';
import { cellAt, headerColumns, isBlank, textOf } from '../workbook/grid.js';

/** A usable row of `Bỏ phiếu`, before it is resolved. */
export interface BallotRow {
  /** 0-based row on `Bỏ phiếu`. */
  row: number;
  /** The label it matched, as `Cấu hình` spells it. */
  subject: string;
  kind: VoteKind;
  /** Unit code as `Đơn vị` spells it. */
  code: string;
  for: number;
  valid: number;
}

/** More ballots than any meeting casts: a typo, not a tally. */
const MAX_BALLOTS = 1_000_000;

export interface BallotSubjects {
  flagLabel: string;
  certificateLabel: string;
}

export function readBallot(tab: TabSnapshot | undefined, subjects: BallotSubjects, unitCodes: readonly string[], issues: IssueList): BallotRow[] {
  if (!tab) return [];
  const { cols, missing } = headerColumns(tab, BALLOT_HEADERS);
  const at = (row: number, col: number | null) => ({ unit: null, tab: TAB.ballot, row, col, criterion: null });
  if (missing.length) {
    for (const k of missing) {
      issues.error({ ...at(0, null), code: 'missing-header', params: { tab: TAB.ballot, header: BALLOT_HEADERS[k], hint: 'ballot-ignored' } });
    }
    return [];
  }
  const c = cols as Record<keyof typeof BALLOT_HEADERS, number>;
  const kinds: [string, VoteKind, string][] = [
    [normalizeName(subjects.flagLabel), 'flag', subjects.flagLabel],
    [normalizeName(subjects.certificateLabel), 'certificate', subjects.certificateLabel],
    [normalizeName(ROLE.head), 'head', ROLE.head],
    [normalizeName(ROLE.deputy), 'deputy', ROLE.deputy],
  ];
  const choices = kinds.map((k) => k[2]).join('; ');
  const codes = new Map(unitCodes.map((u) => [normalizeName(u), u]));
  const seen = new Map<string, number>();
  const out: BallotRow[] = [];

  for (let r = 1; r < tab.rows.length; r++) {
    const cells = [c.subject, c.code, c.for, c.valid].map((col) => cellAt(tab, r, col));
    if (cells.every(isBlank)) continue;
    let ok = true;

    const typedSubject = textOf(cells[0]!);
    const kind = kinds.find((k) => k[0] === normalizeName(typedSubject));
    if (!kind) {
      issues.error({ ...at(r, c.subject), code: 'unknown-subject', params: { typed: typedSubject, choices } });
      ok = false;
    }
    const typedCode = textOf(cells[1]!);
    const code = codes.get(normalizeName(typedCode));
    if (!code) {
      issues.error({ ...at(r, c.code), code: 'unknown-vote-unit', params: { typed: typedCode } });
      ok = false;
    }
    const count = (col: number, field: string, i: number): number | null => {
      const cell = cells[i]!;
      const typed = textOf(cell);
      const read = readNumber(cell);
      if (read.kind === 'empty') {
        issues.error({ ...at(r, col), code: 'bad-tally', params: { field, typed, problem: 'missing' } });
        return null;
      }
      if (read.kind === 'error' || !Number.isInteger(read.value) || read.value < 0 || read.value > MAX_BALLOTS) {
        issues.error({ ...at(r, col), code: 'bad-tally', params: { field, typed, problem: 'not-count' } });
        return null;
      }
      return read.value;
    };
    const agree = count(c.for, BALLOT_HEADERS.for, 2);
    const valid = count(c.valid, BALLOT_HEADERS.valid, 3);
    if (valid === 0) {
      issues.error({ ...at(r, c.valid), code: 'bad-tally', params: { field: BALLOT_HEADERS.valid, typed: '0', problem: 'zero-valid' } });
      ok = false;
    } else if (agree !== null && valid !== null && agree > valid) {
      issues.error({ ...at(r, c.for), code: 'bad-tally', params: { field: BALLOT_HEADERS.for, typed: String(agree), valid: String(valid), problem: 'above-valid' } });
      ok = false;
    }
    if (!ok || agree === null || valid === null || !kind || !code) continue;

    const key = `${kind[1]}\u0000${code}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.error({ ...at(r, c.code), code: 'duplicate-vote', params: { typed: code, subject: kind[2], row: String(first + 1) } });
      continue;
    }
    seen.set(key, r);
    out.push({ row: r, subject: kind[2], kind: kind[1], code, for: agree, valid });
  }
  return out;
}

/**
 * MEETING.md: a row passes when Đồng ý / Phiếu hợp lệ ≥ the threshold, or, without one,
 * when 2 × Đồng ý > Phiếu hợp lệ. Exact: the threshold is taken to a millionth and the
 * comparison is made in integers.
 */
export function passes(agree: number, valid: number, threshold: number | null): boolean {
  if (threshold === null) return 2 * agree > valid;
  const millionths = Math.round(threshold * 1_000_000);
  return agree * 1_000_000 >= millionths * valid;
}
