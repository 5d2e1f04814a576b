/**
 * The shares of Cấu hình — `Mức Xuất sắc`, `Mức Tốt`, `Mức Hoàn thành` and `Tỷ lệ phiếu tối
 * thiểu` — read alike, as NUMBERS.md reads a percent ("113%" is 1,13): "170%" is 170 %, out of
 * range for all four, an error on its cell, never 1,7 %.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../functions/core/evaluate.js';
import type { Evaluation } from '../../../functions/core/model.js';
import { snapshot, type Typed } from '../../support/snapshot.js';

const KEYS = ['Mức Xuất sắc', 'Mức Tốt', 'Mức Hoàn thành', 'Tỷ lệ phiếu tối thiểu'] as const;

/** One unit scoring 95 of 100 (self-scored), the key typed as given; Cấu hình row 4 (B4) holds it. */
function withKey(key: string, typed: Typed): Evaluation {
  return evaluate(snapshot({
    settings: { [key]: typed },
    units: [{ code: 'A' }],
    criteria: [{ code: '1', max: 100, rule: 'Tự chấm' }],
    entries: { A: { 1: { self: 95, evidence: 'Báo cáo số 1' } } },
  })).evaluation;
}

function shareOf(ev: Evaluation, key: (typeof KEYS)[number]): number | null {
  const s = ev.settings;
  return key === 'Mức Xuất sắc' ? s.thresholds.excellent : key === 'Mức Tốt' ? s.thresholds.good : key === 'Mức Hoàn thành' ? s.thresholds.pass : s.voteThreshold;
}

describe('the shares of Cấu hình', () => {
  it('read 70%, 70 %, 70, "70", 0,7 and a 70 %-formatted cell as 70 %, on every key', () => {
    for (const key of KEYS) {
      for (const typed of ['70%', '70 %', 70, '70', '0,7', 0.7]) {
        const ev = withKey(key, typed);
        expect(shareOf(ev, key), `${key} = ${typed}`).toBeCloseTo(0.7, 12);
        expect(ev.issues.filter((i) => i.tab === 'Cấu hình'), `${key} = ${typed}`).toEqual([]);
      }
    }
  });

  it('read a percent as a percent: "0,5%" is half of one percent, "100%" all', () => {
    for (const key of KEYS) {
      expect(shareOf(withKey(key, '0,5%'), key), key).toBeCloseTo(0.005, 12);
      expect(shareOf(withKey(key, '100%'), key), key).toBe(1);
    }
  });

  it('refuse "170%" alike on every key: an error naming the cell, in Vietnamese, and the default holds', () => {
    const defaults = { 'Mức Xuất sắc': 0.9, 'Mức Tốt': 0.7, 'Mức Hoàn thành': 0.5, 'Tỷ lệ phiếu tối thiểu': null };
    for (const key of KEYS) {
      for (const typed of ['170%', '170', 170, '100,5%']) {
        const ev = withKey(key, typed);
        expect(shareOf(ev, key), `${key} = ${typed}`).toBe(defaults[key]);
        expect(ev.issues.filter((i) => i.tab === 'Cấu hình'), `${key} = ${typed}`).toEqual([expect.objectContaining({
          cell: 'B4', severity: 'error',
          message: `Tab Cấu hình, ô B4: ${key}: "${typed}" không dùng được. Hãy nhập tỷ lệ phần trăm từ 0% đến 100%`,
        })]);
      }
    }
  });

  it('do not grade a unit at 95 % "Xuất sắc" by reading Mức Xuất sắc "170%" as 1,7 %', () => {
    const ev = withKey('Mức Xuất sắc', '170%');
    expect(ev.units[0]!.grade).toBe('Xuất sắc'); // by the default 90 %, with the error in Kiểm tra
    expect(withKey('Mức Xuất sắc', '96%').units[0]!.grade).toBe('Tốt');
    expect(withKey('Mức Tốt', '170%').settings.thresholds.good).toBe(0.7);
  });
});
