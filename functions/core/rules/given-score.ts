/** Reading a score a person gave (`Tự chấm`, or `Cụm chấm` when present): 0 ≤ S ≤ M. */
import { isNoValueText } from '../values/missing.js';
import { formatNumber } from '../format.js';
import { readNumber } from '../values/numbers.js';
import { givenScore, label, take, typedText, type RuleInput } from './rule.js';

export function readGivenScore(input: RuleInput, emptyIsZero: boolean): number | null {
  const { cell, field } = givenScore(input);
  const v = take(readNumber(cell), field, input.report);
  if (v === undefined) {
    if (emptyIsZero) return 0;
    input.report('self', 'missing-value', { field: 'Tự chấm', hint: 'score', max: formatNumber(input.max) });
    return null;
  }
  if (v === null) return null;
  if (v < 0) {
    input.report(field, 'negative', { typed: typedText(cell) });
    return null;
  }
  if (v > input.max) {
    input.report(field, 'self-score-above-max', { field: label(field), typed: formatNumber(v), max: formatNumber(input.max) });
    return null;
  }
  if (v > 0 && isNoValueText(input.evidence)) {
    input.report('evidence', 'no-evidence', { points: formatNumber(v), field: label(field) }, 'warning');
  }
  return v;
}
