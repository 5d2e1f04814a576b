import type { IssueCode } from '../model.js';

/**
 * What reading one cell gives: a value (possibly with a warning to show on the cell),
 * nothing (empty: missing, not zero), or an error that says what to type instead.
 */
export type ReadResult<T> =
  | { kind: 'value'; value: T; warning?: { code: IssueCode; params: Record<string, string> } }
  | { kind: 'empty' }
  | { kind: 'error'; code: IssueCode; params: Record<string, string> };

export const EMPTY = { kind: 'empty' } as const;

export function fail(code: IssueCode, typed: string, extra: Record<string, string> = {}): ReadResult<never> {
  return { kind: 'error', code, params: { typed, ...extra } };
}

/** Errors the spreadsheet itself reports, common to every kind of value. */
export function spreadsheetError(c: { t: 'e'; v: string }): ReadResult<never> {
  return c.v === '' ? fail('formula-no-value', '') : fail('formula-error', c.v);
}
