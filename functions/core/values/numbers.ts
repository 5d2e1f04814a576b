/**
 * Numbers as Vietnamese staff type them (NUMBERS.md): `.` groups thousands, `,` is the
 * decimal mark, a unit word may follow, `%` divides by 100, and scale words multiply.
 * A reading that needed a guess is returned with a warning; nothing ambiguous is guessed
 * silently.
 */
import type { Cell } from '../cell.js';
import { formatNumber } from '../format.js';
import { appendDigits, endOfDigits } from './digits.js';
import { nfc } from '../text.js';
import { isNoValueText } from './missing.js';
import { EMPTY, fail, spreadsheetError, type ReadResult } from './result.js';

const MAX_ABS = 1e15;
/** Beyond this, a value's hundredths are not exact in a double (2^53 / 100): "số quá lớn". */
const MAX_EXACT_CENTS = Number.MAX_SAFE_INTEGER / 100;
const MAX_TEXT = 100;
/**
 * The usual figures: "1234" or "1.250.000", maybe with a decimal comma ("4,5", "1.250,5"),
 * alone or with one unit word ("5.197.808.000 đồng") — what the regex
 * /^(\d{1,15}|\d{1,3}(?:\.\d{3})+)(?:,(\d+))?(?: (\p{L}+))?$/u matches, at most 15 digits
 * in all (so the value is exact), not a scale word, not "0.…" without a comma. The general
 * path below gives the same value; this is only quicker (its regexes and match arrays were
 * a tenth of the core at 10.000 units). undefined: not such a figure.
 */
function usualFigure(s: string): number | undefined {
  const n = s.length;
  let i = endOfDigits(s, 0);
  const first = i;
  if (first === 0) return undefined;
  let value = appendDigits(0, s, 0, i);
  let digits = first;
  if (s.charCodeAt(i) === 46 /* . */) {
    if (first > 3) return undefined;
    const zeroDot = first === 1 && s.charCodeAt(0) === 48;
    while (s.charCodeAt(i) === 46) {
      const end = endOfDigits(s, i + 1);
      if (end - i - 1 !== 3) return undefined;
      value = appendDigits(value, s, i + 1, end);
      digits += 3;
      i = end;
    }
    if (zeroDot && s.charCodeAt(i) !== 44 /* , */) return undefined;
  } else if (first > 15) return undefined;
  let decimals = 0;
  if (s.charCodeAt(i) === 44 /* , */) {
    const end = endOfDigits(s, i + 1);
    decimals = end - i - 1;
    if (decimals === 0) return undefined;
    value = appendDigits(value, s, i + 1, end);
    digits += decimals;
    i = end;
  }
  if (digits > 15) return undefined;
  if (i < n) {
    if (s.charCodeAt(i) !== 32) return undefined;
    LETTERS.lastIndex = i + 1;
    if (!LETTERS.test(s) || SCALE[lowerWord(s.slice(i + 1))]) return undefined;
  }
  return decimals === 0 ? value : value / 10 ** decimals;
}

/** The unit word after a figure, to the end: letters only. */
const LETTERS = /\p{L}+$/uy;

/** Scale words: "39,381 tỷ" = 39 381 000 000. */
const SCALE: Record<string, number> = {
  nghìn: 1e3,
  ngàn: 1e3,
  triệu: 1e6,
  tỷ: 1e9,
  tỉ: 1e9,
};

/** A unit word in lower case: the same few words on every unit's tab, lowered once (a bounded memo). */
const lowered = new Map<string, string>();
function lowerWord(word: string): string {
  let lower = lowered.get(word);
  if (lower === undefined) {
    if (lowered.size >= 1000) lowered.clear();
    lowered.set(word, (lower = word.toLocaleLowerCase('vi')));
  }
  return lower;
}

/** Spaces people (and copied reports) put inside numbers: space, NBSP, narrow NBSP, thin space. */
const SPACES = /[\s\u00a0\u202f\u2009]/g;

export function readNumber(c: Cell): ReadResult<number> {
  if (c === null) return EMPTY;
  switch (c.t) {
    case 'n':
      return checkRange(c.v, String(c.v));
    case 'e':
      return spreadsheetError(c);
    case 'b':
      return fail('not-a-number', c.v ? 'TRUE' : 'FALSE');
    case 'd':
      return fail('not-a-number', c.v);
    case 's':
      return readNumberText(c.v);
  }
}

export function readNumberText(raw: string): ReadResult<number> {
  if (raw.length > MAX_TEXT) return fail('too-long', raw.slice(0, 20) + '…');
  const typed = nfc(raw).trim();
  if (isNoValueText(typed)) return EMPTY;
  // Plain or dot-grouped digits, a decimal comma, a unit word: read by index (no match
  // arrays); anything else — "0.500" without a comma (a dot decimal, with a warning), a
  // scale word, more than 15 digits — takes the general path.
  const usual = usualFigure(typed);
  if (usual !== undefined) return checkRange(usual, typed);

  // Split "5.197.808.000 đồng" into the number part and the words after it.
  const m = /^([-(+]?[\d.,\u00a0\u202f\u2009 ]*\d\)?)(\s*)(%?)(\s*)(.*)$/u.exec(typed);
  if (!m) return fail(/\d\s*\/\s*\d/.test(typed) ? 'fraction' : 'not-a-number', typed);
  let [, numberPart = '', gap1 = '', percent = '', gap2 = '', words = ''] = m;
  if (/\//.test(words)) return fail('fraction', typed);
  // "12a" is a typo, not twelve of unit "a": a unit word is set apart by a space ("1.000đ" aside).
  if (words && !(percent ? gap2 : gap1) && !/^[đ₫]$/iu.test(words)) return fail('not-a-number', typed);

  let multiplier = 1;
  if (words) {
    const list = words.toLocaleLowerCase('vi').split(/\s+/);
    const scale = SCALE[list[0]!];
    if (scale) {
      multiplier = scale;
      list.shift();
    }
    // What remains must be unit words only (đồng, hộ, người, lượt, …): letters, no digits.
    if (list.length > 4 || !list.every((w) => w === '' || /^[\p{L}₫]+\.?$/u.test(w))) {
      return fail('not-a-number', typed);
    }
    if (percent && multiplier !== 1) return fail('not-a-number', typed);
  }

  let negative = false;
  if (numberPart.startsWith('(') && numberPart.endsWith(')')) {
    negative = true;
    numberPart = numberPart.slice(1, -1);
  } else if (numberPart.startsWith('-')) {
    negative = true;
    numberPart = numberPart.slice(1);
  } else if (numberPart.startsWith('+')) {
    numberPart = numberPart.slice(1);
  }
  if (/[()+-]/.test(numberPart)) return fail('not-a-number', typed);

  const digits = numberPart.replace(SPACES, '');
  const parsed = parseMarks(digits);
  if (parsed === null) return fail('not-a-number', typed);

  // Integer arithmetic first, one division last: "39,381 tỷ" is exactly 39 381 000 000.
  let value = (Number(parsed.digits) * multiplier) / 10 ** (parsed.decimals + (percent ? 2 : 0));
  if (negative) value = -value;
  const checked = checkRange(value, typed);
  if (checked.kind !== 'value' || !parsed.warning) return checked;
  // The warning shows how the Vietnamese form of the same number is written.
  return {
    kind: 'value',
    value,
    warning: {
      code: parsed.warning,
      params: { typed, vi: formatNumber(Number(parsed.digits) / 10 ** parsed.decimals, 'vi', 6) + (percent ? '%' : '') },
    },
  };
}

/** The number as its digits and how many of them are decimals: "1.250,5" → 12505, 1. */
type Marks = { digits: string; decimals: number; warning?: 'english-number' | 'dot-decimal' };

/** "1.250.000" / "1,250,000": built once (a new RegExp per number read cost ~5 % of the core). */
const GROUPED_DOT = /^\d{1,3}(\.\d{3})+$/;
const GROUPED_COMMA = /^\d{1,3}(,\d{3})+$/;

/** Reads digits with `.` and `,` marks by the rules of NUMBERS.md; null when unreadable. */
function parseMarks(s: string): Marks | null {
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const dots = count(s, '.');
  const commas = count(s, ',');
  const groupedBy = (mark: string, x: string) => (mark === '.' ? GROUPED_DOT : GROUPED_COMMA).test(x);

  const decimal = (intPart: string, frac: string, warning?: Marks['warning']): Marks =>
    warning ? { digits: intPart + frac, decimals: frac.length, warning } : { digits: intPart + frac, decimals: frac.length };
  if (dots === 0 && commas === 0) return decimal(s, '');
  if (commas === 0) {
    if (groupedBy('.', s) && !s.startsWith('0.')) return decimal(s.replace(/\./g, ''), '');
    if (dots === 1 && /^\d+\.\d+$/.test(s)) return decimal(...split2(s, '.'), 'dot-decimal');
    return null;
  }
  if (dots === 0) {
    if (commas === 1 && /^\d+,\d+$/.test(s)) return decimal(...split2(s, ','));
    if (groupedBy(',', s)) return decimal(s.replace(/,/g, ''), '', 'english-number');
    return null;
  }
  // Both marks: the last one is the decimal mark, the other groups thousands.
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  const [groupMark, decimalMark] = lastComma > lastDot ? ['.', ','] : [',', '.'];
  const [intPart, frac] = split2(s, decimalMark, true);
  if (!/^\d+$/.test(frac) || intPart.includes(decimalMark) || !groupedBy(groupMark, intPart)) return null;
  const digits = intPart.split(groupMark).join('');
  return decimalMark === ',' ? decimal(digits, frac) : decimal(digits, frac, 'english-number');
}

/** Splits at the first (or last) `mark`. */
function split2(s: string, mark: string, last = false): [string, string] {
  const at = last ? s.lastIndexOf(mark) : s.indexOf(mark);
  return [s.slice(0, at), s.slice(at + 1)];
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

function checkRange(v: number, typed: string): ReadResult<number> {
  if (!Number.isFinite(v) || Math.abs(v) > MAX_ABS) return fail('out-of-range', typed);
  if (Math.abs(v) > MAX_EXACT_CENTS) return fail('number-too-large', typed);
  return { kind: 'value', value: v };
}
