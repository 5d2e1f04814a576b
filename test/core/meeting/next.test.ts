import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../../functions/core/cell.js';
import { evaluate } from '../../../functions/core/evaluate.js';
import { nextRoles } from '../../../functions/core/meeting/next.js';
import { rotate } from '../../../functions/core/meeting/rotation.js';
import type { BallotRow } from '../../../functions/core/ballot/read.js';
import { createWorkbook } from '../../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../../functions/sheets/xlsx/read.js';
import { SAMPLE } from '../../../sheets-schema/sample.js';
import { withBallot } from '../../support/ballot.js';

const ORDER = ['MTTQ', 'HND', 'LDLD', 'CCB', 'HPN', 'TD'];
const role = (kind: 'head' | 'deputy', code: string, agree: number, valid = 6): BallotRow =>
  ({ row: 1, subject: kind === 'head' ? 'Cụm trưởng' : 'Cụm phó', kind, code, for: agree, valid });

describe('next year by rotation', () => {
  it('the provincial block: head HND and deputy MTTQ in 2023 → head MTTQ, deputy LDLD in 2024', () => {
    expect(rotate(ORDER, 'HND', 'MTTQ')).toEqual({ head: 'MTTQ', deputy: 'LDLD' });
  });

  it('wraps around the end of Đơn vị and skips this year\'s head', () => {
    expect(rotate(ORDER, 'MTTQ', 'TD')).toEqual({ head: 'TD', deputy: 'HND' });
    expect(rotate(ORDER, 'CCB', 'LDLD')).toEqual({ head: 'LDLD', deputy: 'HPN' });
    expect(rotate(['A', 'B'], 'A', 'B')).toEqual({ head: 'B', deputy: null });
  });

  it('proposes nobody when this year\'s head or deputy is unknown', () => {
    expect(rotate(ORDER, null, 'MTTQ')).toEqual({ head: null, deputy: null });
    expect(nextRoles(ORDER, 2023, null, null, [], null).next).toEqual({ year: 2024, head: null, deputy: null, by: null });
  });
});

describe('next year by vote', () => {
  it('the vote decides its role; rotation proposes the other', () => {
    const r = nextRoles(ORDER, 2023, 'HND', 'MTTQ', [role('head', 'CCB', 5), role('head', 'TD', 2)], null);
    expect(r.next).toEqual({ year: 2024, head: 'CCB', deputy: 'LDLD', by: 'vote' });
    expect([...r.outcomes.values()]).toEqual(['elected', 'not-passed']);
  });

  it('equals on Đồng ý vote again and nobody is elected; nobody passing, nobody elected', () => {
    const tie = nextRoles(ORDER, 2023, 'HND', 'MTTQ', [role('deputy', 'CCB', 4), role('deputy', 'TD', 4)], null);
    expect(tie.next).toEqual({ year: 2024, head: 'MTTQ', deputy: null, by: 'vote' });
    expect([...tie.outcomes.values()]).toEqual(['revote', 'revote']);
    const none = nextRoles(ORDER, 2023, 'HND', 'MTTQ', [role('head', 'CCB', 3)], null);
    expect(none.next.head).toBeNull();
  });

  it('next year\'s head is never its deputy', () => {
    const r = nextRoles(ORDER, 2023, 'HND', 'MTTQ', [role('head', 'CCB', 6), role('deputy', 'CCB', 6), role('deputy', 'TD', 4)], null);
    expect(r.next).toMatchObject({ head: 'CCB', deputy: 'TD' });
  });
});

describe('the 2023 provincial block of the bundled sample (MEETING.md worked case)', () => {
  let wb: WorkbookSnapshot;
  beforeAll(async () => {
    wb = readXlsx(await createWorkbook(SAMPLE), 'thi-dua-2023.xlsx');
  });

  it('proposes next year by rotation, as the block did: MTTQ head, LDLD deputy', () => {
    const ev = evaluate(wb).evaluation;
    expect(ev.settings).toMatchObject({ head: 'HND', deputy: 'MTTQ' });
    expect(ev.next).toEqual({ year: 2024, head: 'MTTQ', deputy: 'LDLD', by: 'rotation' });
  });

  it('the meeting\'s votes confirm the proposals: Cờ HND, Bằng khen LDLD and CCB', () => {
    const ev = evaluate(withBallot(wb, [
      ['Cờ thi đua của UBND tỉnh', 'HND', 6, 6],
      ['Bằng khen của Chủ tịch UBND tỉnh', 'LDLD', 5, 6],
      ['Bằng khen của Chủ tịch UBND tỉnh', 'CCB', 4, 6],
      ['Bằng khen của Chủ tịch UBND tỉnh', 'HPN', 2, 6],
      ['Cụm trưởng', 'MTTQ', 6, 6],
      ['Cụm phó', 'LDLD', 5, 6],
    ])).evaluation;
    // HPN (graded Tốt) was put on the ballot: warned on its row, and its votes do not count.
    expect(ev.issues.filter((i) => i.tab === 'Bỏ phiếu').map((i) => [i.cell, i.severity, i.code])).toEqual([['B5', 'warning', 'vote-ineligible']]);
    const by = Object.fromEntries(ev.units.map((u) => [u.code, u]));
    expect(by.HND!.award).toBe('Cờ thi đua của UBND tỉnh');
    expect(by.LDLD!.award).toBe('Bằng khen của Chủ tịch UBND tỉnh');
    expect(by.CCB!.award).toBe('Bằng khen của Chủ tịch UBND tỉnh');
    expect(by.HND!.voteResult).toBe('Cờ thi đua của UBND tỉnh: đạt 6/6 phiếu (100%)');
    expect(by.LDLD!.voteResult).toBe('Bằng khen của Chủ tịch UBND tỉnh: đạt 5/6 phiếu (83,33%); Cụm phó: đạt 5/6 phiếu (83,33%)');
    expect(by.HPN!.voteResult).toBe('Bằng khen của Chủ tịch UBND tỉnh: không đạt 2/6 phiếu (33,33%), không đủ điều kiện');
    expect(by.HPN!.award).toBeNull();
    expect(ev.next).toEqual({ year: 2024, head: 'MTTQ', deputy: 'LDLD', by: 'vote' });
  });
});
