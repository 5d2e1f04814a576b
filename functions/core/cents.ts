/**
 * Points are rounded once, per criterion, to 2 decimals half away from zero, and carried
 * as integer hundredths so that subtotals and totals add up to the cent (SCORING.md).
 */
import type { Cents } from './model.js';

/** Round to hundredths, half away from zero. The tiny relative nudge absorbs binary noise
 *  (0.5 × 30 × 0.75 computed as 11.249999… is still 11.25). */
export function toCents(points: number): Cents {
  const x = Math.abs(points) * 100;
  const r = Math.floor(x + 0.5 + x * 1e-12);
  return points < 0 ? -r : r;
}

export function sum(values: readonly Cents[]): Cents {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
