/**
 * Spreadsheet day numbers: day 0 is 1899-12-30 in Google Sheets (and in Excel after its
 * 1900 leap-year quirk), the fraction is the time of day, which the contract ignores.
 */
const EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** 45306.75 → "2024-01-15". */
export function serialToDay(serial: number): string {
  return new Date(EPOCH_MS + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** "2024-01-15" → 45306. */
export function dayToSerial(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a yyyy-mm-dd day: ${day}`);
  return Math.round((Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - EPOCH_MS) / DAY_MS);
}
