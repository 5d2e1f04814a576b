/** `Đúng hạn`: T = due date, A = done date; max(0, M − p × days late), p defaulting to M. */
import { formatDay } from '../format.js';
import { daysFrom, readDay, type Day } from '../values/dates.js';
import { take, type Field, type Rule, type RuleInput } from './rule.js';

export interface Dates {
  due: Day;
  done: Day;
  daysLate: number;
}

function need(input: RuleInput, field: Field, hint: string): Day | null {
  const v = take(readDay(field === 'target' ? input.target : input.actual), field, input.report);
  if (v === undefined) {
    input.report(field, 'missing-value', { field: field === 'target' ? 'Chỉ tiêu (hạn)' : 'Thực hiện (ngày hoàn thành)', hint });
    return null;
  }
  return v;
}

export const onTime: Rule<Dates> = {
  kind: 'ordinary',
  param: 'optional',
  read(input) {
    const due = need(input, 'target', 'date');
    const done = need(input, 'actual', 'date');
    if (due === null || done === null) return null;
    return { due, done, daysLate: Math.max(0, daysFrom(due, done)) };
  },
  points: (r, _all, max, p) => Math.max(0, max - (p ?? max) * r.daysLate),
  explain: (r, lang) =>
    r.daysLate === 0
      ? lang === 'vi' ? `đúng hạn (${formatDay(r.done)})` : `on time (${formatDay(r.done)})`
      : lang === 'vi' ? `chậm ${r.daysLate} ngày (hạn ${formatDay(r.due)})` : `${r.daysLate} days late (due ${formatDay(r.due)})`,
};
