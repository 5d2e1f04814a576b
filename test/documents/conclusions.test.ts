import { describe, expect, it } from 'vitest';
import { NEEDS_VOTE, REVOTE } from '../../sheets-schema/layout.js';
import { conclusions, proposed, revote } from '../../functions/documents/conclusions.js';
import type { DocumentFacts, UnitFacts } from '../../functions/documents/facts.js';

const unit = (code: string, rank: number, total: number, award: string | null, votes: UnitFacts['votes'] = []): UnitFacts => ({
  code, name: `Đơn vị ${code}`, status: 'ok', rank, groups: {}, bonus: 0, deduction: 0, total, grade: 'Xuất sắc',
  proposal: award, award, votes, voteResult: null, errors: 0,
});

const facts = (units: UnitFacts[]): DocumentFacts => ({
  cluster: 'Cụm thi đua số 3', word: 'Cụm', year: 2024, period: 'Cả năm', scale: 100, bonusCap: null, place: null,
  recipient: 'Hội đồng', bases: [], flagLabel: 'Cờ', certificateLabel: 'Bằng khen', lockedAt: null, groups: [], criteria: [],
  thresholds: { excellent: 0.9, good: 0.7, pass: 0.5 }, units, head: null, deputy: null,
  next: { year: 2025, head: null, deputy: null, by: null },
});

describe('conclusions of the meeting', () => {
  it('lists the flag first, then the Bằng khen in rank order, with the share of the passing tally', () => {
    const f = facts([
      unit('A', 1, 9700, 'Bằng khen'),
      unit('B', 2, 9550, 'Cờ', [{ subject: 'Cờ', kind: 'flag', for: 7, valid: 9, passed: true, outcome: 'awarded' }]),
      unit('C', 3, 9100, 'Bằng khen'),
      unit('D', 4, 9000, null, [{ subject: 'Cờ', kind: 'flag', for: 2, valid: 9, passed: false, outcome: 'not-passed' }]),
    ]);
    expect(proposed(f).map((p) => [p.form, p.unit.code, p.tally?.for ?? null])).toEqual([['Cờ', 'B', 7], ['Bằng khen', 'A', null], ['Bằng khen', 'C', null]]);
    expect(conclusions(f)).toEqual([
      'Hội nghị thống nhất đề nghị khen thưởng các đơn vị sau:',
      '- Cờ: Đơn vị B (hạng 2, 95,5 điểm, đạt 7/9 phiếu (77,78%)).',
      '- Bằng khen: Đơn vị A (hạng 1, 97 điểm); Đơn vị C (hạng 3, 91 điểm).',
    ]);
  });

  it('names the units to vote on again, and says when nobody is proposed', () => {
    const f = facts([unit('A', 1, 9700, NEEDS_VOTE), unit('B', 1, 9700, REVOTE)]);
    expect(revote(f).map((u) => u.code)).toEqual(['A', 'B']);
    expect(conclusions(f)).toEqual([
      'Không có đơn vị đủ điều kiện và đạt số phiếu để đề nghị khen thưởng.',
      '- Cần bỏ phiếu lại: Đơn vị A; Đơn vị B.',
    ]);
  });
});
