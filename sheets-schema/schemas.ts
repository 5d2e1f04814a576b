/**
 * The workbook's values as checks: what a unit code, an email address, a setting may be once
 * a cell has been read (functions/core/values reads the cell; these check it).
 *
 * Written out by hand, with exactly zod 4's rules for the schemas they once were
 * (`z.string().regex(…)`, `z.email()`, `z.number().int().min().max()`, `z.enum()`; a test
 * compares them with zod on thousands of inputs): loading zod costs ~65 ms of CPU, and the
 * core runs in every cloud request's first run and every CLI start.
 */

/** What the core asks of a value: zod's `safeParse(v).success`, nothing more. */
export interface Check {
  safeParse(value: unknown): { success: boolean };
}

const check = (ok: (v: unknown) => boolean): Check => ({ safeParse: (v) => ({ success: ok(v) }) });
const text = (pattern: RegExp): Check => check((v) => typeof v === 'string' && pattern.test(v));
/** z.number(): a finite number, then the bounds (inclusive unless `above`). */
const number = (o: { int?: boolean; min?: number; max?: number; above?: number }): Check =>
  check(
    (v) =>
      typeof v === 'number' && Number.isFinite(v) &&
      (!o.int || Number.isSafeInteger(v)) &&
      (o.min === undefined || v >= o.min) && (o.above === undefined || v > o.above) && (o.max === undefined || v <= o.max),
  );

/** `Mã` of a unit: also the name of its tab. */
export const UnitCode = text(/^[A-Za-z0-9_-]{1,20}$/);

/** `Mã` of a criterion or group: `1`, `1.2`, `2.1.3`, `I.1`, `A` … segments joined by dots. */
export const CriterionCode = text(/^[A-Za-z0-9]{1,10}(\.[A-Za-z0-9]{1,10}){0,5}$/);

/** zod 4's `z.email()` pattern (its "practical email validation"). */
export const Email = text(/^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/);

export const Year = number({ int: true, min: 1900, max: 2200 });
export const Scale = number({ above: 0, max: 1e9 });
export const NonNegative = number({ min: 0, max: 1e9 });
export const Count = number({ int: true, min: 0, max: 1000 });
/** A grade threshold, as a fraction of the scale. */
export const Share = number({ min: 0, max: 1 });
export const Language = check((v) => v === 'vi' || v === 'en');

/** Splits "a@x.vn; b@y.vn, c@z.vn" into addresses. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
