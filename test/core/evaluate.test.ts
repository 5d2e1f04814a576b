import { describe, expect, it } from 'vitest';
import { evaluate } from '../../functions/core/evaluate.js';
import { WorkbookUnusableError } from '../../functions/core/unusable.js';
import { snapshot, type ClusterSpec } from '../support/snapshot.js';
import { WORKED } from '../support/worked-example.js';

describe('SCORING.md worked example', () => {
  const { evaluation } = evaluate(snapshot(WORKED));
  const byCode = Object.fromEntries(evaluation.units.map((u) => [u.code, u]));
  const points = (u: string) => Object.fromEntries(byCode[u]!.scores.map((s) => [s.code, s.points / 100]));

  it('scores 1.2 relative to the unit that exceeds most', () => {
    expect(points('A')['1.2']).toBe(30);
    expect(points('B')['1.2']).toBe(19.73);
    expect(points('C')['1.2']).toBe(11.25);
  });

  it('totals, grades, ranks and the flag', () => {
    expect(evaluation.units.map((u) => [u.code, u.rank, u.total / 100, u.grade, u.award])).toEqual([
      ['A', 1, 97.5, 'Xuất sắc', 'Cờ thi đua'],
      ['B', 2, 74.73, 'Tốt', null],
      ['C', 3, 51.25, 'Hoàn thành', null],
    ]);
  });

  it('gives the reason B gets nothing: its grade', () => {
    expect(byCode.B!.awardReason).toContain('xếp loại Tốt');
  });

  it('subtotals per top-level group add up to the total with bonus and deduction', () => {
    const b = byCode.B!;
    expect(b.groups).toEqual({ '1': 4973, '2': 3000 });
    expect(b.deduction).toBe(500);
    expect(b.groups['1']! + b.groups['2']! + b.bonus - b.deduction).toBe(b.total);
    expect(evaluation.groups.map((g) => g.code)).toEqual(['1', '2']);
  });

  it('has no issues', () => {
    expect(evaluation.issues).toEqual([]);
    expect(evaluation.units.every((u) => u.status === 'ok')).toBe(true);
  });
});

describe('the workbook as staff leave it', () => {
  it('a missing required tab makes the workbook unusable', () => {
    const wb = snapshot(WORKED);
    wb.tabs = wb.tabs.filter((t) => t.name !== 'Tiêu chí');
    expect(() => evaluate(wb)).toThrow(WorkbookUnusableError);
    try {
      evaluate(wb);
    } catch (e) {
      expect((e as WorkbookUnusableError).reason).toEqual({ code: 'missing-tab', tab: 'Tiêu chí' });
    }
  });

  it('a missing required header makes the workbook unusable', () => {
    const wb = snapshot(WORKED);
    wb.tabs.find((t) => t.name === 'Tiêu chí')!.rows[0]![3] = { t: 's', v: 'Công thức' };
    expect(() => evaluate(wb)).toThrowError(/Cách tính/);
  });

  it('NFD-spelled tab names and headers, in another case and with spaces, read the same', () => {
    const wb = snapshot(WORKED);
    for (const t of wb.tabs) {
      t.name = ` ${t.name.normalize('NFD').toUpperCase()} `;
      t.rows[0] = t.rows[0]!.map((c) => (c && c.t === 's' ? { t: 's', v: c.v.normalize('NFD').toLowerCase() + ' ' } : c));
    }
    const { evaluation } = evaluate(wb);
    expect(evaluation.units.map((u) => u.total)).toEqual([9750, 7473, 5125]);
  });

  it('re-ordered rows and columns of a unit tab score the same', () => {
    const wb = snapshot(WORKED);
    const b = wb.tabs.find((t) => t.name === 'B')!;
    const [header, ...rows] = b.rows;
    const perm = [4, 0, 9, 3, 1, 2, 8, 5, 7, 6];
    b.rows = [header!, ...rows.reverse()].map((r) => perm.map((i) => r[i] ?? null));
    expect(evaluate(wb).evaluation.units.find((u) => u.code === 'B')!.total).toBe(7473);
  });

  it('a unit with an empty tab or no tab is missing: no rank, no issues, listed last', () => {
    const spec: ClusterSpec = {
      ...WORKED,
      units: [{ code: 'Z' }, ...WORKED.units, { code: 'Y' }],
      entries: { ...WORKED.entries, Z: {} },
    };
    const { evaluation } = evaluate(snapshot(spec));
    expect(evaluation.units.map((u) => [u.code, u.rank, u.status])).toEqual([
      ['A', 1, 'ok'], ['B', 2, 'ok'], ['C', 3, 'ok'], ['Z', null, 'missing'], ['Y', null, 'missing'],
    ]);
    expect(evaluation.issues).toEqual([]);
  });

  it('names the cell, the criterion and what to type instead', () => {
    const spec = structuredClone(WORKED);
    spec.entries.B!['1.2']!.actual = 'abc';
    const { evaluation } = evaluate(snapshot(spec));
    const b = evaluation.units.find((u) => u.code === 'B')!;
    expect(b.status).toBe('issues');
    expect(b.scores.find((s) => s.code === '1.2')!.points).toBe(0);
    expect(evaluation.issues).toEqual([
      {
        unit: 'B', tab: 'B', cell: 'E3', criterion: '1.2', severity: 'error', code: 'not-a-number',
        message: 'Ô E3 (tiêu chí 1.2): "abc" không phải là số. Hãy nhập số, ví dụ 1.250 hoặc 12,5 (dấu chấm ngăn cách hàng nghìn, dấu phẩy là dấu thập phân)',
      },
    ]);
    // The cross-unit rule only looks at valid values: A still leads 1.2, C unchanged.
    expect(evaluation.units.find((u) => u.code === 'C')!.scores.find((s) => s.code === '1.2')!.points).toBe(1125);
  });

  it('English messages when Ngôn ngữ is en', () => {
    const spec = structuredClone(WORKED);
    spec.settings = { ...spec.settings, 'Ngôn ngữ': 'en' };
    spec.entries.B!['2.1']!.actual = 'maybe';
    const { evaluation } = evaluate(snapshot(spec));
    expect(evaluation.issues[0]!.message).toMatch(/^Cell E4 \(criterion 2\.1\): "maybe" is not yes\/no/);
  });

  it('settings errors say what to type, in the workbook\'s language', () => {
    const spec = structuredClone(WORKED);
    spec.settings = { ...spec.settings, 'Năm': 'năm nay' };
    expect(evaluate(snapshot(spec)).evaluation.issues[0]!.message).toBe('Tab Cấu hình, ô B3: Năm: "năm nay" không dùng được. Hãy nhập năm, ví dụ 2024');
    spec.settings = { ...spec.settings, 'Ngôn ngữ': 'en' };
    expect(evaluate(snapshot(spec)).evaluation.issues[0]!.message).toBe('Tab Cấu hình, cell B3: Năm: "năm nay" cannot be used. Enter the year, e.g. 2024');
  });

  it('an unknown rule is an error on its Tiêu chí row and scores 0 for everyone', () => {
    const spec = structuredClone(WORKED);
    spec.criteria[1]!.rule = 'Theo cảm tính';
    const { evaluation } = evaluate(snapshot(spec));
    expect(evaluation.issues[0]).toMatchObject({ unit: null, tab: 'Tiêu chí', cell: 'D3', criterion: '1.1', severity: 'error', code: 'unknown-rule' });
    expect(evaluation.units.every((u) => u.scores.find((s) => s.code === '1.1')!.points === 0)).toBe(true);
    // Units are not blamed for the cluster's error.
    expect(evaluation.units.every((u) => u.status === 'ok')).toBe(true);
  });
});
