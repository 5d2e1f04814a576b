/**
 * "No value" (NUMBERS.md), decided here once for every input: an empty cell, only
 * spaces, or a dash people type to mean "nothing" — `-`, `–` (en dash), `—` (em dash).
 * It is missing, never zero: in `Cụm chấm` the `Tự chấm` then applies, and in an input
 * a rule needs it is missing data ("thiếu dữ liệu").
 */
import type { Cell } from '../cell.js';

/** One character each: longer text is never a dash. */
const DASHES = new Set(['-', '–', '—']);

export function isNoValueText(s: string): boolean {
  const t = s.trim();
  return t === '' || (t.length === 1 && DASHES.has(t));
}

export function isNoValue(c: Cell): boolean {
  return c === null || (c.t === 's' && isNoValueText(c.v));
}
