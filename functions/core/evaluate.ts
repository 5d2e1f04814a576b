/**
 * The pure middle of a run: a workbook snapshot in, the cluster's results out. No I/O,
 * no clock, no randomness — the same snapshot always gives the same evaluation.
 */
import { BALLOT_HEADERS, CRITERIA_HEADERS, SETTINGS_HEADERS, TAB, UNIT_HEADERS } from '../../sheets-schema/layout.js';
import { rankingGroups } from '../../sheets-schema/ranking.js';
import type { TabSnapshot, WorkbookSnapshot } from './cell.js';
import { proposeAwards } from './awards.js';
import { grade } from './grade.js';
import { IssueList, renderIssue, type RawIssue } from './issues.js';
import type { Criterion, Evaluation, Issue, UnitResult } from './model.js';
import { rank } from './rank.js';
import { scoreAll } from './score.js';
import { totals } from './totals.js';
import { WorkbookUnusableError } from './unusable.js';
import { readCriteria } from './workbook/criteria.js';
import { readEntries, type EntryTab } from './workbook/entries.js';
import { findTab, headerColumns } from './workbook/grid.js';
import { readSettings } from './workbook/settings.js';
import { readUnits } from './workbook/units.js';
import { passes, readBallot, type BallotRow } from './ballot/read.js';
import { resolveAwards } from './ballot/resolve.js';
import { voteResultText } from './ballot/text.js';
import { changesSince, scoringInputs, type InputTexts, type TabInputs } from './lock/inputs.js';
import { nextRoles } from './meeting/next.js';
import type { VoteOutcome, VoteTally } from './model.js';
import { historyOf, readHistory } from './workbook/history.js';
import { checkHistory, type CarriedRows } from './history-check.js';
import { normalizeName } from './text.js';

/** What a lock froze (MEETING.md): the results before the vote and the inputs they came from. */
export interface LockedResults {
  /** Epoch ms of the lock. */
  at: number;
  /** The units as the lock evaluated them, in rank order; `award` = `proposal` (the vote is applied on top). */
  units: UnitResult[];
  /** The scoring inputs' texts at the lock (core/lock/inputs.ts). */
  inputs: InputTexts;
  /** The issues of the locked evaluation. */
  issues: Issue[];
}

export interface EvaluationDetail {
  evaluation: Evaluation;
  /** Each unit's tab as read (null when it has none), for writing `Điểm` and `Kiểm tra`. */
  entries: Map<string, EntryTab | null>;
  /** Issues with their row and column, for placing them on cells. */
  rawIssues: RawIssue[];
  /** The scoring inputs as read, for a lock (core/lock/inputs.ts). */
  inputs: Map<string, TabInputs>;
  /** Each unit's `Người nhập liệu`, by code (who may edit a tab a run creates for it). */
  editors: Map<string, string[]>;
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

export interface EvaluateOptions {
  /** The `Lịch sử` rows the ledger says `new-year` carried into this workbook; null when it has no record. */
  carriedHistory?: CarriedRows | null;
  /** While locked: everything is read and validated, but the results are the locked ones. */
  lock?: LockedResults | null;
}

export function evaluate(wb: WorkbookSnapshot, opts: EvaluateOptions = {}): EvaluationDetail {
  const issues = new IssueList();
  const settingsTab = requireTab(wb, TAB.settings);
  const unitsTab = requireTab(wb, TAB.units);
  const criteriaTab = requireTab(wb, TAB.criteria);
  const sCols = columns(settingsTab, TAB.settings, SETTINGS_HEADERS, REQUIRED_HEADERS[TAB.settings], issues);
  const uCols = columns(unitsTab, TAB.units, UNIT_HEADERS, REQUIRED_HEADERS[TAB.units], issues);
  const cCols = columns(criteriaTab, TAB.criteria, CRITERIA_HEADERS, REQUIRED_HEADERS[TAB.criteria], issues);

  const units = readUnits(unitsTab, uCols, issues);
  const unitCodes = units.map((u) => u.code);
  const { settings: partial, scale } = readSettings(settingsTab, sCols.key!, sCols.value!, wb.title, issues, unitCodes);
  const criteria = readCriteria(criteriaTab, cCols, issues);
  const settings = { ...partial, scale: scale ?? defaultScale(criteria) };
  const lang = settings.language;
  const history = readHistory(findTab(wb, TAB.history), issues);
  if (opts.carriedHistory) checkHistory(history, opts.carriedHistory, issues);

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

  // Each unit's `Lịch sử` rows, grouped once (a scan per unit is quadratic at 10.000 units).
  const historyByUnit = new Map<string, typeof history.rows>();
  for (const h of history.rows) {
    const key = normalizeName(h.code);
    const rows = historyByUnit.get(key);
    if (rows) rows.push(h);
    else historyByUnit.set(key, [h]);
  }
  const scored: UnitResult[] = ranked.map(({ c, rank: r, grade: g }) => ({
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
    scores: scores.get(c.u.code)!,
    grade: g,
    proposal: awards.get(c.u.code)!.award,
    award: awards.get(c.u.code)!.award,
    awardReason: awards.get(c.u.code)!.reason,
    votes: [],
    voteResult: null,
    noAward: c.u.noAward,
    errorCount: c.errors,
    warningCount: warningsOf.get(c.u.code) ?? 0,
    history: historyOf(historyByUnit.get(normalizeName(c.u.code)) ?? [], c.u.code, settings.year),
  }));

  // While locked, the results are the locked ones; every input changed since is a warning on its cell.
  // Every input cell's text, for a lock: a fifth of a run's time at 2.000 units, so made only when asked for.
  let inputsMemo: Map<string, TabInputs> | null = null;
  const scoringInputsOf = () => (inputsMemo ??= scoringInputs(wb, unitCodes, lang));
  const lock = opts.lock ?? null;
  const base = lock ? lock.units.map((u) => ({ ...u, award: u.proposal, votes: [], voteResult: null })) : scored;
  if (lock) {
    // A removed row has no cell: the warning names its tab and its Mã.
    const empty = lang === 'vi' ? '(trống)' : '(empty)';
    for (const ch of changesSince(lock.inputs, scoringInputsOf())) {
      issues.warning({
        unit: ch.unit, tab: ch.tab, row: ch.at?.row ?? null, col: ch.at?.col ?? null,
        criterion: ch.unit ? ch.rowKey : null, code: 'changed-after-lock',
        params: { before: ch.before || empty, after: ch.after || empty, key: ch.rowKey },
      });
    }
  }

  // The vote (Bỏ phiếu) on top of the proposals: the awards, then next year's head and deputy.
  const ballot = readBallot(findTab(wb, TAB.ballot), settings, unitCodes, issues);
  const awardRows = ballot.filter((r) => r.kind === 'flag' || r.kind === 'certificate');
  const resolution = resolveAwards(base.map((u) => ({
    code: u.code, name: u.name, rank: u.rank, status: u.status, grade: u.grade, noAward: u.noAward, proposal: u.proposal, reason: u.awardReason,
  })), awardRows, settings, lang);
  for (const { row, reason } of resolution.ineligible) {
    const name = base.find((u) => u.code === row.code)?.name ?? row.code;
    issues.warning({
      unit: null, tab: TAB.ballot, row: row.row, col: ballotCodeCol(wb), criterion: null, code: 'vote-ineligible',
      params: { name, subject: row.subject, reason },
    });
  }
  const roles = nextRoles(unitCodes, settings.year, settings.head, settings.deputy, ballot, settings.voteThreshold);
  const outcomeOf = new Map<BallotRow, VoteOutcome>(roles.outcomes);
  for (const r of resolution.rows) outcomeOf.set(awardRows[resolution.rows.indexOf(r)]!, r.outcome);
  const votesOf = new Map<string, VoteTally[]>();
  for (const r of ballot) {
    const tally: VoteTally = {
      subject: r.subject, kind: r.kind, for: r.for, valid: r.valid,
      passed: resolution.rows.find((x) => x.row === r.row)?.passed ?? passesRole(r, settings.voteThreshold),
      outcome: outcomeOf.get(r) ?? 'not-passed',
    };
    votesOf.set(r.code, [...(votesOf.get(r.code) ?? []), tally]);
  }
  const unitResults: UnitResult[] = base.map((u) => {
    const votes = votesOf.get(u.code) ?? [];
    const after = resolution.awards.get(u.code)!;
    return { ...u, award: after.award, awardReason: after.reason, votes, voteResult: voteResultText(votes, lang) };
  });

  const rawIssues = sortIssues(issues.items, units.map((u) => u.code));
  return {
    evaluation: {
      settings,
      criteria,
      groups: rankingGroupsOf(criteria),
      units: unitResults,
      issues: rawIssues.map((i) => renderIssue(i, lang)),
      locked: lock ? { at: lock.at, issues: lock.issues } : null,
      next: roles.next,
      history: history.rows,
    },
    entries,
    rawIssues,
    editors: new Map(units.map((u) => [u.code, u.editors])),
    get inputs() {
      return scoringInputsOf();
    },
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

/** Cluster tabs first, then units in `Đơn vị` order, then by row and column: keys computed once per issue. */
function sortIssues(items: RawIssue[], unitOrder: string[]): RawIssue[] {
  const unitAt = new Map<string, number>();
  unitOrder.forEach((code, n) => { if (!unitAt.has(code)) unitAt.set(code, n); });
  const clusterTabs: string[] = [TAB.settings, TAB.units, TAB.criteria, TAB.history];
  const tabRank = (i: RawIssue) =>
    i.unit !== null ? 10 + (unitAt.get(i.unit) ?? -1)
      : i.tab === TAB.ballot ? 10 + unitOrder.length
        : clusterTabs.indexOf(i.tab);
  return items
    .map((i, n) => ({ i, n, tab: tabRank(i), row: i.row ?? -1, col: i.col ?? -1 }))
    .sort((a, b) => a.tab - b.tab || a.row - b.row || a.col - b.col || a.n - b.n)
    .map((x) => x.i);
}

/** The `Mã` column of `Bỏ phiếu`, for warnings on a row. */
function ballotCodeCol(wb: WorkbookSnapshot): number | null {
  const tab = findTab(wb, TAB.ballot);
  return tab ? (headerColumns(tab, { code: BALLOT_HEADERS.code }).cols.code ?? null) : null;
}

function passesRole(r: BallotRow, threshold: number | null): boolean {
  return passes(r.for, r.valid, threshold);
}
