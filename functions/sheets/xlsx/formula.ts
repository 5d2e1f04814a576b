/**
 * Moves a formula's relative references, as a spreadsheet does when a formula is
 * filled down or across. Needed when we overwrite the cell that holds a shared
 * formula's text (`<f t="shared" ref=… si=…>`): the other cells of the group only point
 * at it, so each gets its own formula, moved from the master to where it stands.
 */
import { columnName } from '../../core/a1.js';

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

const CELL = /(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_.(!\[])/y;
const COLS = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_.(!\[])/y;
const ROWS = /(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7})(?![A-Za-z0-9_.(!\[])/y;
const NAME = /[A-Za-z_\\][A-Za-z0-9_.\\?]*/y;
const NUMBER = /[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?/y;

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      // String literal or quoted sheet name; a doubled quote stays inside.
      let j = i + 1;
      while (j < n) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      // Structured reference or external book index: copied whole, brackets nested.
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (formula[j] === '[') depth++;
        else if (formula[j] === ']' && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1]! : '';
    const atBoundary = !/[A-Za-z0-9_.\\]/.test(prev);
    if (atBoundary && /[$A-Za-z0-9]/.test(ch)) {
      const moved = tryRef(formula, i, dRow, dCol);
      if (moved) {
        out += moved.text;
        i = moved.end;
        continue;
      }
    }
    if (/[A-Za-z_\\]/.test(ch)) {
      NAME.lastIndex = i;
      NAME.exec(formula);
      out += formula.slice(i, NAME.lastIndex);
      i = NAME.lastIndex;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      NUMBER.lastIndex = i;
      NUMBER.exec(formula);
      out += formula.slice(i, NUMBER.lastIndex);
      i = NUMBER.lastIndex;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function tryRef(f: string, i: number, dRow: number, dCol: number): { text: string; end: number } | null {
  COLS.lastIndex = i;
  let m = COLS.exec(f);
  if (m && colIndex(m[2]!) <= MAX_COL && colIndex(m[4]!) <= MAX_COL) {
    return { text: `${col(m[1]!, m[2]!, dCol)}:${col(m[3]!, m[4]!, dCol)}`, end: COLS.lastIndex };
  }
  ROWS.lastIndex = i;
  m = ROWS.exec(f);
  if (m) return { text: `${row(m[1]!, m[2]!, dRow)}:${row(m[3]!, m[4]!, dRow)}`, end: ROWS.lastIndex };
  CELL.lastIndex = i;
  m = CELL.exec(f);
  if (m && colIndex(m[2]!) <= MAX_COL && Number(m[4]) >= 1 && Number(m[4]) <= MAX_ROW) {
    const c = col(m[1]!, m[2]!, dCol);
    const r = row(m[3]!, m[4]!, dRow);
    return { text: c === '#REF!' || r === '#REF!' ? '#REF!' : c + r, end: CELL.lastIndex };
  }
  return null;
}

function colIndex(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c;
}

function col(dollar: string, letters: string, d: number): string {
  if (dollar) return dollar + letters;
  const c = colIndex(letters) + d;
  return c < 1 || c > MAX_COL ? '#REF!' : columnName(c - 1);
}

function row(dollar: string, digits: string, d: number): string {
  if (dollar) return dollar + digits;
  const r = Number(digits) + d;
  return r < 1 || r > MAX_ROW ? '#REF!' : String(r);
}
