import { describe, expect, it } from 'vitest';
import { readYesNo } from '../../../functions/core/values/yesno.js';

const s = (v: string) => ({ t: 's' as const, v });

describe('reading yes / no (NUMBERS.md)', () => {
  it.each(['Đạt', 'đạt', 'Có', 'x', 'X', '✓', '✔', 'TRUE', '1', ' Đạt '])('"%s" is yes', (typed) => {
    expect(readYesNo(s(typed))).toEqual({ kind: 'value', value: true });
  });
  it.each(['Không đạt', 'Không', 'Chưa đạt', 'FALSE', '0', 'không  đạt'])('"%s" is no', (typed) => {
    expect(readYesNo(s(typed))).toEqual({ kind: 'value', value: false });
  });
  it('NFD-typed words read the same', () => {
    expect(readYesNo(s('Không đạt'.normalize('NFD')))).toEqual({ kind: 'value', value: false });
  });
  it('checkboxes are yes and no', () => {
    expect(readYesNo({ t: 'b', v: true })).toEqual({ kind: 'value', value: true });
    expect(readYesNo({ t: 'b', v: false })).toEqual({ kind: 'value', value: false });
  });
  it('empty is missing; anything else is an error', () => {
    expect(readYesNo(null)).toEqual({ kind: 'empty' });
    expect(readYesNo(s('')).kind).toBe('empty');
    const r = readYesNo(s('tốt'));
    expect(r.kind === 'error' && r.code).toBe('not-yes-no');
    expect(readYesNo({ t: 'n', v: 2 }).kind).toBe('error');
  });
});
