/** `Đạt/Không đạt`: yes → M, no → 0. */
import { readYesNo } from '../values/yesno.js';
import { take, type Rule } from './rule.js';

export const passFail: Rule<boolean> = {
  kind: 'ordinary',
  param: 'none',
  read(input) {
    const v = take(readYesNo(input.actual), 'actual', input.report);
    if (v === undefined) {
      input.report('actual', 'missing-value', { field: 'Thực hiện', hint: 'yes-no' });
      return null;
    }
    return v;
  },
  points: (yes, _all, max) => (yes ? max : 0),
  explain: (yes, lang) => (lang === 'vi' ? (yes ? 'đạt' : 'không đạt') : yes ? 'achieved' : 'not achieved'),
};
