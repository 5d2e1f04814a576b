import { describe, expect, it } from 'vitest';
import { deliveryLines, emailsFor, vnDay } from '../../functions/mail/policy.js';
import { provincialBlock } from './fixtures.js';

/** 10:00 in Việt Nam on that day. */
const at = (day: string) => Date.parse(`${day}T03:00:00Z`);
const ctx = { cluster: 'local', workbookTitle: 'khoi.xlsx' };
const ev = provincialBlock({ deadline: '2023-12-20', remindDays: 3 }, (units) => {
  delete units.find((u) => u.code === 'HLHPN')!.scores;
});
const kinds = (occasion: 'request' | 'daily', day: string) => emailsFor(ev, occasion, { ...ctx, now: at(day) }).map((e) => e.kind);

describe('the email policy', () => {
  it('the day is Việt Nam’s: 23:30 UTC is already the next morning there', () => {
    expect(vnDay(Date.parse('2023-12-14T23:30:00Z'))).toBe('2023-12-15');
    expect(vnDay(Date.parse('2023-12-15T16:59:00Z'))).toBe('2023-12-15');
  });

  it('a request (run --send, Gửi báo cáo) is the summary and every scorecard, whatever the day, never a reminder', () => {
    for (const day of ['2023-12-01', '2023-12-18', '2023-12-25']) {
      const k = kinds('request', day);
      expect(k[0]).toBe('summary');
      expect(k.slice(1).every((x) => x === 'scorecard')).toBe(true);
    }
  });

  it('the daily job: nothing before the window, reminders inside it, the reports once the deadline has passed', () => {
    expect(kinds('daily', '2023-12-10')).toEqual([]);
    expect(kinds('daily', '2023-12-18')).toEqual(['reminder', 'reminder']);
    expect(kinds('daily', '2023-12-20')).toEqual(['reminder', 'reminder']);
    expect(kinds('daily', '2023-12-21')).toEqual(kinds('request', '2023-12-21'));
    expect(emailsFor(provincialBlock({ deadline: null }), 'daily', { ...ctx, now: at('2023-12-21') })).toEqual([]);
  });

  it('both occasions key a report by its content: a daily send after the deadline and a request the same day are the same emails', () => {
    const daily = emailsFor(ev, 'daily', { ...ctx, now: at('2023-12-21') }).map((e) => e.key);
    const request = emailsFor(ev, 'request', { ...ctx, now: at('2023-12-21') }).map((e) => e.key);
    expect(daily).toEqual(request);
    // …and the as-of date is not part of a report's key: the same figures tomorrow are not new.
    expect(emailsFor(ev, 'request', { ...ctx, now: at('2023-12-22') }).map((e) => e.key)).toEqual(request);
  });

  it('words the delivery lines once, for both ends, in the workbook’s language', () => {
    const sent = { key: 'k', kind: 'scorecard', to: ['a@x.vn'], subject: 's', outcome: 'sent' as const, attempts: 1 };
    const retry = { ...sent, kind: 'summary', outcome: 'retry' as const, error: '451 bận' };
    expect(deliveryLines([sent, retry], 'vi', [{ outcome: 'queued' }, { outcome: 'duplicate' }])).toEqual([
      'Đã gửi phiếu điểm tới a@x.vn',
      'Chưa gửi được báo cáo tổng hợp tới a@x.vn (451 bận); sẽ thử lại',
      '1 thư có nội dung không đổi đã gửi trước đó, không gửi lại',
    ]);
    expect(deliveryLines([sent], 'en')).toEqual(['Sent the scorecard to a@x.vn']);
  });
});
