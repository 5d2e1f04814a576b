/** `Theo lần`: min(A × p, M). */
import type { Rule } from './rule.js';
import { readCount } from './count.js';

export const perOccurrence: Rule<number> = {
  kind: 'ordinary',
  param: 'required',
  read: (input) => readCount(input, false),
  points: (n, _all, max, p) => Math.min(n * (p ?? 0), max),
  explain: (n, lang) => (lang === 'vi' ? `${n} lần` : `${n} times`),
};
