/**
 * formatDateTime writes Việt Nam's time by arithmetic (UTC+7) rather than through
 * Intl.DateTimeFormat, whose first use costs a process ~12 ms: it must give exactly the
 * text Intl gives for Asia/Ho_Chi_Minh, at any instant, and other zones still go to Intl.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDateTime } from '../../functions/core/format.js';

const formats = new Map<string, Intl.DateTimeFormat>();
function byIntl(epochMs: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) formats.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })));
  const parts = f.formatToParts(new Date(epochMs));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

describe('formatDateTime', () => {
  it('writes the time in Việt Nam as Intl does, at chosen instants', () => {
    const instants = [
      Date.UTC(2023, 11, 15, 3, 0), // 10:00 on 15/12/2023
      Date.UTC(2023, 11, 31, 16, 59, 59, 999), // 23:59 on the last day of the year
      Date.UTC(2023, 11, 31, 17, 0), // 00:00 on 01/01/2024
      Date.UTC(2024, 1, 28, 17, 0), // 29/02 of a leap year
      Date.UTC(1975, 5, 12, 16, 0), // the day Việt Nam took UTC+7
      Date.UTC(1975, 5, 12, 15, 59), // the minute before (UTC+8, through Intl)
      Date.UTC(1960, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59),
      Date.UTC(12000, 0, 1),
      0,
      -1,
    ];
    for (const t of instants) expect(formatDateTime(t), new Date(t).toISOString()).toBe(byIntl(t, 'Asia/Ho_Chi_Minh'));
    expect(formatDateTime(Date.UTC(2023, 11, 15, 3, 0))).toBe('15/12/2023 10:00');
    expect(formatDateTime(Date.UTC(2023, 11, 31, 17, 0))).toBe('01/01/2024 00:00');
  });

  it('writes the time in Việt Nam as Intl does, at any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2200, 0, 1) }), (t) => formatDateTime(t) === byIntl(t, 'Asia/Ho_Chi_Minh')),
      { numRuns: 5_000 },
    );
  });

  it('still takes another time zone from Intl', () => {
    const t = Date.UTC(2023, 11, 15, 3, 0);
    expect(formatDateTime(t, 'UTC')).toBe('15/12/2023 03:00');
    expect(formatDateTime(t, 'Europe/Paris')).toBe(byIntl(t, 'Europe/Paris'));
  });
});
