/**
 * Spreadsheet date serials to calendar days. The 1900 system counts 1900-01-01 as 1 and
 * (like Lotus 1-2-3) has a 29 February 1900 at 60; the 1904 system counts 1904-01-01 as 0.
 * The time of day is dropped (NUMBERS.md: days late counts calendar days).
 */
const DAY_MS = 86_400_000;
/** Days from 1970-01-01 back to each system's day 0. */
const EPOCH_1900 = 25_569; // 1899-12-30, valid for serials from 61 on
const EPOCH_1904 = 24_107; // 1904-01-01
/** Excel's last day, 9999-12-31. */
const MAX_SERIAL = 2_958_465;

export function serialToDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL + 1) return null;
  // Half a millisecond of tolerance, as spreadsheets round times to the millisecond.
  const day = Math.floor(serial + 0.5 / DAY_MS);
  if (!date1904 && day === 60) return '1900-02-29';
  const days = date1904 ? day - EPOCH_1904 : day < 60 ? day - EPOCH_1900 + 1 : day - EPOCH_1900;
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}
