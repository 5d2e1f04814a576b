/**
 * `Vượt chỉ tiêu`: half the points for meeting the target, the other half shared out by
 * how far a unit exceeds it, relative to the unit that exceeds most (which gets M).
 */
import { formatPercent } from '../format.js';
import { oncePerList, type Rule } from './rule.js';
import { readTargetActual, type TargetActual } from './target-actual.js';

/** The largest excess over target: computed once per criterion (every unit's points share the same `all`). */
const largestExcess = oncePerList((all: readonly TargetActual[]) => all.reduce((m, x) => Math.max(m, x.ratio - 1), -Infinity));

export const overTarget: Rule<TargetActual> = {
  kind: 'ordinary',
  param: 'none',
  comparesUnits: true,
  read: readTargetActual,
  points(r, all, max) {
    if (r.ratio < 1) return 0.5 * max * r.ratio;
    if (r.ratio === 1) return 0.5 * max;
    return 0.5 * max + (0.5 * max * (r.ratio - 1)) / largestExcess(all);
  },
  explain: (r, lang) => (lang === 'vi' ? `đạt ${formatPercent(r.ratio, 'vi')} chỉ tiêu` : `${formatPercent(r.ratio, 'en')} of target`),
};
