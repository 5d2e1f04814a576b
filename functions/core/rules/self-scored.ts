/** `Tự chấm`: the given score S. */
import type { Rule } from './rule.js';
import { readGivenScore } from './given-score.js';

export const selfScored: Rule<number> = {
  kind: 'ordinary',
  param: 'none',
  read: (input) => readGivenScore(input, false),
  points: (s) => s,
};
