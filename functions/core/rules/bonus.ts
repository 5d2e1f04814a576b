/**
 * `Thưởng`: with a Tham số, a count × p (as `Theo lần`); without, the given score S.
 * Empty means no bonus. The unit's bonus total is capped by `Điểm thưởng tối đa`.
 */
import { isNoValueText } from '../values/missing.js';
import { formatNumber } from '../format.js';
import type { Rule } from './rule.js';
import { readCount } from './count.js';
import { readGivenScore } from './given-score.js';

export const bonus: Rule<number> = {
  kind: 'bonus',
  param: 'optional',
  read(input) {
    if (input.param === null) return readGivenScore(input, true);
    const n = readCount(input, true);
    if (n !== null && n > 0 && isNoValueText(input.evidence)) {
      input.report('evidence', 'no-evidence', { points: formatNumber(Math.min(n * input.param, input.max)), field: 'Thưởng' }, 'warning');
    }
    return n === null ? null : Math.min(n * input.param, input.max);
  },
  points: (v) => v,
};
