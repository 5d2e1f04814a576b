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
    ['20/12/0023', 'year-out-of-range'],
    ['01/01/1899', 'year-out-of-range'],
    ['01/01/2101', 'year-out-of-range'],
  ])('"%s" is an error (%s)', (typed, code) => {
    const r = readDate(s(typed));
    expect(r.kind === 'error' && r.code).toBe(code);
  });

  it('a date cell holding an impossible day, a year outside 1900–2100 or no date at all is an error on the cell', () => {
    const code = (v: string) => { const r = readDate({ t: 'd', v }); return r.kind === 'error' ? r.code : r.kind; };
    expect(code('2023-02-30')).toBe('impossible-date');
    expect(code('0023-12-20')).toBe('year-out-of-range');
    expect(code('9999-12-31')).toBe('year-out-of-range');
    expect(code('hôm qua')).toBe('not-a-date');
    expect(code('2024-02-29')).toBe('value');
  });

  it('dashes and blanks are no value', () => {
    for (const v of ['-', '–', '—', '  ', ' - ']) expect(readDate(s(v)).kind).toBe('empty');
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
