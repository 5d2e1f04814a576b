/**
 * What must hold for any cluster (fast-check): totals add up from the shown points,
 * order does not matter, improving never hurts, ranks and awards follow SCORING.md.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../functions/core/evaluate.js';
import type { Evaluation, UnitResult } from '../../functions/core/model.js';
import { snapshot, type ClusterSpec } from '../support/snapshot.js';

type Kind = 'ratio' | 'over' | 'compare' | 'pass' | 'count' | 'self' | 'bonus' | 'deduct';
const RULE_NAME: Record<Kind, string> = {
  ratio: 'Tỷ lệ', over: 'Vượt chỉ tiêu', compare: 'So sánh', pass: 'Đạt/Không đạt',
  count: 'Theo lần', self: 'Tự chấm', bonus: 'Thưởng', deduct: 'Trừ',
};

const criterion = fc.record({
  kind: fc.constantFrom<Kind>('ratio', 'over', 'compare', 'pass', 'count', 'self', 'bonus', 'deduct'),
  max: fc.integer({ min: 1, max: 40 }),
  param: fc.constantFrom(1, 2, 2.5, 5),
});

/** An input as typed: mostly valid numbers, sometimes empty or wrong. */
const number = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 5000 }).map(String) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom('abc', '-3', '12a') },
);

const clusterArb = fc
  .record({
    criteria: fc.array(criterion, { minLength: 1, maxLength: 6 }),
    units: fc.integer({ min: 2, max: 7 }),
    certificates: fc.integer({ min: 0, max: 3 }),
    cap: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  })
  .chain(({ criteria, units, certificates, cap }) =>
    fc
      .array(
        fc.array(fc.record({ target: fc.integer({ min: 1, max: 5000 }).map(String), actual: number, flag: fc.boolean(), self: fc.nat({ max: 50 }) }), {
          minLength: criteria.length,
          maxLength: criteria.length,
        }),
        { minLength: units, maxLength: units },
      )
      .map((inputs): ClusterSpec => ({
        settings: { 'Số Bằng khen': certificates, ...(cap === undefined ? {} : { 'Điểm thưởng tối đa': cap }), 'Mức Xuất sắc': '60%' },
        units: inputs.map((_, i) => ({ code: `U${i}` })),
        criteria: criteria.map((c, i) => ({ code: `1.${i + 1}`, max: c.max, rule: RULE_NAME[c.kind], param: c.param })),
        entries: Object.fromEntries(
          inputs.map((row, u) => [
            `U${u}`,
            Object.fromEntries(
              row.map((x, i) => {
                const kind = criteria[i]!.kind;
                const actual = kind === 'pass' ? (x.flag ? 'Đạt' : 'Không đạt') : x.actual;
                return [`1.${i + 1}`, { target: x.target, actual, self: String(Math.min(x.self, criteria[i]!.max)), evidence: 'QĐ 1/QĐ' }];
              }),
            ),
          ]),
        ),
      })),
  );

const run = (spec: ClusterSpec) => evaluate(snapshot(spec)).evaluation;
const byCode = (ev: Evaluation) => new Map(ev.units.map((u) => [u.code, u]));

describe('properties of scoring, ranking and awards', () => {
  it('the total equals the sum of the shown rounded points, capped bonus and deductions, never below 0', () => {
    fc.assert(
      fc.property(clusterArb, (spec) => {
        const ev = run(spec);
        const cap = ev.settings.bonusCap === null ? Infinity : ev.settings.bonusCap * 100;
        const kindOf = new Map(ev.criteria.map((c) => [c.code, c.rule]));
        for (const u of ev.units) {
          let ordinary = 0, bonus = 0, deduction = 0;
          for (const s of u.scores) {
            expect(Number.isInteger(s.points)).toBe(true);
            const k = kindOf.get(s.code);
            if (k === 'bonus') bonus += s.points;
            else if (k === 'deduction') deduction += s.points;
            else ordinary += s.points;
          }
          expect(u.total).toBe(Math.max(0, ordinary + Math.min(bonus, cap) - deduction));
          expect(Object.values(u.groups).reduce((a, b) => a + b, 0)).toBe(ordinary);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('re-ordering units, or a unit\'s rows, changes nothing', () => {
    fc.assert(
      fc.property(clusterArb, fc.nat(), (spec, seed) => {
        const before = run(spec);
        const shuffled = structuredClone(spec);
        shuffled.units = [...spec.units].sort((a, b) => ((a.code.charCodeAt(1) * 31 + seed) % 7) - ((b.code.charCodeAt(1) * 31 + seed) % 7));
        shuffled.criteria = [...spec.criteria].reverse();
        const after = run(shuffled);
        const a = byCode(after);
        for (const u of before.units) {
          const v = a.get(u.code)!;
          expect([v.rank, v.total, v.award, v.status]).toEqual([u.rank, u.total, u.award, u.status]);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a unit that improves one input never drops in rank', () => {
    fc.assert(
      fc.property(clusterArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 3000 }), (spec, unitPick, critPick, plus) => {
        const codes = spec.units.map((u) => u.code);
        const unit = codes[unitPick % codes.length]!;
        const crit = spec.criteria[critPick % spec.criteria.length]!;
        const entry = spec.entries[unit]![crit.code]!;
        const before = byCode(run(spec)).get(unit)!;
        const better = structuredClone(spec);
        const e = better.entries[unit]![crit.code]!;
        const now = Number(entry.actual);
        if (!/^\d+$/.test(String(entry.actual))) return; // improving an invalid value is not "one input better"
        if (crit.rule === 'Trừ') e.actual = String(Math.max(0, now - 1));
        else if (crit.rule === 'Đạt/Không đạt') e.actual = 'Đạt';
        else if (crit.rule === 'Tự chấm' || (crit.rule === 'Thưởng' && crit.param === undefined)) return;
        else e.actual = String(now + plus);
        const after = byCode(run(better)).get(unit)!;
        if (before.rank !== null && after.rank !== null) expect(after.rank).toBeLessThanOrEqual(before.rank);
        expect(after.total).toBeGreaterThanOrEqual(before.total);
      }),
      { numRuns: 150 },
    );
  });

  it('ranks and awards follow the rules', () => {
    fc.assert(
      fc.property(clusterArb, (spec) => {
        const ev = run(spec);
        checkRanking(ev.units);
        checkAwards(ev);
      }),
      { numRuns: 200 },
    );
  });
});

function checkRanking(units: UnitResult[]) {
  const ranked = units.filter((u) => u.rank !== null);
  const missing = units.filter((u) => u.rank === null);
  expect(units.slice(ranked.length)).toEqual(missing); // missing units last
  expect(missing.every((u) => u.status === 'missing')).toBe(true);
  ranked.forEach((u, i) => {
    if (i === 0) return expect(u.rank).toBe(1);
    const prev = ranked[i - 1]!;
    const tied = prev.total === u.total && prev.ordinary === u.ordinary && prev.deduction === u.deduction;
    // Competition ranking: equal units share a rank; the next rank skips.
    expect(u.rank).toBe(tied ? prev.rank : i + 1);
    // Ordered by total, then the larger ordinary sum, then the smaller deduction.
    const order = prev.total - u.total || prev.ordinary - u.ordinary || u.deduction - prev.deduction;
    expect(order).toBeGreaterThanOrEqual(0);
  });
}

function checkAwards(ev: Evaluation) {
  const s = ev.settings;
  const eligible = (u: UnitResult) => u.status === 'ok' && u.grade === 'Xuất sắc' && !u.noAward;
  const flags = ev.units.filter((u) => u.award === s.flagLabel);
  const certs = ev.units.filter((u) => u.award === s.certificateLabel);
  expect(flags.length).toBeLessThanOrEqual(1);
  expect(certs.length).toBeLessThanOrEqual(s.certificateCount);
  for (const u of ev.units) {
    if (u.award !== null) expect(eligible(u)).toBe(true);
    expect(u.awardReason.length).toBeGreaterThan(0); // everyone learns why
  }
  const best = ev.units.filter(eligible);
  if (best.length === 0) return expect(flags.length + certs.length).toBe(0);
  const topRank = best[0]!.rank;
  const top = best.filter((u) => u.rank === topRank);
  if (top.length === 1) expect(flags).toEqual([top[0]]);
  else expect(top.every((u) => u.award === 'Cần bỏ phiếu')).toBe(true);
  // Certificates go in rank order: nobody certified ranks below an eligible unit left out for no tie.
  for (const c of certs) {
    for (const u of best) {
      if (u.award === null) expect(u.rank!).toBeGreaterThan(c.rank!);
    }
  }
}
