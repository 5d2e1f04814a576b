/** Yes / no for `Đạt/Không đạt` (NUMBERS.md): the words, marks and checkboxes people use. */
import type { Cell } from '../cell.js';
import { isNoValueText } from './missing.js';
import { EMPTY, fail, spreadsheetError, type ReadResult } from './result.js';

const YES = new Set(['đạt', 'có', 'x', '✓', '✔', 'true', '1']);
const NO = new Set(['không đạt', 'không', 'chưa đạt', 'false', '0']);

export function readYesNo(c: Cell): ReadResult<boolean> {
  if (c === null) return EMPTY;
  switch (c.t) {
    case 'b':
      return { kind: 'value', value: c.v };
    case 'e':
      return spreadsheetError(c);
    case 'n':
      if (c.v === 1 || c.v === 0) return { kind: 'value', value: c.v === 1 };
      return fail('not-yes-no', String(c.v));
    case 'd':
      return fail('not-yes-no', c.v);
    case 's': {
      const typed = c.v.normalize('NFC').trim();
      if (isNoValueText(typed)) return EMPTY;
      const key = typed.toLocaleLowerCase('vi').replace(/\s+/g, ' ');
      if (YES.has(key)) return { kind: 'value', value: true };
      if (NO.has(key)) return { kind: 'value', value: false };
      return fail('not-yes-no', typed.slice(0, 40));
    }
  }
}
