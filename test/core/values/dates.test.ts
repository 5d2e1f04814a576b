import { describe, expect, it } from 'vitest';
import { readDate, daysBetween } from '../../../functions/core/values/dates.js';

const s = (v: string) => ({ t: 's' as const, v });

describe('reading dates, day first (NUMBERS.md)', () => {
  it.each([
    ['05/01/2024', '2024-01-05'],
    ['5/1/2024', '2024-01-05'],
    ['05-01-2024', '2024-01-05'],
    ['05.01.2024', '2024-01-05'],
    ['03/04/2024', '2024-04-03'],
    ['ngày 05 tháng 01 năm 2024', '2024-01-05'],
    ['Ngày 5 tháng 1 năm 2024', '2024-01-05'],
    ['29/02/2024', '2024-02-29'],
    ['15/12/2023 14:30', '2023-12-15'],
  ])('"%s" → %s', (typed, iso) => {
    expect(readDate(s(typed))).toEqual({ kind: 'value', value: iso });
  });

  it('a date cell is its calendar day', () => {
    expect(readDate({ t: 'd', v: '2024-01-08' })).toEqual({ kind: 'value', value: '2024-01-08' });
  });

  it.each([
    ['31/02/2024', 'impossible-date'],
    ['29/02/2023', 'impossible-date'],
    ['00/01/2024', 'impossible-date'],
    ['05/13/2024', 'impossible-date'],
    ['05/01/24', 'two-digit-year'],
    ['2024-01-05', 'not-a-date'],
    ['hôm qua', 'not-a-date'],
  ])('"%s" is an error (%s)', (typed, code) => {
    const r = readDate(s(typed));
    expect(r.kind === 'error' && r.code).toBe(code);
  });

  it('a plain number is not a date', () => {
    expect(readDate({ t: 'n', v: 45000 }).kind).toBe('error');
  });

  it('counts calendar days', () => {
    expect(daysBetween('2024-01-05', '2024-01-08')).toBe(3);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-01-08', '2024-01-05')).toBe(-3);
  });
});
