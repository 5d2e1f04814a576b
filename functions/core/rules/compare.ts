/** `So sánh`: M × A / B, B the largest A among the units for this criterion (B = 0 → 0). */
import { formatNumber } from '../format.js';
import { readNumber } from '../values/numbers.js';
import { needNonNegative, oncePerList, typedText, type Rule } from './rule.js';

/** B: computed once per criterion (every unit's points share the same `all`). */
const largest = oncePerList((all: readonly number[]) => all.reduce((m, a) => Math.max(m, a), -Infinity));

export const compare: Rule<number> = {
  kind: 'ordinary',
  param: 'none',
  comparesUnits: true,
  read: (input) =>
    needNonNegative(readNumber(input.actual), 'actual', input.report, typedText(input.actual), 'number'),
  points(a, all, max) {
    const best = largest(all);
    return best === 0 ? 0 : (max * a) / best;
  },
  explain: (a, lang) => (lang === 'vi' ? `kết quả ${formatNumber(a, 'vi')}` : `result ${formatNumber(a, 'en')}`),
};
