/** `So sánh`: M × A / B, B the largest A among the units for this criterion (B = 0 → 0). */
import { formatNumber } from '../format.js';
import { readNumber } from '../values/numbers.js';
import { needNonNegative, typedText, type Rule } from './rule.js';

export const compare: Rule<number> = {
  kind: 'ordinary',
  param: 'none',
  read: (input) =>
    needNonNegative(readNumber(input.actual), 'actual', input.report, typedText(input.actual), 'number'),
  points(a, all, max) {
    const best = Math.max(...all);
    return best === 0 ? 0 : (max * a) / best;
  },
  explain: (a, lang) => (lang === 'vi' ? `kết quả ${formatNumber(a, 'vi')}` : `result ${formatNumber(a, 'en')}`),
};
