/** `Tỷ lệ`: M × min(A / T, 1). */
import { formatPercent } from '../format.js';
import type { Rule } from './rule.js';
import { readTargetActual, type TargetActual } from './target-actual.js';

export const ratio: Rule<TargetActual> = {
  kind: 'ordinary',
  param: 'none',
  read: readTargetActual,
  points: (r, _all, max) => max * Math.min(r.ratio, 1),
  explain: (r, lang) => (lang === 'vi' ? `đạt ${formatPercent(r.ratio, 'vi')} chỉ tiêu` : `${formatPercent(r.ratio, 'en')} of target`),
};
