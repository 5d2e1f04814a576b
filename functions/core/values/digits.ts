/**
 * Runs of ASCII digits read by index, for the usual numbers and dates. Plain functions of
 * the string and a position: a scanner closing over its position was a closure and a
 * context allocated per cell read (~70 B each, a tenth of a run's bytes at 2.000 units).
 */

/** Where the digits from `i` end: at most `max` of them. */
export function endOfDigits(s: string, i: number, max = Infinity): number {
  const stop = Math.min(s.length, i + max);
  while (i < stop) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    i++;
  }
  return i;
}

/** `value` followed by the digits s[from, to): appendDigits(12, "345", 0, 3) = 12345. */
export function appendDigits(value: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) value = value * 10 + (s.charCodeAt(i) - 48);
  return value;
}
