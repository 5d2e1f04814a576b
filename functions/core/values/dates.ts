/**
 * Dates, day first always (NUMBERS.md): `03/04/2024` is the 3rd of April. Impossible
 * days and two-digit years are errors, never re-interpreted. Result: the day as the
 * number yyyymmdd (a `Day`), formatted only when shown — an ISO string per date read, sliced
 * again to count the days late, was most of a `Đúng hạn` result's bytes.
 */
import type { Cell } from '../cell.js';
import { nfc } from '../text.js';
import { appendDigits, endOfDigits } from './digits.js';
import { isNoValueText } from './missing.js';
import { EMPTY, fail, spreadsheetError, type ReadResult } from './result.js';

/** Years a cluster's dates can fall in; outside, the day was mistyped ("20/12/0023"). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const NUMERIC = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d+)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const ADMINISTRATIVE = /^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d+)$/iu;

/** A calendar day as the number yyyymmdd: 15/12/2023 is 20231215. */
export type Day = number;

/** A date as 'yyyy-mm-dd' (the settings' `Hạn nộp`). */
export function readDate(c: Cell): ReadResult<string> {
  const r = readDay(c);
  return r.kind === 'value' ? { kind: 'value', value: isoDay(r.value) } : r;
}

export function readDay(c: Cell): ReadResult<Day> {
  if (c === null) return EMPTY;
  switch (c.t) {
    case 'd':
      return checkIsoDay(c.v);
    case 'e':
      return spreadsheetError(c);
    case 'n':
    case 'b':
      return fail('not-a-date', String(c.v));
    case 's':
      return readDateText(c.v);
  }
}

export function readDateText(raw: string): ReadResult<Day> {
  const typed = nfc(raw).trim();
  if (isNoValueText(typed)) return EMPTY;
  if (typed.length > 100) return fail('too-long', typed.slice(0, 20) + '…');
  const usual = usualDay(typed);
  if (usual) return checkDay(usual[2], usual[1], usual[0], typed);
  const m = NUMERIC.exec(typed);
  const a = m ? null : ADMINISTRATIVE.exec(typed);
  const parts = m ? [m[1], m[3], m[4]] : a ? [a[1], a[2], a[3]] : null;
  if (!parts) return fail('not-a-date', typed);
  const [d, mo, y] = parts.map(Number) as [number, number, number];
  if (parts[2]!.length !== 4) return fail('two-digit-year', typed);
  return checkDay(y, mo, d, typed);
}

function checkDay(y: number, mo: number, d: number, typed: string): ReadResult<Day> {
  if (y < MIN_YEAR || y > MAX_YEAR) return fail('year-out-of-range', typed, { year: String(y) });
  if (!isRealDay(y, mo, d)) return fail('impossible-date', typed);
  return { kind: 'value', value: y * 10000 + mo * 100 + d };
}

/**
 * "15/12/2023" (or with `.` or `-`, one or two digits for day and month, four for the
 * year), the usual way, as [day, month, year] — what NUMERIC gives, read by index
 * (its match arrays were most of a date's cost); null for any other form.
 */
function usualDay(s: string): [number, number, number] | null {
  const dayEnd = endOfDigits(s, 0, 2);
  const sep = s.charCodeAt(dayEnd);
  if (dayEnd === 0 || (sep !== 47 /* / */ && sep !== 46 /* . */ && sep !== 45 /* - */)) return null;
  const monthEnd = endOfDigits(s, dayEnd + 1, 2);
  if (monthEnd === dayEnd + 1 || s.charCodeAt(monthEnd) !== sep) return null;
  const yearEnd = endOfDigits(s, monthEnd + 1, 4);
  if (yearEnd - monthEnd - 1 !== 4 || yearEnd !== s.length) return null;
  return [appendDigits(0, s, 0, dayEnd), appendDigits(0, s, dayEnd + 1, monthEnd), appendDigits(0, s, monthEnd + 1, yearEnd)];
}

/** A date cell's day as the spreadsheet stored it ('yyyy-mm-dd'), checked like typed text. */
function checkIsoDay(v: string): ReadResult<Day> {
  const m = ISO_DAY.exec(v);
  if (!m) return fail('not-a-date', v.slice(0, 40));
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const shown = `${m[3]}/${m[2]}/${m[1]}`;
  if (y < MIN_YEAR || y > MAX_YEAR) return fail('year-out-of-range', shown, { year: String(y) });
  if (!isRealDay(y, mo, d)) return fail('impossible-date', shown);
  return { kind: 'value', value: y * 10000 + mo * 100 + d };
}

export function isRealDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (d <= 28) return true; // every month has 28 days: no Date needed
  // Date.UTC reads years 0–99 as 1900–1999: set the full year explicitly.
  const last = new Date(Date.UTC(2000, m, 0));
  last.setUTCFullYear(y, m, 0);
  return d <= last.getUTCDate();
}

/** Calendar days from `a` to `b` (both 'yyyy-mm-dd'); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** 20231215 → '2023-12-15'. */
export function isoDay(day: Day): string {
  const m = Math.floor(day / 100) % 100, d = day % 100;
  return `${Math.floor(day / 10000)}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Calendar days from `a` to `b` (both `Day`s); positive when b is later. */
export function daysFrom(a: Day, b: Day): number {
  const t = (x: Day) => Date.UTC(Math.floor(x / 10000), (Math.floor(x / 100) % 100) - 1, x % 100);
  return Math.round((t(b) - t(a)) / 86_400_000);
}
