/** `Trừ`: a deduction of min(A × p, M). Empty means none. */
import type { Rule } from './rule.js';
import { readCount } from './count.js';

export const deduction: Rule<number> = {
  kind: 'deduction',
  param: 'required',
  read: (input) => readCount(input, true),
  points: (n, _all, max, p) => Math.min(n * (p ?? 0), max),
  explain: (n, lang) => (lang === 'vi' ? `${n} lần vi phạm` : `${n} occurrences`),
};
