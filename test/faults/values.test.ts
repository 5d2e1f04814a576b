/**
 * Adversarial cell values (issue 7): over 300 hostile or odd values, each with the reading
 * or the issue NUMBERS.md gives it, placed in every input column of a unit tab (Chỉ tiêu,
 * Thực hiện read as a number, a date and Đạt/Không đạt, Tự chấm, Minh chứng, Cụm chấm)
 * and, as text, in names and labels. The core must answer every one with the documented
 * reading or an issue on that very cell — never an exception, NaN or a silent zero — and
 * the emails and chart must render whatever the names hold.
 */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../functions/core/cell.js';
import { toCents } from '../../functions/core/cents.js';
import { evaluate } from '../../functions/core/evaluate.js';
import type { Issue, IssueCode } from '../../functions/core/model.js';
import { readDate } from '../../functions/core/values/dates.js';
import { readNumber } from '../../functions/core/values/numbers.js';
import { readYesNo } from '../../functions/core/values/yesno.js';
import { textOf } from '../../functions/core/workbook/grid.js';
import { planReports } from '../../functions/mail/plan.js';
import { snapshot, type ClusterSpec } from '../support/snapshot.js';
import { HOSTILE_TEXT } from './hostile-text.js';

/** What a reader gives: a value, no value, an issue code, or some error (code not pinned). */
type Want<T> = T | 'empty' | IssueCode | 'error';
interface Case {
  typed: Cell;
  number?: Want<number>;
  date?: Want<string>;
  yesno?: Want<boolean>;
  /** A warning the number reading carries (used, but looks wrong). */
  warn?: IssueCode;
}

const s = (v: string): Cell => ({ t: 's', v });
const CODES = new Set<string>(['not-a-number', 'fraction', 'negative', 'too-long', 'out-of-range', 'number-too-large', 'not-integer',
  'not-a-date', 'impossible-date', 'two-digit-year', 'year-out-of-range', 'not-yes-no', 'formula-no-value', 'formula-error']);

// ---- NUMBERS.md, typed as people type them -------------------------------------------
const numbers: [string, Want<number>, IssueCode?][] = [
  ['58782', 58782], ['58.782', 58782], ['5.197.808.000 đồng', 5197808000], ['12,5', 12.5], ['1.250,5', 1250.5],
  ['39,381 tỷ', 39381000000], ['184.93', 184.93, 'dot-decimal'], ['1,250,000', 1250000, 'english-number'],
  ['113%', 1.13], ['163,42%', 1.6342], [' 1 250 ', 1250], ['1\u00a0250', 1250], ['1\u202f250', 1250], ['1\u2009250', 1250],
  ['(5)', -5], ['-5', -5], ['+5', 5], ['abc', 'not-a-number'], ['12a', 'not-a-number'], ['1,2,3,4', 'not-a-number'],
  ['6.754/4.133', 'fraction'], ['1/2', 'fraction'], ['6754 / 4133 chỉ tiêu', 'fraction'], ['Infinity', 'not-a-number'],
  ['NaN', 'not-a-number'], ['1e400', 'not-a-number'], ['1e5', 'not-a-number'], ['x'.repeat(101), 'too-long'],
  ['1.000đ', 1000], ['1.000 ₫', 1000], ['1.000 VNĐ', 1000], ['10 hộ', 10], ['25 người', 25], ['3 lượt', 3],
  ['2 triệu', 2e6], ['1,5 nghìn', 1500], ['5 ngàn', 5000], ['2 tỉ', 2e9], ['0', 0], ['0,0', 0], ['00012', 12],
  ['0.5', 0.5, 'dot-decimal'], ['1.2345', 1.2345, 'dot-decimal'], ['.5', 'not-a-number'], ['5.', 'not-a-number'],
  ['1.23.456', 'not-a-number'], ['12 %', 0.12], ['%', 'not-a-number'], ['--5', 'not-a-number'], ['(5', 'not-a-number'],
  ['5)', 'not-a-number'], ['1 000 000 đồng', 1e6], ['٣', 'not-a-number'], ['１２', 'not-a-number'], ['−5', 'not-a-number'],
  ['=1+1', 'not-a-number'], ['=SUM(A1:A3)', 'not-a-number'], ['@SUM(A1)', 'not-a-number'], ['-1+1', 'not-a-number'],
  ['1\u0000', 'not-a-number'], ['\u200b5', 'not-a-number'], ['5\u0007', 'not-a-number'], ['1,250.5', 1250.5, 'english-number'],
  ['1.250.000,75', 1250000.75], ['100%%', 'not-a-number'], ['10 % tỷ', 'not-a-number'], ['khoảng 50', 'not-a-number'],
  ['50 trên 100', 'not-a-number'], ['1 2 3', 123], ['12,345', 12.345], ['0,005', 0.005], ['9,99', 9.99],
  // "Số quá lớn": beyond 2^53 hundredths the cents are no longer exact; beyond 10^15 not a number at all.
  ['90.071.992.547.409', 90071992547409], ['90.071.992.547.410', 'number-too-large'], ['95.000 tỷ', 'number-too-large'],
  ['1.000.000.000.000.000', 'number-too-large'], ['1.000.000.000.000.001', 'out-of-range'], ['999.999.999.999.999.999', 'out-of-range'], ['5.197.808.000', 5197808000],
  ['<script>alert(1)</script>', 'not-a-number'], ['\'5', 'not-a-number'], ['"5"', 'not-a-number'], ['5 5 5 đồng', 555],
  ['1.000,5 triệu', 1000500000], ['0,5%', 0.005], ['(1.250,5)', -1250.5], ['+-5', 'not-a-number'], ['5-', 'not-a-number'],
];

// ---- Dates: day first, 1900–2100 -------------------------------------------------------
const dates: [string, Want<string>][] = [
  ['05/01/2024', '2024-01-05'], ['5/1/2024', '2024-01-05'], ['05-01-2024', '2024-01-05'], ['05.01.2024', '2024-01-05'],
  ['ngày 05 tháng 01 năm 2024', '2024-01-05'], ['Ngày 5 tháng 1 năm 2024', '2024-01-05'], ['03/04/2024', '2024-04-03'],
  ['15/12/2023 14:30', '2023-12-15'], ['29/02/2024', '2024-02-29'], ['29/02/2000', '2000-02-29'], ['01/01/1900', '1900-01-01'],
  ['31/12/2100', '2100-12-31'], ['31/02/2024', 'impossible-date'], ['29/02/2023', 'impossible-date'], ['29/02/1900', 'impossible-date'],
  ['32/01/2024', 'impossible-date'], ['00/01/2024', 'impossible-date'], ['05/13/2024', 'impossible-date'], ['31/04/2024', 'impossible-date'],
  ['01/01/2101', 'year-out-of-range'], ['31/12/1899', 'year-out-of-range'], ['20/12/0023', 'year-out-of-range'],
  ['01/01/9999', 'year-out-of-range'], ['05/01/24', 'two-digit-year'], ['2024-01-05', 'not-a-date'], ['2023-02-30', 'not-a-date'],
  ['hôm qua', 'not-a-date'], ['05/01/2024/1', 'not-a-date'], ['05//2024', 'not-a-date'], ['05/01-2024', 'not-a-date'],
  ['ngày 31 tháng 2 năm 2024', 'impossible-date'], ['ngày 1 tháng 1 năm 1800', 'year-out-of-range'], ['Q1/2024', 'not-a-date'],
  ['tháng 12/2023', 'not-a-date'], ['05/01/２０２４', 'not-a-date'],
];

// ---- Đạt / Không đạt --------------------------------------------------------------------
const yesno: [string, Want<boolean>][] = [
  ['Đạt', true], ['đạt', true], ['ĐẠT', true], ['Có', true], ['x', true], ['X', true], ['✓', true], ['✔', true], ['TRUE', true],
  ['true', true], ['Đạt'.normalize('NFD'), true], ['  Đạt  ', true], ['Không đạt', false], ['không đạt', false], ['Không  đạt', false],
  ['Không', false], ['Chưa đạt', false], ['FALSE', false], ['Dat', 'not-yes-no'], ['yes', 'not-yes-no'], ['no', 'not-yes-no'],
  ['Đạt một phần', 'not-yes-no'], ['v', 'not-yes-no'], ['Đạt\u0007', 'not-yes-no'], ['✗', 'not-yes-no'], ['Hoàn thành', 'not-yes-no'],
];

// ---- No value: the same everywhere (core/values/missing.ts) -----------------------------
const noValue = ['', ' ', '   ', '\t', '-', '–', '—', ' - ', ' – ', ' — ', '\u00a0-\u00a0', '\t—\t', '\n-\n'];
const notNoValue: [string, Want<number>][] = [['--', 'not-a-number'], ['- -', 'not-a-number'], ['−', 'not-a-number'], ['_', 'not-a-number'], ['·', 'not-a-number']];

// ---- Cells that are not text --------------------------------------------------------------
const cells: Case[] = [
  { typed: { t: 'n', v: 5197808000 }, number: 5197808000 }, { typed: { t: 'n', v: NaN }, number: 'out-of-range' },
  { typed: { t: 'n', v: Infinity }, number: 'out-of-range' }, { typed: { t: 'n', v: -Infinity }, number: 'out-of-range' },
  { typed: { t: 'n', v: 1e16 }, number: 'out-of-range' }, { typed: { t: 'n', v: 1e14 }, number: 'number-too-large' },
  { typed: { t: 'n', v: -3 }, number: -3 }, { typed: { t: 'n', v: 0.1 + 0.2 }, number: 0.1 + 0.2 },
  { typed: { t: 'n', v: 1 }, number: 1, yesno: true }, { typed: { t: 'n', v: 0 }, number: 0, yesno: false },
  { typed: { t: 'n', v: 2 }, number: 2, yesno: 'not-yes-no' }, { typed: { t: 'n', v: Number.MIN_VALUE }, number: Number.MIN_VALUE },
  { typed: { t: 'b', v: true }, number: 'not-a-number', yesno: true }, { typed: { t: 'b', v: false }, number: 'not-a-number', yesno: false },
  { typed: { t: 'e', v: '#DIV/0!' }, number: 'formula-error', date: 'formula-error', yesno: 'formula-error' },
  { typed: { t: 'e', v: '#REF!', f: true }, number: 'formula-error', date: 'formula-error', yesno: 'formula-error' },
  { typed: { t: 'e', v: '', f: true }, number: 'formula-no-value', date: 'formula-no-value', yesno: 'formula-no-value' },
  { typed: { t: 'd', v: '2024-01-05' }, number: 'not-a-number', date: '2024-01-05', yesno: 'not-yes-no' },
  { typed: { t: 'd', v: '2023-02-30' }, date: 'impossible-date' }, { typed: { t: 'd', v: '0023-12-20' }, date: 'year-out-of-range' },
  { typed: { t: 'd', v: '9999-12-31' }, date: 'year-out-of-range' }, { typed: { t: 'd', v: 'hôm nay' }, date: 'not-a-date' },
  { typed: { t: 'd', v: '' }, date: 'not-a-date' }, { typed: { t: 's', v: '5', f: true }, number: 5 },
];

// ---- Generated families, with readings computed independently of the reader -----------
/** A deterministic sequence (the suite's figures must not move between runs). */
function* lcg(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x / 2147483648;
  }
}
const rnd = lcg(7);
const r = () => rnd.next().value as number;
const viGroups = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const UNITS = ['', ' đồng', ' hộ', ' người', ' lượt', ' đ', ' VNĐ', ' km', ' ha'];
const generatedNumbers: [string, Want<number>][] = [];
for (let i = 0; i < 60; i++) {
  const n = Math.floor(r() ** 3 * 1e12);
  generatedNumbers.push([viGroups(n) + UNITS[i % UNITS.length], n]);
}
for (let i = 0; i < 30; i++) {
  const int = Math.floor(r() * 100000);
  const frac = String(Math.floor(r() * 100)).padStart(2, '0');
  generatedNumbers.push([`${viGroups(int)},${frac}`, Number(`${int}.${frac}`)]);
}
const generatedDates: [string, Want<string>][] = [];
const SEPS = ['/', '-', '.'];
for (let i = 0; i < 40; i++) {
  const t = Date.UTC(1900, 0, 1) + Math.floor(r() * (Date.UTC(2100, 11, 31) - Date.UTC(1900, 0, 1)) / 86_400_000) * 86_400_000;
  const d = new Date(t);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const sep = SEPS[i % 3]!;
  generatedDates.push([`${String(day).padStart(i % 2 ? 2 : 1, '0')}${sep}${String(m).padStart(2, '0')}${sep}${y}`, d.toISOString().slice(0, 10)]);
}
for (const [day, month] of [[31, 4], [31, 6], [31, 9], [31, 11], [30, 2], [31, 2]] as const) {
  for (const y of [1901, 1999, 2024, 2099]) generatedDates.push([`${day}/${String(month).padStart(2, '0')}/${y}`, 'impossible-date']);
}

const CASES: Case[] = [
  ...numbers.map(([t, n, warn]): Case => ({ typed: s(t), number: n, ...(warn ? { warn } : {}) })),
  ...generatedNumbers.map(([t, n]): Case => ({ typed: s(t), number: n })),
  ...dates.map(([t, d]): Case => ({ typed: s(t), date: d })),
  ...generatedDates.map(([t, d]): Case => ({ typed: s(t), date: d })),
  ...yesno.map(([t, y]): Case => ({ typed: s(t), yesno: y })),
  ...noValue.map((t): Case => ({ typed: s(t), number: 'empty', date: 'empty', yesno: 'empty' })),
  ...notNoValue.map(([t, n]): Case => ({ typed: s(t), number: n })),
  ...cells,
];
// "1" and "0" read as numbers and as yes/no.
for (const c of CASES) {
  if (c.typed?.t === 's' && (c.typed.v === '1' || c.typed.v === '0')) c.yesno = c.typed.v === '1';
}
for (const c of CASES) if (c.typed?.t === 's' && c.typed.v.trim() === '1') c.yesno = true;
CASES.push({ typed: s('1'), number: 1, yesno: true }, { typed: s('0'), number: 0, yesno: false });

const want = <T,>(w: Want<T> | undefined): Want<T> => w ?? 'error';
const shown = (c: Cell) => JSON.stringify(c);

/** A reading matches its expectation. */
function matches<T>(got: ReturnType<typeof readNumber> | ReturnType<typeof readDate> | ReturnType<typeof readYesNo>, w: Want<T>): boolean {
  if (w === 'empty') return got.kind === 'empty';
  if (w === 'error') return got.kind === 'error' && CODES.has(got.code);
  if (typeof w === 'string' && CODES.has(w)) return got.kind === 'error' && got.code === w;
  return got.kind === 'value' && got.value === w;
}

describe(`${CASES.length} hostile and odd cell values, read as NUMBERS.md says`, () => {
  it('has at least 300 of them', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
  });

  it('each reads as a number, a date and a yes/no exactly as documented (warnings included)', () => {
    const wrong: string[] = [];
    for (const c of CASES) {
      const n = readNumber(c.typed);
      if (!matches(n, want(c.number))) wrong.push(`number ${shown(c.typed)} → ${JSON.stringify(n)}, want ${want(c.number)}`);
      if (n.kind === 'value' && (n.warning?.code ?? undefined) !== c.warn) wrong.push(`warning ${shown(c.typed)} → ${n.warning?.code}, want ${c.warn}`);
      const d = readDate(c.typed);
      if (!matches(d, want(c.date))) wrong.push(`date ${shown(c.typed)} → ${JSON.stringify(d)}, want ${want(c.date)}`);
      const y = readYesNo(c.typed);
      if (!matches(y, want(c.yesno))) wrong.push(`yes/no ${shown(c.typed)} → ${JSON.stringify(y)}, want ${want(c.yesno)}`);
    }
    expect(wrong).toEqual([]);
  });
});

// ---- Placed in every input column of a real layout ------------------------------------
type Column = 'target' | 'actual-number' | 'actual-date' | 'due-date' | 'actual-yesno' | 'self' | 'review' | 'evidence';
const CELL: Record<Column, string> = {
  target: 'D2', 'actual-number': 'E2', 'actual-date': 'E2', 'due-date': 'D2', 'actual-yesno': 'E2', self: 'F2', review: 'H2', evidence: 'G2',
};
const BIG = 100_000_000_000; // Điểm chuẩn of the Tự chấm criterion: large readings still fit under it.

/** The hostile unit U1 with `v` in `column`, beside a plain unit U2; returns U1's points on 1.1 and its issues. */
function place(column: Column, v: Cell) {
  const rule = { target: 'Tỷ lệ', 'actual-number': 'Tỷ lệ', 'actual-date': 'Đúng hạn', 'due-date': 'Đúng hạn', 'actual-yesno': 'Đạt/Không đạt', self: 'Tự chấm', review: 'Tự chấm', evidence: 'Tự chấm' }[column];
  const max = rule === 'Tự chấm' ? BIG : 100;
  const plain = { target: '1.000', actual: '500', self: '7', evidence: 'QĐ số 1', review: undefined as Cell | string | undefined };
  const inputs: Record<string, Cell | string | undefined> = { ...plain };
  if (rule === 'Đúng hạn') Object.assign(inputs, { target: '31/12/2024', actual: '15/06/2024' });
  if (rule === 'Đạt/Không đạt') Object.assign(inputs, { actual: 'Đạt' });
  const field = { target: 'target', 'actual-number': 'actual', 'actual-date': 'actual', 'due-date': 'target', 'actual-yesno': 'actual', self: 'self', review: 'review', evidence: 'evidence' }[column];
  inputs[field] = v ?? '';
  const spec: ClusterSpec = {
    units: [{ code: 'U1' }, { code: 'U2' }],
    criteria: [{ code: '1.1', max, rule, ...(rule === 'Đúng hạn' ? { param: 1 } : {}) }, { code: '1.2', max: 1, rule: 'Đạt/Không đạt' }],
    entries: {
      U1: { '1.1': inputs as never, '1.2': { actual: 'Đạt' } },
      U2: { '1.1': { ...plain, ...(rule === 'Đúng hạn' ? { target: '31/12/2024', actual: '15/06/2024' } : {}), ...(rule === 'Đạt/Không đạt' ? { actual: 'Đạt' } : {}) } as never, '1.2': { actual: 'Đạt' } },
    },
  };
  const ev = evaluate(snapshot(spec)).evaluation;
  const u1 = ev.units.find((u) => u.code === 'U1')!;
  for (const u of ev.units) {
    expect(Number.isInteger(u.total) && u.total >= 0).toBe(true);
    for (const sc of u.scores) expect(Number.isInteger(sc.points)).toBe(true);
  }
  // What the person typed is quoted in the message; the rest must never show a broken value.
  for (const i of ev.issues) expect(i.message.replace(/"[^"]*"/g, '""')).not.toMatch(/NaN|undefined|\[object/);
  return { points: u1.scores.find((x) => x.code === '1.1')!.points, issues: ev.issues.filter((i) => i.unit === 'U1' && i.criterion === '1.1') };
}

const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** What U1 must get on 1.1 and which issue, if any, on the cell, for case `c` in `column`. */
function expected(column: Column, c: Case): { points: number | null; error?: IssueCode | 'error'; warn?: IssueCode } {
  if (column === 'evidence') {
    const none = textOf(c.typed).trim() === '' || ['-', '–', '—'].includes(textOf(c.typed).trim());
    return { points: 700, ...(none ? { warn: 'no-evidence' as const } : {}) };
  }
  if (column === 'actual-yesno') {
    const w = want(c.yesno);
    if (w === 'empty') return { points: 0, error: 'missing-value' };
    if (typeof w === 'boolean') return { points: w ? 10_000 : 0 };
    return { points: 0, error: w };
  }
  if (column === 'actual-date' || column === 'due-date') {
    const w = want(c.date);
    if (w === 'empty') return { points: 0, error: 'missing-value' };
    if (typeof w === 'string' && /^\d{4}-/.test(w)) {
      const late = column === 'actual-date' ? days('2024-12-31', w) : days(w, '2024-06-15');
      return { points: Math.max(0, 100 - Math.max(0, late)) * 100 };
    }
    return { points: 0, error: w as IssueCode | 'error' };
  }
  const w = want(c.number);
  const warn = c.warn ? { warn: c.warn } : {};
  if (column === 'review' && w === 'empty') return { points: 700 }; // Cụm chấm empty or a dash: the Tự chấm applies
  if (w === 'empty') return { points: 0, error: column === 'target' ? 'missing-target' : 'missing-value' };
  if (typeof w !== 'number') return { points: 0, error: w };
  if (w < 0) return { points: 0, error: 'negative', ...warn };
  // A target of 0, or one so near 0 that 500 / T overflows (5e-324), cannot be compared (rules/target-actual.ts).
  if (column === 'target') return w === 0 || !Number.isFinite(500 / w) ? { points: 0, error: 'target-not-positive', ...warn } : { points: toCents(100 * Math.min(500 / w, 1)), ...warn };
  if (column === 'actual-number') return { points: toCents(100 * Math.min(w / 1000, 1)), ...warn };
  if (w > BIG) return { points: 0, error: 'self-score-above-max', ...warn };
  return { points: toCents(w), ...warn };
}

describe('the same values placed in every input column: the documented score or an issue on that cell', () => {
  const columns = Object.keys(CELL) as Column[];
  it.each(columns)('in %s', (column) => {
    const wrong: string[] = [];
    for (const c of CASES) {
      const want = expected(column, c);
      const got = place(column, c.typed);
      const onCell = got.issues.filter((i: Issue) => i.cell === CELL[column]);
      const errors = got.issues.filter((i) => i.severity === 'error');
      const tag = `${column} ${shown(c.typed)}`;
      if (got.points !== want.points) wrong.push(`${tag}: ${got.points} points, want ${want.points}`);
      if (want.error) {
        const e = onCell.find((i) => i.severity === 'error');
        if (!e || (want.error !== 'error' && e.code !== want.error)) wrong.push(`${tag}: issues ${JSON.stringify(got.issues.map((i) => [i.cell, i.code]))}, want ${want.error} on ${CELL[column]}`);
      } else if (errors.length) wrong.push(`${tag}: unexpected errors ${JSON.stringify(errors.map((i) => [i.cell, i.code]))}`);
      if (want.warn && !onCell.some((i) => i.severity === 'warning' && i.code === want.warn)) wrong.push(`${tag}: no ${want.warn} warning on ${CELL[column]}`);
    }
    expect(wrong).toEqual([]);
  });
});

// ---- Text in names and labels ----------------------------------------------------------

describe('hostile text in names and labels never breaks the emails or the chart', () => {
  const chunks: string[][] = [];
  for (let i = 0; i < HOSTILE_TEXT.length; i += 6) chunks.push(HOSTILE_TEXT.slice(i, i + 6));
  // C0 controls but tab/newline, DEL, U+FFFE/U+FFFF and lone surrogates: none may reach what people read.
  const UNPRINTABLE = /[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

  it(`${HOSTILE_TEXT.length} texts as unit names, criterion contents, the cluster name and the award label`, () => {
    expect(HOSTILE_TEXT.length).toBeGreaterThanOrEqual(60);
    for (const texts of chunks) {
      const units = texts.map((t, i) => ({ code: `U${i + 1}`, name: t, email: `u${i + 1}@example.vn` }));
      const spec: ClusterSpec = {
        settings: { 'Tên cụm': texts[0]!, 'Hình thức Cờ': texts[1]!.trim() || 'Cờ', 'Kỳ đánh giá': texts[2]!, 'Email nhận báo cáo': 'lanh.dao@example.vn' },
        units,
        criteria: [{ code: '1', content: texts[3]! }, { code: '1.1', content: texts[4]!, max: 100, rule: 'Tự chấm' }],
        entries: Object.fromEntries(units.map((u, i) => [u.code, { '1.1': { self: String(90 + i), evidence: texts[5] ?? 'QĐ' } }])),
      };
      const ev = evaluate(snapshot(spec)).evaluation;
      // A unit with no name is shown by its code.
      expect(ev.units.map((u) => u.name).sort()).toEqual(units.map((u) => u.name.normalize('NFC').trim() || u.code).sort());
      const drafts = planReports(ev, { cluster: 'local', asOf: '2024-12-15', workbookTitle: texts[0]! });
      expect(drafts.length).toBe(units.length + 1);
      for (const d of drafts) {
        for (const part of [d.subject, d.html, d.text]) expect(part).not.toMatch(UNPRINTABLE);
        expect(d.subject).not.toMatch(/[\r\n]/);
        expect(d.html).not.toMatch(/<script>|<img src=x/);
      }
      const summary = drafts.find((d) => d.kind === 'summary')!;
      expect(summary.attachments[0]?.contentType).toBe('image/png'); // the chart rendered
    }
  });
});
