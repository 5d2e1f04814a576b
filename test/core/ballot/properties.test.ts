/**
 * What must hold for any vote (fast-check, MEETING.md): a unit that gains a vote never
 * loses its award; the flag goes to at most one unit; never more Bằng khen than places;
 * an ineligible unit never receives a form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeAwards } from '../../../functions/core/awards.js';
import type { BallotRow } from '../../../functions/core/ballot/read.js';
import { isEligible, resolveAwards, type Contender } from '../../../functions/core/ballot/resolve.js';
import type { UnitStatus } from '../../../functions/core/model.js';

const FLAG = 'Cờ thi đua';
const CERT = 'Bằng khen';

interface Case {
  units: Contender[];
  rows: BallotRow[];
  s: { flagLabel: string; certificateLabel: string; certificateCount: number; voteThreshold: number | null };
}

/** Units in rank order (ties share a rank), proposals by SCORING.md, and any ballot over them. */
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    units: fc.array(fc.record({
      tiedWithPrevious: fc.boolean(),
      status: fc.constantFrom<UnitStatus>('ok', 'ok', 'ok', 'issues'),
      excellent: fc.boolean(),
      noAward: fc.option(fc.constant('đang bị thanh tra'), { nil: null, freq: 4 }),
    }), { minLength: 1, maxLength: 8 }),
    certificateCount: fc.integer({ min: 0, max: 3 }),
    threshold: fc.option(fc.constantFrom(0.5, 2 / 3, 0.7, 1), { nil: null }),
    valid: fc.integer({ min: 1, max: 15 }),
  })
  .chain(({ units, certificateCount, threshold, valid }) => {
    let rank = 0;
    const contenders = units.map((u, i) => {
      if (i === 0 || !u.tiedWithPrevious) rank = i + 1;
      return {
        code: `U${i}`, name: `Đơn vị ${i}`, rank, status: u.status, grade: u.excellent ? 'Xuất sắc' : 'Tốt', noAward: u.noAward,
        errorCount: u.status === 'issues' ? 1 : 0,
      };
    });
    const s = { flagLabel: FLAG, certificateLabel: CERT, certificateCount, voteThreshold: threshold };
    const proposals = proposeAwards(contenders, s, 'vi');
    const withProposals: Contender[] = contenders.map((c) => ({ ...c, proposal: proposals.get(c.code)!.award, reason: proposals.get(c.code)!.reason }));
    const row = fc.record({
      kind: fc.constantFrom<'flag' | 'certificate'>('flag', 'certificate'),
      unit: fc.integer({ min: 0, max: contenders.length - 1 }),
      for: fc.integer({ min: 0, max: valid }),
    });
    return fc.array(row, { maxLength: 10 }).map((raw) => {
      const seen = new Set<string>();
      const rows: BallotRow[] = [];
      raw.forEach((r, i) => {
        const key = `${r.kind}/${r.unit}`;
        if (seen.has(key)) return; // one row per unit and form, as reading Bỏ phiếu guarantees
        seen.add(key);
        rows.push({ row: i + 1, subject: r.kind === 'flag' ? FLAG : CERT, kind: r.kind, code: `U${r.unit}`, for: r.for, valid });
      });
      return { units: withProposals, rows, s };
    });
  });

const resolve = (c: Case) => resolveAwards(c.units, c.rows, c.s, 'vi').awards;

describe('the vote, for any cluster and any tally', () => {
  it('gives the flag to at most one unit', () => {
    fc.assert(fc.property(caseArb, (c) => {
      expect([...resolve(c).values()].filter((a) => a.award === FLAG).length).toBeLessThanOrEqual(1);
    }), { numRuns: 500 });
  });

  it('never gives more Bằng khen than Số Bằng khen', () => {
    fc.assert(fc.property(caseArb, (c) => {
      expect([...resolve(c).values()].filter((a) => a.award === CERT).length).toBeLessThanOrEqual(c.s.certificateCount);
    }), { numRuns: 500 });
  });

  it('never gives a form to an ineligible unit', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const awards = resolve(c);
      for (const u of c.units) {
        if (!isEligible(u)) expect([FLAG, CERT]).not.toContain(awards.get(u.code)!.award);
      }
    }), { numRuns: 500 });
  });

  it('a unit that gains a vote never loses its award (the flag stays the flag)', () => {
    fc.assert(fc.property(caseArb, fc.nat(), (c, pick) => {
      const gainable = c.rows.filter((r) => r.for < r.valid);
      fc.pre(gainable.length > 0);
      const target = gainable[pick % gainable.length]!;
      const before = resolve(c).get(target.code)!.award;
      const after = resolve({ ...c, rows: c.rows.map((r) => (r === target ? { ...r, for: r.for + 1 } : r)) }).get(target.code)!.award;
      if (before === FLAG) expect(after).toBe(FLAG);
      if (before === CERT) expect([FLAG, CERT]).toContain(after);
    }), { numRuns: 1000 });
  });

  it('changes nothing for a form without rows: its SCORING.md proposals stand (bar the flag winner\'s own)', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const flagOnly = { ...c, rows: c.rows.filter((r) => r.kind === 'flag') };
      const awards = resolve(flagOnly);
      const winner = [...awards].find(([, a]) => a.award === FLAG)?.[0];
      for (const u of c.units) {
        if (u.proposal === CERT && u.code !== winner) expect(awards.get(u.code)!.award).toBe(CERT);
      }
    }), { numRuns: 500 });
  });
});
