/** Shared reading for the rules that compare `Thực hiện` with a `Chỉ tiêu` > 0. */
import { readNumber } from '../values/numbers.js';
import { needNonNegative, typedText, type RuleInput } from './rule.js';

export interface TargetActual {
  target: number;
  actual: number;
  /** A / T */
  ratio: number;
}

export function readTargetActual(input: RuleInput): TargetActual | null {
  const target = needNonNegative(readNumber(input.target), 'target', input.report, typedText(input.target), '');
  const actual = needNonNegative(
    readNumber(input.actual),
    'actual',
    input.report,
    typedText(input.actual),
    'number',
  );
  if (target === 0) input.report('target', 'target-not-positive', { typed: typedText(input.target) });
  if (target === null || actual === null || target === 0) return null;
  return { target, actual, ratio: actual / target };
}
