/** Reading a count (`Theo lần`, `Thưởng` with a Tham số, `Trừ`): a whole number ≥ 0. */
import { readNumber } from '../values/numbers.js';
import { take, typedText, type RuleInput } from './rule.js';

/** The count; `emptyIsZero` for bonus and deduction, where empty means none. */
export function readCount(input: RuleInput, emptyIsZero: boolean): number | null {
  const v = take(readNumber(input.actual), 'actual', input.report);
  if (v === undefined) {
    if (emptyIsZero) return 0;
    input.report('actual', 'missing-value', { field: 'Thực hiện', hint: 'count' });
    return null;
  }
  if (v === null) return null;
  if (v < 0) {
    input.report('actual', 'negative', { typed: typedText(input.actual) });
    return null;
  }
  if (!Number.isInteger(v)) {
    input.report('actual', 'not-integer', { typed: typedText(input.actual) });
    return null;
  }
  return v;
}
