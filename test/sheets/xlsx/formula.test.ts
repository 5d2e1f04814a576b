import { describe, expect, it } from 'vitest';
import { shiftFormula } from '../../../functions/sheets/xlsx/formula.js';

describe('shiftFormula (a shared formula filled to another cell)', () => {
  const cases: [string, number, number, string][] = [
    ['F2*2', 1, 0, 'F3*2'],
    ['SUM($A$1:B2)+$C3+D$4', 2, 1, 'SUM($A$1:C4)+$C5+E$4'],
    ['Sheet2!A1+\'Tổng hợp (2)\'!B2', 1, 1, 'Sheet2!B2+\'Tổng hợp (2)\'!C3'],
    ['IF(E2="A1",LOG10(A1),"x""B2")', 1, 0, 'IF(E3="A1",LOG10(A2),"x""B2")'],
    ['SUM(A:A)+SUM(2:2)+SUM($B:C)', 1, 1, 'SUM(B:B)+SUM(3:3)+SUM($B:D)'],
    ['Table1[[#This Row],[B1]]+A1', 1, 0, 'Table1[[#This Row],[B1]]+A2'],
    ['1.5E+10*A1+TRUE', 1, 0, '1.5E+10*A2+TRUE'],
    ['A1-1', -1, 0, '#REF!-1'],
    ['XFD1+A1', 0, 1, '#REF!+B1'],
  ];
  for (const [formula, dr, dc, expected] of cases) {
    it(`${formula} moved by (${dr}, ${dc}) → ${expected}`, () => {
      expect(shiftFormula(formula, dr, dc)).toBe(expected);
    });
  }
});
