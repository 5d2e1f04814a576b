import { describe, expect, it } from 'vitest';
import { serialToDate } from '../../../functions/sheets/xlsx/dates.js';

describe('serialToDate', () => {
  it('counts the 1900 system as spreadsheets do, including its 29 February 1900', () => {
    expect(serialToDate(1, false)).toBe('1900-01-01');
    expect(serialToDate(59, false)).toBe('1900-02-28');
    expect(serialToDate(60, false)).toBe('1900-02-29');
    expect(serialToDate(61, false)).toBe('1900-03-01');
    expect(serialToDate(45292, false)).toBe('2024-01-01');
    expect(serialToDate(2958465, false)).toBe('9999-12-31');
  });

  it('counts the 1904 system from 1904-01-01', () => {
    expect(serialToDate(0, true)).toBe('1904-01-01');
    expect(serialToDate(43830, true)).toBe('2024-01-01');
  });

  it('ignores the time of day, rounding away float noise at midnight', () => {
    expect(serialToDate(45292.999, false)).toBe('2024-01-01');
    expect(serialToDate(45293 - 1e-10, false)).toBe('2024-01-02');
  });

  it('gives null for what cannot be a day', () => {
    expect(serialToDate(-1, false)).toBeNull();
    expect(serialToDate(Number.NaN, false)).toBeNull();
    expect(serialToDate(1e9, false)).toBeNull();
  });
});
