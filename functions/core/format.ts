/**
 * Numbers and dates as people read them: vi-VN uses `,` for decimals and `.` for
 * thousands ("1.250,5"; "163,42%"; "15/12/2023"). English uses the opposite marks.
 */
import type { Cents, Lang } from './model.js';

function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** A number with at most `maxDecimals`, trailing zeros dropped: 97.5 → "97,5", 1250 → "1.250". */
export function formatNumber(n: number, lang: Lang = 'vi', maxDecimals = 2): string {
  // Whole numbers (most typed figures and points): what toFixed would give, without it
  // and the split and regexes below — the core formats a few per unit × criterion.
  if (Number.isSafeInteger(n)) {
    const digits = String(Math.abs(n));
    return (n < 0 ? '-' : '') + (digits.length > 3 ? group(digits, lang === 'vi' ? '.' : ',') : digits);
  }
  // The rest by index, not split, regex and array pairs: a few per unit × criterion too.
  const neg = n < 0;
  const fixed = Math.abs(n).toFixed(maxDecimals);
  const dot = fixed.indexOf('.');
  const i = dot < 0 ? fixed : fixed.slice(0, dot);
  let end = fixed.length;
  if (dot >= 0) while (end > dot + 1 && fixed.charCodeAt(end - 1) === 48 /* '0' */) end--;
  const d = dot < 0 ? '' : fixed.slice(dot + 1, end);
  const vi = lang === 'vi';
  return (neg ? '-' : '') + (i.length > 3 ? group(i, vi ? '.' : ',') : i) + (d ? (vi ? ',' : '.') + d : '');
}

/** Points from cents: 9750 → "97,5". */
export function formatPoints(c: Cents, lang: Lang = 'vi'): string {
  return formatNumber(c / 100, lang, 2);
}

/** A fraction as a percentage: 1.6342 → "163,42%". */
export function formatPercent(fraction: number, lang: Lang = 'vi', maxDecimals = 2): string {
  return formatNumber(fraction * 100, lang, maxDecimals) + '%';
}

/** 'yyyy-mm-dd' → "15/12/2023" (both languages: day first is what the users write). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** A `Day` (yyyymmdd, values/dates.ts) → "15/12/2023", as formatDate shows its ISO form. */
export function formatDay(day: number): string {
  const d = day % 100, m = Math.floor(day / 100) % 100;
  return `${d < 10 ? '0' : ''}${d}/${m < 10 ? '0' : ''}${m}/${Math.floor(day / 10000)}`;
}

/** Việt Nam has kept UTC+7 since 13/06/1975 00:00 (then UTC+8), in the tz database. */
const VIETNAM_SINCE = Date.UTC(1975, 5, 12, 16, 0);
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A point in time → "15/12/2023 14:05" in the cluster's time zone (Asia/Ho_Chi_Minh). */
export function formatDateTime(epochMs: number, timeZone = 'Asia/Ho_Chi_Minh'): string {
  // Việt Nam's time by arithmetic: the first Intl.DateTimeFormat of a process costs ~12 ms
  // (ICU's time-zone data), a twentieth of a re-run. Same text as Intl's (test/core/format.test.ts).
  if (timeZone === 'Asia/Ho_Chi_Minh' && epochMs >= VIETNAM_SINCE && epochMs < 8.64e15 - 25_200_000) {
    const d = new Date(epochMs + 25_200_000);
    return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  }
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(epochMs));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** Cents → a plain JSON number rounded to 2 decimals. */
export function centsToNumber(c: Cents): number {
  return Math.round(c) / 100;
}

/**
 * A point in time as a spreadsheet date-time number (days since 1899-12-30, the time of
 * day as the fraction) in Việt Nam's time, which has no daylight saving (UTC+7).
 */
export function dateTimeSerial(epochMs: number, offsetMinutes = 420): number {
  const local = epochMs + offsetMinutes * 60_000;
  // Whole minutes, so the cell shows exactly the minute formatDateTime says.
  const minutes = Math.floor((local - Date.UTC(1899, 11, 30)) / 60_000);
  return minutes / 1440;
}
