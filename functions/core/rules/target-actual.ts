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
  // A target so near 0 that A / T overflows (5e-324) is as unusable as 0: it would score NaN.
  const zero = target !== null && (target === 0 || (actual !== null && !Number.isFinite(actual / target)));
  if (zero) input.report('target', 'target-not-positive', { typed: typedText(input.target) });
  if (target === null || actual === null || zero) return null;
  return { target, actual, ratio: actual / target };
}
