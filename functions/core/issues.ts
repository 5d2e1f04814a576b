/**
 * Issues are collected while reading and scoring, with their cell as row/column, and
 * turned into people's words once the workbook's language is known.
 */
import { a1 } from './a1.js';
import { issueMessage } from './messages.js';
import type { Issue, IssueCode, Lang, Severity } from './model.js';

export interface RawIssue {
  /** Unit code when on a unit's tab, else null. */
  unit: string | null;
  tab: string;
  row: number | null;
  col: number | null;
  criterion: string | null;
  severity: Severity;
  code: IssueCode;
  params: Record<string, string>;
}

export class IssueList {
  readonly items: RawIssue[] = [];

  add(i: RawIssue): void {
    this.items.push(i);
  }

  error(i: Omit<RawIssue, 'severity'>): void {
    this.items.push({ ...i, severity: 'error' });
  }

  warning(i: Omit<RawIssue, 'severity'>): void {
    this.items.push({ ...i, severity: 'warning' });
  }
}

export function renderIssue(i: RawIssue, lang: Lang): Issue {
  const cell = i.row !== null && i.col !== null ? a1(i.row, i.col) : null;
  // On a unit's own tab the cell is enough (the unit is named beside it); elsewhere name the tab.
  const message = issueMessage(lang, i.code, i.params, {
    cell,
    criterion: i.criterion,
    ...(i.unit === null ? { tab: i.tab } : {}),
  });
  return { unit: i.unit, tab: i.tab, cell, criterion: i.criterion, severity: i.severity, code: i.code, message };
}
