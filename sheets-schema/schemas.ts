/**
 * The workbook's values as zod schemas: what a unit code, an email address, a setting may
 * be once a cell has been read (functions/core/values reads the cell; these check it).
 */
import { z } from 'zod';

/** `Mã` of a unit: also the name of its tab. */
export const UnitCode = z.string().regex(/^[A-Za-z0-9_-]{1,20}$/);

/** `Mã` of a criterion or group: `1`, `1.2`, `2.1.3`, `I.1`, `A` … segments joined by dots. */
export const CriterionCode = z.string().regex(/^[A-Za-z0-9]{1,10}(\.[A-Za-z0-9]{1,10}){0,5}$/);

export const Email = z.email();

export const Year = z.number().int().min(1900).max(2200);
export const Scale = z.number().positive().max(1e9);
export const NonNegative = z.number().min(0).max(1e9);
export const Count = z.number().int().min(0).max(1000);
/** A grade threshold, as a fraction of the scale. */
export const Share = z.number().min(0).max(1);
export const Language = z.enum(['vi', 'en']);

/** Splits "a@x.vn; b@y.vn, c@z.vn" into addresses. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
