/**
 * Handlebars helpers: numbers, points and dates in the email's language (vi-VN by
 * default: "97,5", "163,42%", "15/12/2023"), and the few comparisons templates need.
 * Every helper returns plain strings, which Handlebars escapes like any other value.
 */
import type { HelperDelegate, HelperOptions } from 'handlebars';
import type { Lang } from '../core/model.js';
import { formatDate, formatNumber, formatPercent, formatPoints } from '../core/format.js';

function langOf(options: HelperOptions): Lang {
  const root = (options.data as { root?: { lang?: Lang } } | undefined)?.root;
  return root?.lang === 'en' ? 'en' : 'vi';
}

/** The options object is always the last argument of a helper. */
function split(args: unknown[]): { values: unknown[]; options: HelperOptions } {
  return { values: args.slice(0, -1), options: args[args.length - 1] as HelperOptions };
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const helpers: Record<string, HelperDelegate> = {
  /** Cents → points: 9750 → "97,5". */
  points(...args: unknown[]) {
    const { values, options } = split(args);
    return formatPoints(Number(values[0] ?? 0), langOf(options));
  },
  number(...args: unknown[]) {
    const { values, options } = split(args);
    return formatNumber(Number(values[0] ?? 0), langOf(options));
  },
  /** A fraction as a percentage: 1.6342 → "163,42%". */
  percent(...args: unknown[]) {
    const { values, options } = split(args);
    return formatPercent(Number(values[0] ?? 0), langOf(options));
  },
  /** 'yyyy-mm-dd' → "15/12/2023". */
  date(...args: unknown[]) {
    const { values } = split(args);
    return typeof values[0] === 'string' && values[0] ? formatDate(values[0]) : '';
  },
  /** The dateline of a report: "ngày 15 tháng 12 năm 2023" / "15 December 2023". */
  longDate(...args: unknown[]) {
    const { values, options } = split(args);
    const iso = String(values[0] ?? '');
    const [y, m, d] = iso.split('-');
    if (!y || !m || !d) return '';
    if (langOf(options) === 'en') return `${Number(d)} ${MONTHS_EN[Number(m) - 1] ?? m} ${y}`;
    return `ngày ${d} tháng ${m} năm ${y}`;
  },
  /** Upper case the Vietnamese way, for the issuing body's name in the header. */
  upper(...args: unknown[]) {
    const { values } = split(args);
    return String(values[0] ?? '').toLocaleUpperCase('vi');
  },
  /** Joins its arguments as text, for attribute values built from several facts. */
  concat(...args: unknown[]) {
    const { values } = split(args);
    return values.map((v) => (v === null || v === undefined ? '' : String(v))).join('');
  },
  eq(...args: unknown[]) {
    const { values } = split(args);
    return values[0] === values[1];
  },
  or(...args: unknown[]) {
    const { values } = split(args);
    return values.some(Boolean);
  },
  and(...args: unknown[]) {
    const { values } = split(args);
    return values.every(Boolean);
  },
  /** a − b, for "points not earned" from a max and what was earned. */
  sub(...args: unknown[]) {
    const { values } = split(args);
    return Number(values[0] ?? 0) - Number(values[1] ?? 0);
  },
  /** 0-based @index → "1". */
  inc(...args: unknown[]) {
    const { values } = split(args);
    return String(Number(values[0]) + 1);
  },
  /** Count of items in a list. */
  len(...args: unknown[]) {
    const { values } = split(args);
    return Array.isArray(values[0]) ? values[0].length : 0;
  },
};
