/** Each rule of SCORING.md on small clusters typed as staff would. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../functions/core/evaluate.js';
import { snapshot, type ClusterSpec } from '../support/snapshot.js';

type Entry = ClusterSpec['entries'][string][string];

/** One criterion, one entry per unit; returns each unit's points and the issues. */
function score(criterion: ClusterSpec['criteria'][number], entries: Entry[], settings: ClusterSpec['settings'] = {}) {
  const units = entries.map((_, i) => ({ code: `U${i + 1}` }));
  const spec: ClusterSpec = {
    settings,
    units,
    criteria: [{ ...criterion, code: '1.1' }, { code: '1.2', max: 1, rule: 'Đạt/Không đạt' }],
    entries: Object.fromEntries(units.map((u, i) => [u.code, { '1.1': entries[i]!, '1.2': { actual: 'Đạt' } }])),
  };
  const { evaluation } = evaluate(snapshot(spec));
  const byCode = new Map(evaluation.units.map((u) => [u.code, u]));
  return {
    points: units.map((u) => byCode.get(u.code)!.scores.find((s) => s.code === '1.1')!.points / 100),
    units: units.map((u) => byCode.get(u.code)!),
    issues: evaluation.issues,
  };
}

describe('Tỷ lệ', () => {
  it('M × min(A/T, 1)', () => {
    expect(score({ code: '', max: 40, rule: 'Tỷ lệ' }, [{ target: '200', actual: '150' }, { target: '100', actual: '113' }]).points).toEqual([30, 40]);
  });
  it('a target of 0 is an error and scores 0', () => {
    const r = score({ code: '', max: 40, rule: 'tỷ lệ ' }, [{ target: '0', actual: '5' }]);
    expect(r.points).toEqual([0]);
    expect(r.issues[0]).toMatchObject({ cell: 'D2', code: 'target-not-positive', severity: 'error' });
  });
  it('an empty target is missing data on the Chỉ tiêu cell', () => {
    const r = score({ code: '', max: 40, rule: 'Tỉ lệ' }, [{ actual: '5' }]);
    expect(r.issues[0]).toMatchObject({ cell: 'D2', code: 'missing-target' });
  });
});

describe('So sánh', () => {
  it('M × A / B with B the largest; B = 0 gives 0 to all', () => {
    expect(score({ code: '', max: 10, rule: 'So sánh' }, [{ actual: '50' }, { actual: '200' }, { actual: '0' }]).points).toEqual([2.5, 10, 0]);
    expect(score({ code: '', max: 10, rule: 'So sánh' }, [{ actual: '0' }, { actual: '0' }]).points).toEqual([0, 0]);
  });
  it('only looks at valid values: a typo does not become the best', () => {
    const r = score({ code: '', max: 10, rule: 'So sánh' }, [{ actual: '50' }, { actual: '100' }, { actual: 'khoảng 9.999.999' }]);
    expect(r.points).toEqual([5, 10, 0]);
  });
});

describe('Vượt chỉ tiêu', () => {
  it('exactly on target is half the points; below is proportional', () => {
    expect(score({ code: '', max: 30, rule: 'Vượt chỉ tiêu' }, [{ target: '80', actual: '80' }, { target: '80', actual: '60' }]).points).toEqual([15, 11.25]);
  });
});

describe('Theo lần', () => {
  it('min(A × p, M); a fractional count is an error', () => {
    const r = score({ code: '', max: 10, rule: 'Theo lần', param: '2,5' }, [{ actual: '3' }, { actual: '7' }, { actual: '1,5' }]);
    expect(r.points).toEqual([7.5, 10, 0]);
    expect(r.issues.map((i) => i.code)).toEqual(['not-integer']);
  });
  it('without a Tham số, the criterion is an error for everyone', () => {
    const r = score({ code: '', max: 10, rule: 'Theo lần' }, [{ actual: '3' }]);
    expect(r.points).toEqual([0]);
    expect(r.issues[0]).toMatchObject({ tab: 'Tiêu chí', cell: 'E2', code: 'missing-param' });
  });
});

describe('Tự chấm and Cụm chấm', () => {
  it('S between 0 and M; Cụm chấm replaces Tự chấm', () => {
    const r = score({ code: '', max: 10, rule: 'Tự chấm' }, [{ self: '9,5', evidence: 'QĐ 12' }, { self: '10', review: '8', evidence: 'QĐ 13' }]);
    expect(r.points).toEqual([9.5, 8]);
  });
  it('a dash or blank in Cụm chấm is no value: the Tự chấm applies, with no issue on either cell', () => {
    for (const review of ['-', '—', '–', ' ']) {
      const r = score({ code: '', max: 10, rule: 'Tự chấm' }, [{ self: '9', review, evidence: 'QĐ 12' }]);
      expect(r.points).toEqual([9]);
      expect(r.issues).toEqual([]);
    }
  });
  it('a dash in an input a rule needs is missing data, not zero', () => {
    const r = score({ code: '', max: 40, rule: 'Tỷ lệ' }, [{ target: '100', actual: '—' }, { target: '100', actual: '50' }]);
    expect(r.points).toEqual([0, 20]);
    expect(r.issues[0]).toMatchObject({ cell: 'E2', code: 'missing-value', severity: 'error' });
    const y = score({ code: '', max: 10, rule: 'Đạt/Không đạt' }, [{ actual: '–' }, { actual: 'Đạt' }]);
    expect(y.issues[0]).toMatchObject({ cell: 'E2', code: 'missing-value', severity: 'error' });
  });
  it('S above M is an error naming both', () => {
    const r = score({ code: '', max: 10, rule: 'Tự chấm' }, [{ self: '12', evidence: 'x' }]);
    expect(r.points).toEqual([0]);
    expect(r.issues[0]!.message).toBe('Ô F2 (tiêu chí 1.1): Điểm Tự chấm 12 lớn hơn điểm chuẩn 10. Hãy nhập từ 0 đến 10');
  });
  it('points claimed without evidence are used, with a warning on Minh chứng', () => {
    const r = score({ code: '', max: 10, rule: 'Tự chấm' }, [{ self: '7' }]);
    expect(r.points).toEqual([7]);
    expect(r.issues[0]).toMatchObject({ cell: 'G2', code: 'no-evidence', severity: 'warning' });
    expect(r.units[0]!.status).toBe('ok');
  });
});

describe('Đúng hạn', () => {
  it('M − p × days late, not below 0; p defaults to M', () => {
    const r = score({ code: '', max: 10, rule: 'Đúng hạn', param: 2 }, [
      { target: '15/12/2023', actual: '15/12/2023' },
      { target: '15/12/2023', actual: '18/12/2023' },
      { target: '15/12/2023', actual: 'ngày 30 tháng 12 năm 2023' },
      { target: '15/12/2023', actual: '01/12/2023' },
    ]);
    expect(r.points).toEqual([10, 4, 0, 10]);
    expect(score({ code: '', max: 5, rule: 'Đúng hạn' }, [{ target: '31/01/2023', actual: '01/02/2023' }]).points).toEqual([0]);
  });
});

describe('Thưởng and Trừ', () => {
  it('bonus is capped per unit by Điểm thưởng tối đa; deductions subtract', () => {
    const spec: ClusterSpec = {
      settings: { 'Điểm thưởng tối đa': 3 },
      units: [{ code: 'A' }],
      criteria: [
        { code: '1.1', max: 10, rule: 'Đạt/Không đạt' },
        { code: '2.1', max: 5, rule: 'Thưởng', param: 1 },
        { code: '2.2', max: 5, rule: 'Thưởng' },
        { code: '2.3', max: 10, rule: 'Trừ', param: 4 },
      ],
      entries: { A: { '1.1': { actual: 'Đạt' }, '2.1': { actual: '2', evidence: 'QĐ' }, '2.2': { self: '2', evidence: 'QĐ' }, '2.3': { actual: '1' } } },
    };
    const a = evaluate(snapshot(spec)).evaluation.units[0]!;
    expect([a.ordinary, a.bonus, a.deduction, a.total]).toEqual([1000, 300, 400, 900]);
  });
  it('empty means none, not missing data', () => {
    const r = score({ code: '', max: 10, rule: 'Trừ', param: 5 }, [{}]);
    expect(r.points).toEqual([0]);
    expect(r.issues).toEqual([]);
  });
  it('the total never goes below 0', () => {
    const spec: ClusterSpec = {
      units: [{ code: 'A' }],
      criteria: [{ code: '1.1', max: 2, rule: 'Đạt/Không đạt' }, { code: '1.2', max: 10, rule: 'Trừ', param: 5 }],
      entries: { A: { '1.1': { actual: 'Đạt' }, '1.2': { actual: '2' } } },
    };
    expect(evaluate(snapshot(spec)).evaluation.units[0]!.total).toBe(0);
  });
});

describe('rounding', () => {
  it('each criterion once, to 2 decimals, half away from zero', () => {
    // 10 × 1/3 = 3,333… → 3,33; 10 × 2/3 = 6,666… → 6,67; 0,5 × 30 × 0,75 = 11,25 exactly
    expect(score({ code: '', max: 10, rule: 'Tỷ lệ' }, [{ target: '3', actual: '1' }, { target: '3', actual: '2' }]).points).toEqual([3.33, 6.67]);
    expect(score({ code: '', max: 1, rule: 'Tỷ lệ' }, [{ target: '200', actual: '1' }]).points).toEqual([0.01]); // 0,005 → 0,01
  });
  it('never invents cents on large values: 5.197.808.000 stays …000,00', () => {
    const r = score({ code: '', max: '5.197.808.000', rule: 'Tự chấm' } as never, [{ self: '5.197.808.000', evidence: 'x' }]);
    expect(r.points).toEqual([5_197_808_000]);
  });
  it('a value whose hundredths cannot be exact is an error "số quá lớn" on its cell', () => {
    const r = score({ code: '', max: 10, rule: 'So sánh' }, [{ actual: '95.000 tỷ' }, { actual: '5' }]);
    expect(r.issues[0]).toMatchObject({ cell: 'E2', code: 'number-too-large', severity: 'error' });
    expect(r.issues[0]!.message).toContain('số quá lớn');
    expect(r.points).toEqual([0, 10]);
  });
});

describe('grades at the thresholds', () => {
  it('≥ 70 % of the scale is Tốt, just below is Hoàn thành', () => {
    const grade = (pts: string) => {
      const spec: ClusterSpec = { settings: { 'Thang điểm': 100 }, units: [{ code: 'A' }], criteria: [{ code: '1.1', max: 100, rule: 'Tự chấm' }], entries: { A: { '1.1': { self: pts, evidence: 'x' } } } };
      return evaluate(snapshot(spec)).evaluation.units[0]!.grade;
    };
    expect([grade('90'), grade('89,99'), grade('70'), grade('69,99'), grade('50'), grade('49,99')]).toEqual(['Xuất sắc', 'Tốt', 'Tốt', 'Hoàn thành', 'Hoàn thành', 'Chưa hoàn thành']);
  });
});
