/** Yes / no for `Đạt/Không đạt` (NUMBERS.md): the words, marks and checkboxes people use. */
import type { Cell } from '../cell.js';
import { nfc } from '../text.js';
import { isNoValueText } from './missing.js';
import { EMPTY, fail, spreadsheetError, type ReadResult } from './result.js';

const YES = new Set(['đạt', 'có', 'x', '✓', '✔', 'true', '1']);
const NO = new Set(['không đạt', 'không', 'chưa đạt', 'false', '0']);
/** The words as listed and with a capital first letter ("Đạt"), as most are typed: no case mapping needed. */
const AS_TYPED = new Map<string, boolean>([
  ...[...YES].flatMap((w) => [[w, true], [capital(w), true]] as const),
  ...[...NO].flatMap((w) => [[w, false], [capital(w), false]] as const),
]);

function capital(w: string): string {
  return w.charAt(0).toLocaleUpperCase('vi') + w.slice(1);
}

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
      const typed = nfc(c.v).trim();
      const known = AS_TYPED.get(typed);
      if (known !== undefined) return { kind: 'value', value: known };
      if (isNoValueText(typed)) return EMPTY;
      const key = typed.toLocaleLowerCase('vi').replace(/\s+/g, ' ');
      if (YES.has(key)) return { kind: 'value', value: true };
      if (NO.has(key)) return { kind: 'value', value: false };
      return fail('not-yes-no', typed.slice(0, 40));
    }
  }
}
