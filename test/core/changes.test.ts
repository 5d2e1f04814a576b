/** What `Nhật ký` says changed between two runs. */
import { describe, expect, it } from 'vitest';
import { describeChanges, inputsOf } from '../../functions/core/changes.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { snapshot, type ClusterSpec } from '../support/snapshot.js';

const spec = (actual: string): ClusterSpec => ({
  units: [{ code: 'LDLD' }, { code: 'HND' }],
  criteria: [{ code: '1.2', max: 30, rule: 'So sánh' }],
  entries: { LDLD: { '1.2': { actual } }, HND: { '1.2': { actual: '5 tỷ' } } },
});
const inputs = (actual: string) => inputsOf(evaluate(snapshot(spec(actual))).evaluation);

describe('changes since the previous run', () => {
  it('names the unit, the criterion, the column, and the values as typed', () => {
    expect(describeChanges(inputs('20 tỷ'), inputs('24,4 tỷ'), 'vi')).toEqual(['LDLD: 1.2 Thực hiện 20 tỷ → 24,4 tỷ']);
  });
  it('says when a value was emptied or first entered', () => {
    expect(describeChanges(inputs('20 tỷ'), inputs(''), 'vi')).toEqual(['LDLD: 1.2 Thực hiện 20 tỷ → (trống)']);
    expect(describeChanges(inputs(''), inputs('3'), 'en')).toEqual(['LDLD: 1.2 Thực hiện (empty) → 3']);
  });
  it('nothing changed, nothing said; a long list is cut with a count', () => {
    expect(describeChanges(inputs('7'), inputs('7'), 'vi')).toEqual([]);
    const many: ClusterSpec = { units: [{ code: 'A' }], criteria: Array.from({ length: 40 }, (_, i) => ({ code: `1.${i + 1}`, max: 1, rule: 'Theo lần', param: 1 })), entries: { A: {} } };
    const before = inputsOf(evaluate(snapshot(many)).evaluation);
    many.entries.A = Object.fromEntries(many.criteria.map((c) => [c.code, { actual: '1' }]));
    const after = inputsOf(evaluate(snapshot(many)).evaluation);
    const lines = describeChanges(before, after, 'vi', 30);
    expect(lines).toHaveLength(31);
    expect(lines.at(-1)).toBe('… và 10 thay đổi khác');
  });
});
