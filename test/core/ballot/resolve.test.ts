import { describe, expect, it } from 'vitest';
import { resolveAwards, type Contender } from '../../../functions/core/ballot/resolve.js';
import type { BallotRow } from '../../../functions/core/ballot/read.js';

const FLAG = 'Cờ thi đua';
const CERT = 'Bằng khen';
const S: { flagLabel: string; certificateLabel: string; certificateCount: number; voteThreshold: number | null } = {
  flagLabel: FLAG, certificateLabel: CERT, certificateCount: 2, voteThreshold: null,
};

/** Units in rank order; all eligible unless told. */
const unit = (code: string, rank: number, proposal: string | null, over: Partial<Contender> = {}): Contender => ({
  code, name: `Đơn vị ${code}`, rank, status: 'ok', grade: 'Xuất sắc', noAward: null, proposal, reason: `lý do ${code}`, ...over,
});
let row = 0;
const vote = (kind: 'flag' | 'certificate', code: string, agree: number, valid = 9): BallotRow =>
  ({ row: ++row, subject: kind === 'flag' ? FLAG : CERT, kind, code, for: agree, valid });

const awardsOf = (units: Contender[], rows: BallotRow[], s = S) =>
  Object.fromEntries([...resolveAwards(units, rows, s, 'vi').awards].map(([k, v]) => [k, v.award]));
const outcomes = (units: Contender[], rows: BallotRow[], s = S) =>
  resolveAwards(units, rows, s, 'vi').rows.map((r) => `${r.kind}:${r.code}:${r.outcome}:${r.passed}`);

const CLUSTER = [unit('A', 1, FLAG), unit('B', 2, CERT), unit('C', 3, CERT), unit('D', 4, null), unit('E', 5, null, { grade: 'Tốt' })];

describe('resolving the awards after the vote (MEETING.md)', () => {
  it('keeps the proposals of SCORING.md for a form without rows', () => {
    expect(awardsOf(CLUSTER, [])).toEqual({ A: FLAG, B: CERT, C: CERT, D: null, E: null });
  });

  it('gives the flag to the passing candidate with the most Đồng ý, then the better rank', () => {
    const rows = [vote('flag', 'A', 7), vote('flag', 'B', 8)];
    expect(awardsOf(CLUSTER, rows)).toMatchObject({ A: null, B: FLAG });
    expect(awardsOf(CLUSTER, [vote('flag', 'A', 8), vote('flag', 'B', 8)])).toMatchObject({ A: FLAG, B: CERT });
  });

  it('puts units equal in votes and rank to a new vote: nobody receives the flag', () => {
    const tied = [unit('A', 1, 'Cần bỏ phiếu'), unit('B', 1, 'Cần bỏ phiếu'), unit('C', 3, CERT)];
    const rows = [vote('flag', 'A', 6), vote('flag', 'B', 6)];
    expect(awardsOf(tied, rows)).toEqual({ A: 'Cần bỏ phiếu lại', B: 'Cần bỏ phiếu lại', C: CERT });
    expect(outcomes(tied, rows)).toEqual(['flag:A:revote:true', 'flag:B:revote:true']);
    // One more vote for B settles it.
    expect(awardsOf(tied, [vote('flag', 'A', 6), vote('flag', 'B', 7)])).toEqual({ A: null, B: FLAG, C: CERT });
  });

  it('a unit tied for the flag keeps the Bằng khen it was proposed for; only the flag is voted again', () => {
    const units = [unit('A', 1, FLAG), unit('B', 2, CERT), unit('C', 2, CERT)];
    const rows = [vote('flag', 'B', 6), vote('flag', 'C', 6)];
    expect(awardsOf(units, rows)).toEqual({ A: null, B: CERT, C: CERT });
    expect(outcomes(units, rows)).toEqual(['flag:B:revote:true', 'flag:C:revote:true']);
  });

  it('warns about an ineligible candidate and never gives it the form', () => {
    const r = resolveAwards(CLUSTER, [vote('flag', 'E', 9), vote('flag', 'A', 5)], S, 'vi');
    expect(r.ineligible.map((x) => x.row.code)).toEqual(['E']);
    expect(r.awards.get('E')!.award).toBeNull();
    expect(r.awards.get('A')!.award).toBe(FLAG);
  });

  it('a candidate that did not pass gets nothing of that form, and may keep the other', () => {
    const r = resolveAwards(CLUSTER, [vote('flag', 'A', 4), vote('flag', 'B', 4)], S, 'vi');
    expect(r.awards.get('A')).toEqual({ award: null, reason: 'Không đạt số phiếu đề nghị Cờ thi đua: 4/9 phiếu (44,44%)' });
    expect(r.awards.get('B')!.award).toBe(CERT); // its Bằng khen proposal stands: that form had no vote
    expect(r.rows.map((x) => x.outcome)).toEqual(['not-passed', 'not-passed']);
  });

  it('a unit without a row for a voted form does not receive it', () => {
    expect(awardsOf(CLUSTER, [vote('flag', 'B', 8)])).toMatchObject({ A: null, B: FLAG });
    expect(awardsOf(CLUSTER, [vote('certificate', 'C', 8)])).toMatchObject({ A: FLAG, B: null, C: CERT });
  });

  it('the flag winner gives up its Bằng khen; the place is not passed on without a vote', () => {
    expect(awardsOf(CLUSTER, [vote('flag', 'B', 9)])).toEqual({ A: null, B: FLAG, C: CERT, D: null, E: null });
  });

  it('Bằng khen: by Đồng ý, then rank, up to Số Bằng khen, the flag holder excluded', () => {
    const rows = [vote('certificate', 'A', 9), vote('certificate', 'D', 9), vote('certificate', 'C', 8), vote('certificate', 'B', 7)];
    expect(awardsOf(CLUSTER, rows)).toEqual({ A: FLAG, B: null, C: CERT, D: CERT, E: null });
    expect(outcomes(CLUSTER, rows)).toEqual([
      'certificate:A:no-place:true', 'certificate:D:awarded:true', 'certificate:C:awarded:true', 'certificate:B:no-place:true',
    ]);
  });

  it('Bằng khen: equals at the last place that do not all fit vote again; the place stays open', () => {
    const units = [unit('A', 1, FLAG), unit('B', 2, CERT), unit('C', 3, CERT), unit('D', 3, null)];
    const rows = [vote('certificate', 'B', 9), vote('certificate', 'C', 7), vote('certificate', 'D', 7)];
    expect(awardsOf(units, rows)).toEqual({ A: FLAG, B: CERT, C: 'Cần bỏ phiếu lại', D: 'Cần bỏ phiếu lại' });
  });

  it('uses Tỷ lệ phiếu tối thiểu when set: 6/9 fails at 70%, passes at more than half', () => {
    const rows = [vote('flag', 'A', 6)];
    expect(awardsOf(CLUSTER, rows, { ...S, voteThreshold: 0.7 }).A).toBeNull();
    expect(awardsOf(CLUSTER, rows).A).toBe(FLAG);
  });
});
