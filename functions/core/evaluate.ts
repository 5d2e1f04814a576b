/**
 * The pure middle of a run: a workbook snapshot in, the cluster's results out. No I/O,
 * no clock, no randomness — the same snapshot always gives the same evaluation.
 */
import { CRITERIA_HEADERS, SETTINGS_HEADERS, TAB, UNIT_HEADERS } from '../../sheets-schema/layout.js';
import { rankingGroups } from '../../sheets-schema/ranking.js';
import type { TabSnapshot, WorkbookSnapshot } from './cell.js';
import { proposeAwards } from './awards.js';
import { grade } from './grade.js';
import { IssueList, renderIssue, type RawIssue } from './issues.js';
import type { Criterion, Evaluation, UnitResult } from './model.js';
import { rank } from './rank.js';
import { scoreAll } from './score.js';
import { totals } from './totals.js';
import { WorkbookUnusableError } from './unusable.js';
import { readCriteria } from './workbook/criteria.js';
import { readEntries, type EntryTab } from './workbook/entries.js';
import { findTab, headerColumns } from './workbook/grid.js';
import { readSettings } from './workbook/settings.js';
import { readUnits } from './workbook/units.js';

export interface EvaluationDetail {
  evaluation: Evaluation;
  /** Each unit's tab as read (null when it has none), for writing `Điểm` and `Kiểm tra`. */
  entries: Map<string, EntryTab | null>;
  /** Issues with their row and column, for placing them on cells. */
  rawIssues: RawIssue[];
}

/** Headers without which a tab cannot be read at all; the others may be absent (a warning). */
const REQUIRED_HEADERS = {
  [TAB.settings]: ['key', 'value'],
  [TAB.units]: ['code', 'name'],
  [TAB.criteria]: ['code', 'content', 'maxPoints', 'rule'],
} as const;

function requireTab(wb: WorkbookSnapshot, name: string): TabSnapshot {
  const tab = findTab(wb, name);
  if (!tab) throw new WorkbookUnusableError({ code: 'missing-tab', tab: name });
  return tab;
}

function columns<K extends string>(tab: TabSnapshot, name: string, labels: Record<K, string>, required: readonly string[], issues: IssueList) {
  const { cols, missing } = headerColumns(tab, labels);
  for (const k of missing) {
    if (required.includes(k)) throw new WorkbookUnusableError({ code: 'missing-header', tab: name, header: labels[k] });
    issues.warning({
      unit: null, tab: name, row: 0, col: null, criterion: null, code: 'missing-header',
      params: { tab: name, header: labels[k], hint: 'column-empty' },
    });
  }
  return cols;
}

export function evaluate(wb: WorkbookSnapshot): EvaluationDetail {
  const issues = new IssueList();
  const settingsTab = requireTab(wb, TAB.settings);
  const unitsTab = requireTab(wb, TAB.units);
  const criteriaTab = requireTab(wb, TAB.criteria);
  const sCols = columns(settingsTab, TAB.settings, SETTINGS_HEADERS, REQUIRED_HEADERS[TAB.settings], issues);
  const uCols = columns(unitsTab, TAB.units, UNIT_HEADERS, REQUIRED_HEADERS[TAB.units], issues);
  const cCols = columns(criteriaTab, TAB.criteria, CRITERIA_HEADERS, REQUIRED_HEADERS[TAB.criteria], issues);

  const { settings: partial, scale } = readSettings(settingsTab, sCols.key!, sCols.value!, wb.title, issues);
  const units = readUnits(unitsTab, uCols, issues);
  const criteria = readCriteria(criteriaTab, cCols, issues);
  const settings = { ...partial, scale: scale ?? defaultScale(criteria) };
  const lang = settings.language;

  // A unit's tab issues count only once it has entered something: an empty tab is "missing", not wrong.
  const entries = new Map<string, EntryTab | null>();
  const hasData = new Map<string, boolean>();
  for (const u of units) {
    const tab = findTab(wb, u.code);
    if (!tab) {
      entries.set(u.code, null);
      hasData.set(u.code, false);
      continue;
    }
    const own = new IssueList();
    const e = readEntries(u.code, tab, criteria, own);
    entries.set(u.code, e);
    hasData.set(u.code, e.hasData);
    for (const i of own.items) if (e.hasData || i.code === 'missing-header') issues.add(i);
  }

  const scores = scoreAll(
    criteria,
    units.map((u) => ({ code: u.code, entries: entries.get(u.code) ?? null, scored: hasData.get(u.code)! })),
    issues,
    lang,
  );

  const errorsOf = new Map<string, number>();
  const warningsOf = new Map<string, number>();
  for (const i of issues.items) {
    if (i.unit === null) continue;
    const m = i.severity === 'error' ? errorsOf : warningsOf;
    m.set(i.unit, (m.get(i.unit) ?? 0) + 1);
  }

  const computed = units.map((u) => {
    const t = totals(scores.get(u.code)!, criteria, settings.bonusCap);
    const errors = errorsOf.get(u.code) ?? 0;
    const status: UnitResult['status'] = !hasData.get(u.code) ? 'missing' : errors > 0 ? 'issues' : 'ok';
    return { u, t, status, errors, hasData: status !== 'missing', total: t.total, ordinary: t.ordinary, deduction: t.deduction };
  });

  const ranked = rank(computed).map(({ unit: c, rank: r }) => ({
    c,
    rank: r,
    grade: c.status === 'missing' ? null : grade(c.t.total, settings),
  }));
  const awards = proposeAwards(
    ranked.map(({ c, rank: r, grade: g }) => ({
      code: c.u.code, name: c.u.name, rank: r, status: c.status, grade: g, noAward: c.u.noAward, errorCount: c.errors,
    })),
    settings,
    lang,
  );

  const unitResults: UnitResult[] = ranked.map(({ c, rank: r, grade: g }) => ({
    code: c.u.code,
    name: c.u.name,
    emails: c.u.emails,
    status: c.status,
    rank: r,
    ordinary: c.t.ordinary,
    bonus: c.t.bonus,
    deduction: c.t.deduction,
    total: c.t.total,
    groups: c.t.groups,
    scores: scores.get(c.u.code)!.map(({ kind: _k, valid: _v, ...s }) => s),
    grade: g,
    award: awards.get(c.u.code)!.award,
    awardReason: awards.get(c.u.code)!.reason,
    noAward: c.u.noAward,
    errorCount: c.errors,
    warningCount: warningsOf.get(c.u.code) ?? 0,
  }));

  const rawIssues = sortIssues(issues.items, units.map((u) => u.code));
  return {
    evaluation: {
      settings,
      criteria,
      groups: rankingGroupsOf(criteria),
      units: unitResults,
      issues: rawIssues.map((i) => renderIssue(i, lang)),
    },
    entries,
    rawIssues,
  };
}

/** `Thang điểm` by default: the sum of `Điểm chuẩn` of all criteria but `Thưởng` and `Trừ`. */
function defaultScale(criteria: Criterion[]): number {
  const cents = criteria
    .filter((c) => !c.isGroup && c.rule !== 'bonus' && c.rule !== 'deduction')
    .reduce((s, c) => s + (c.max ?? 0), 0);
  return cents > 0 ? cents / 100 : 100;
}

/** The columns of `Xếp hạng`: one definition with `thidua init` (sheets-schema/ranking.ts). */
function rankingGroupsOf(criteria: Criterion[]): { code: string; content: string }[] {
  return rankingGroups(criteria.map((c) => ({ code: c.code, content: c.content, group: c.isGroup, extra: c.rule === 'bonus' || c.rule === 'deduction' })));
}

/** Cluster tabs first, then units in `Đơn vị` order, then by row and column. */
function sortIssues(items: RawIssue[], unitOrder: string[]): RawIssue[] {
  const tabRank = (i: RawIssue) => (i.unit === null ? [TAB.settings, TAB.units, TAB.criteria].indexOf(i.tab as never) : 10 + unitOrder.indexOf(i.unit));
  return items
    .map((i, n) => ({ i, n }))
    .sort((a, b) => tabRank(a.i) - tabRank(b.i) || (a.i.row ?? -1) - (b.i.row ?? -1) || (a.i.col ?? -1) - (b.i.col ?? -1) || a.n - b.n)
    .map((x) => x.i);
}
