/**
 * A scoring rule (`Cách tính`, SCORING.md) in two steps: `read` checks one unit's inputs
 * and reports issues on their cells; `points` scores a valid reading, given every valid
 * reading of the same criterion (the cross-unit rules need them).
 */
import type { Cell } from '../cell.js';
import type { IssueCode, Severity } from '../model.js';
import { isNoValue } from '../values/missing.js';
import type { ReadResult } from '../values/result.js';

export type Field = 'target' | 'actual' | 'self' | 'review' | 'evidence';

export type Report = (field: Field, code: IssueCode, params: Record<string, string>, severity?: Severity) => void;

export interface RuleInput {
  target: Cell;
  actual: Cell;
  self: Cell;
  review: Cell;
  evidence: string;
  /** Điểm chuẩn, in points. */
  max: number;
  param: number | null;
  report: Report;
}

export type RuleKind = 'ordinary' | 'bonus' | 'deduction';

export interface Rule<R> {
  kind: RuleKind;
  /** Which `Tham số` the rule needs: none, optional, or required (> 0). */
  param: 'none' | 'optional' | 'required';
  /** The unit's reading, or null when an input is unusable (issues already reported): 0 points. */
  read(input: RuleInput): R | null;
  /**
   * True for the rules whose points compare a unit with the others (`So sánh`, `Vượt chỉ
   * tiêu`): they are scored once every unit is read. The others get an empty `all`.
   */
  comparesUnits?: true;
  /** Points before rounding; a deduction is returned positive. */
  points(reading: R, all: readonly R[], max: number, param: number | null): number;
  /** Why, in a few words for the scorecard ("đạt 113% chỉ tiêu"). */
  explain?(reading: R, lang: 'vi' | 'en'): string;
}

/** A value from a read, reporting its warning or error on `field`; empty → `undefined`. */
export function take<T>(r: ReadResult<T>, field: Field, report: Report): T | null | undefined {
  if (r.kind === 'empty') return undefined;
  if (r.kind === 'error') {
    report(field, r.code, r.params);
    return null;
  }
  if (r.warning) report(field, r.warning.code, r.warning.params, 'warning');
  return r.value;
}

/** A number ≥ 0 that the rule needs: empty is "thiếu dữ liệu". */
export function needNonNegative(
  r: ReadResult<number>,
  field: Field,
  report: Report,
  typed: string,
  hint: string,
): number | null {
  const v = take(r, field, report);
  if (v === undefined) {
    report(field, field === 'target' ? 'missing-target' : 'missing-value', { field: label(field), hint });
    return null;
  }
  if (v === null) return null;
  if (v < 0) {
    report(field, 'negative', { typed });
    return null;
  }
  return v;
}

export function label(field: Field): string {
  return { target: 'Chỉ tiêu', actual: 'Thực hiện', self: 'Tự chấm', review: 'Cụm chấm', evidence: 'Minh chứng' }[field];
}

/** The score a person gave: `Cụm chấm` when present replaces `Tự chấm`. */
export function givenScore(input: RuleInput): { cell: Cell; field: 'self' | 'review' } {
  return isNoValue(input.review) ? { cell: input.self, field: 'self' } : { cell: input.review, field: 'review' };
}

export function typedText(c: Cell): string {
  if (c === null) return '';
  return typeof c.v === 'string' ? c.v : String(c.v);
}

/**
 * `f(all)` computed once per list: the cross-unit rules need one maximum per criterion,
 * not one per unit (which made 10.000 units quadratic). Keyed by the list itself.
 */
export function oncePerList<T, V>(f: (all: readonly T[]) => V): (all: readonly T[]) => V {
  const memo = new WeakMap<readonly T[], V>();
  return (all) => {
    if (memo.has(all)) return memo.get(all)!;
    const v = f(all);
    memo.set(all, v);
    return v;
  };
}
