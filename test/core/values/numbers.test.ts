import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readNumber, readNumberText } from '../../../functions/core/values/numbers.js';
import { formatNumber } from '../../../functions/core/format.js';

const s = (v: string) => ({ t: 's' as const, v });

describe('reading numbers as Vietnamese staff type them (NUMBERS.md)', () => {
  // Every row of NUMBERS.md's table.
  it.each([
    ['58782', 58782],
    ['58.782', 58782],
    ['5.197.808.000 đồng', 5197808000],
    ['12,5', 12.5],
    ['1.250,5', 1250.5],
    ['39,381 tỷ', 39381000000],
    ['113%', 1.13],
    ['163,42%', 1.6342],
    [' 1 250 ', 1250],
    ['1\u00a0250', 1250],
    ['(5)', -5],
    ['-5', -5],
    ['58.782 hộ', 58782],
    ['1.269 hộ vay vốn', 1269],
    ['1.000đ', 1000],
    ['2 triệu đồng', 2000000],
    ['5 nghìn', 5000],
    ['18.862.484.719 VNĐ', 18862484719],
  ])('"%s" → %d', (typed, value) => {
    const r = readNumberText(typed);
    expect(r).toEqual({ kind: 'value', value });
  });

  it('a number cell is its value', () => {
    expect(readNumber({ t: 'n', v: 58782 })).toEqual({ kind: 'value', value: 58782 });
  });

  it.each([
    ['184.93', 184.93, 'dot-decimal', '184,93'],
    ['1,250,000', 1250000, 'english-number', '1.250.000'],
    ['1,250.5', 1250.5, 'english-number', '1.250,5'],
    ['184.93%', 1.8493, 'dot-decimal', '184,93%'],
  ])('"%s" is used as %d with a warning showing the Vietnamese form', (typed, value, code, vi) => {
    const r = readNumberText(typed);
    expect(r.kind).toBe('value');
    if (r.kind !== 'value') return;
    expect(r.value).toBeCloseTo(value, 10);
    expect(r.warning?.code).toBe(code);
    expect(r.warning?.params.vi).toBe(vi);
  });

  it.each(['-', '—', '', '   '])('"%s" is no value (missing, not zero)', (typed) => {
    expect(readNumberText(typed)).toEqual({ kind: 'empty' });
  });

  it('an empty cell is no value', () => {
    expect(readNumber(null)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['abc', 'not-a-number'],
    ['12a', 'not-a-number'],
    ['1,2,3,4', 'not-a-number'],
    ['6.754/4.133', 'fraction'],
    ['Infinity', 'not-a-number'],
    ['NaN', 'not-a-number'],
    ['1e5', 'not-a-number'],
    ['1.2.3', 'not-a-number'],
    ['12,', 'not-a-number'],
    ['hơn 39,381 tỷ đồng', 'not-a-number'],
    ['9'.repeat(17), 'out-of-range'],
    ['1'.repeat(101), 'too-long'],
  ])('"%s" is an error (%s)', (typed, code) => {
    const r = readNumberText(typed);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.code).toBe(code);
  });

  it('non-finite and huge number cells are errors, never numbers', () => {
    expect(readNumber({ t: 'n', v: Infinity }).kind).toBe('error');
    expect(readNumber({ t: 'n', v: NaN }).kind).toBe('error');
    expect(readNumber({ t: 'n', v: 2e15 }).kind).toBe('error');
  });

  it('a formula gives its computed value; without one saved it is an error saying so', () => {
    expect(readNumber({ t: 'n', v: 113, f: true })).toEqual({ kind: 'value', value: 113 });
    const r = readNumber({ t: 'e', v: '', f: true });
    expect(r.kind === 'error' && r.code).toBe('formula-no-value');
    const e = readNumber({ t: 'e', v: '#DIV/0!', f: true });
    expect(e.kind === 'error' && e.code).toBe('formula-error');
  });

  it('booleans and dates are not numbers', () => {
    expect(readNumber({ t: 'b', v: true }).kind).toBe('error');
    expect(readNumber({ t: 'd', v: '2024-01-05' }).kind).toBe('error');
  });

  it('property: any number written the Vietnamese way reads back as itself, without a warning', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 2 }), (n, dp) => {
        const value = n / 10 ** dp;
        const typed = formatNumber(value, 'vi', dp);
        const r = readNumberText(typed);
        // "0.5"-style and 3-decimal ambiguity do not arise: vi uses "," for decimals.
        expect(r).toEqual({ kind: 'value', value });
      }),
    );
  });
});
