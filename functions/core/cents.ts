/**
 * Points are rounded once, per criterion, to 2 decimals half away from zero, and carried
 * as integer hundredths so that subtotals and totals add up to the cent (SCORING.md).
 */
import type { Cents } from './model.js';

/** Round to hundredths, half away from zero. A nudge of a few units in the last place
 *  absorbs binary noise (0.5 × 30 × 0.75 computed as 11.249999… is still 11.25) and no
 *  more: a relative 1e-12 once turned 5.197.808.000 into …000,01. Values read from cells
 *  stay below 2^53 hundredths (values/numbers.ts), so the result is an exact integer. */
export function toCents(points: number): Cents {
  const x = Math.abs(points) * 100;
  const r = Math.floor(x + 0.5 + x * 8 * Number.EPSILON);
  return points < 0 ? -r : r;
}

export function sum(values: readonly Cents[]): Cents {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
