/**
 * `Vượt chỉ tiêu`: half the points for meeting the target, the other half shared out by
 * how far a unit exceeds it, relative to the unit that exceeds most (which gets M).
 */
import { formatPercent } from '../format.js';
import type { Rule } from './rule.js';
import { readTargetActual, type TargetActual } from './target-actual.js';

export const overTarget: Rule<TargetActual> = {
  kind: 'ordinary',
  param: 'none',
  read: readTargetActual,
  points(r, all, max) {
    if (r.ratio < 1) return 0.5 * max * r.ratio;
    if (r.ratio === 1) return 0.5 * max;
    const largestExcess = Math.max(...all.map((x) => x.ratio - 1));
    return 0.5 * max + (0.5 * max * (r.ratio - 1)) / largestExcess;
  },
  explain: (r, lang) => (lang === 'vi' ? `đạt ${formatPercent(r.ratio, 'vi')} chỉ tiêu` : `${formatPercent(r.ratio, 'en')} of target`),
};
