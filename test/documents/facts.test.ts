import { describe, expect, it } from 'vitest';
import { factsFromEvaluation } from '../../functions/documents/facts.js';
import { CERT, FLAG, meetingEvaluation } from '../support/meeting-sample.js';

describe('factsFromEvaluation', () => {
  it('carries the meeting of the 2023 provincial block: roles, place, tallies, next year by rotation', async () => {
    const f = factsFromEvaluation(await meetingEvaluation());
    expect(f.cluster).toBe('Khối thi đua các tổ chức chính trị - xã hội tỉnh');
    expect(f.word).toBe('Khối');
    expect([f.year, f.head, f.deputy, f.place]).toEqual([2023, 'HND', 'MTTQ', 'Phú Yên']);
    expect(f.recipient).toBe('Hội đồng Thi đua - Khen thưởng tỉnh');
    expect(f.bases).toEqual(['Luật Thi đua, khen thưởng số 06/2022/QH15', 'Nghị định số 152/2025/NĐ-CP']);
    expect(f.next).toEqual({ year: 2024, head: 'MTTQ', deputy: 'LDLD', by: 'rotation' });
    expect(f.lockedAt).toBeNull();
    const hnd = f.units[0]!;
    expect([hnd.code, hnd.rank, hnd.total, hnd.award]).toEqual(['HND', 1, 9441, FLAG]);
    expect(hnd.votes).toEqual([expect.objectContaining({ kind: 'flag', for: 8, valid: 9, passed: true, outcome: 'awarded' })]);
    expect(f.units.filter((u) => u.award === CERT).map((u) => u.code)).toEqual(['LDLD', 'CCB']);
  });

  it('says Cụm for a cluster that does not call itself Khối', async () => {
    const f = factsFromEvaluation(await meetingEvaluation({ settings: [['Tên cụm', 'Cụm thi đua số 3']] }));
    expect(f.word).toBe('Cụm');
  });

  it('keeps the proposal before the vote apart from the award after it', async () => {
    // Liên đoàn Lao động does not reach half the ballots: it keeps its proposal, not the award.
    const f = factsFromEvaluation(await meetingEvaluation({ ballot: [[FLAG, 'HND', 8, 9], [CERT, 'LDLD', 4, 9], [CERT, 'CCB', 6, 9]] }));
    const ldld = f.units.find((u) => u.code === 'LDLD')!;
    expect(ldld.proposal).toBe(CERT);
    expect(ldld.award).toBeNull();
    expect(ldld.voteResult).toContain('không đạt 4/9 phiếu (44,44%)');
  });
});
