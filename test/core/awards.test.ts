/** Award proposals and ties (SCORING.md): the software proposes, the meeting votes when it is close. */
import { describe, expect, it } from 'vitest';
import { proposeAwards, type AwardCandidate } from '../../functions/core/awards.js';

const S = { flagLabel: 'Cờ thi đua', certificateLabel: 'Bằng khen', certificateCount: 2 };
const unit = (code: string, rank: number | null, extra: Partial<AwardCandidate> = {}): AwardCandidate => ({
  code, name: `Đơn vị ${code}`, rank, status: 'ok', grade: 'Xuất sắc', noAward: null, errorCount: 0, ...extra,
});
const awards = (units: AwardCandidate[], s = S) => Object.fromEntries([...proposeAwards(units, s, 'vi')].map(([k, v]) => [k, v.award]));

describe('award proposals', () => {
  it('flag to the leader, certificates to the next in rank order', () => {
    expect(awards([unit('A', 1), unit('B', 2), unit('C', 3), unit('D', 4)])).toEqual({ A: 'Cờ thi đua', B: 'Bằng khen', C: 'Bằng khen', D: null });
  });

  it('a tie for the flag: nobody gets it, each is marked for a vote', () => {
    expect(awards([unit('A', 1), unit('B', 1), unit('C', 3)])).toEqual({ A: 'Cần bỏ phiếu', B: 'Cần bỏ phiếu', C: 'Bằng khen' });
  });

  it('a tie that does not fit the places left: all to a vote, places stay open', () => {
    expect(awards([unit('A', 1), unit('B', 2), unit('C', 3), unit('D', 3), unit('E', 5)])).toEqual({
      A: 'Cờ thi đua', B: 'Bằng khen', C: 'Cần bỏ phiếu', D: 'Cần bỏ phiếu', E: null,
    });
  });

  it('ineligible units are skipped and told which condition failed', () => {
    const out = proposeAwards(
      [unit('A', 1, { noAward: 'đang bị thanh tra' }), unit('B', 2, { grade: 'Tốt' }), unit('C', 3, { status: 'issues', errorCount: 2 }), unit('D', 4), unit('E', null, { status: 'missing', grade: null })],
      S,
      'vi',
    );
    expect(out.get('A')).toEqual({ award: null, reason: 'không xét khen thưởng: đang bị thanh tra' });
    expect(out.get('B')!.reason).toBe('xếp loại Tốt, chưa đạt Xuất sắc');
    expect(out.get('C')!.reason).toContain('còn 2 lỗi');
    expect(out.get('D')!.award).toBe('Cờ thi đua');
    expect(out.get('E')!.reason).toBe('chưa nộp số liệu');
  });

  it('eligible units beyond the places learn that no place was left', () => {
    const out = proposeAwards([unit('A', 1), unit('B', 2), unit('C', 3), unit('D', 4)], { ...S, certificateCount: 1 }, 'vi');
    expect(out.get('C')!.award).toBeNull();
    expect(out.get('C')!.reason).toContain('hết suất');
  });
});
