/**
 * The facts each email shows, taken from the core's `Evaluation`: plain data, no words of
 * either language (those live in the templates). The content hash of the idempotency key
 * is computed over these facts, so they hold everything rendered but the as-of date.
 */
import type { Cents, Criterion, Evaluation, Issue, Lang, Severity, UnitResult, UnitStatus } from '../core/model.js';
import { foldAccents, sameName } from '../core/text.js';
import { NEEDS_VOTE, REVOTE } from '../../sheets-schema/layout.js';
import { nextYearText } from '../core/meeting/aside.js';
import { pickHighlights, type Highlight } from './highlights.js';

export type AwardClass = 'flag' | 'cert' | 'vote' | 'none';

export interface ClusterFacts {
  name: string;
  year: number | null;
  period: string;
  /** `Kỳ đánh giá` is the whole year: the subject then says just "năm 2023". */
  fullYear: boolean;
  scale: number;
  /** `Mức Xuất sắc` as a fraction of the scale. */
  excellent: number;
  deadline: string | null;
}

export interface RankRow {
  code: string;
  name: string;
  rank: number | null;
  status: UnitStatus;
  /** Subtotal per column of `groupColumns`, same order. */
  groups: Cents[];
  bonus: Cents;
  deduction: Cents;
  total: Cents;
  grade: string | null;
  award: string | null;
  awardClass: AwardClass;
  awardReason: string;
  /** `Kết quả bình xét`: this unit's tallies of Bỏ phiếu, or null without rows. */
  voteResult: string | null;
  errorCount: number;
  warningCount: number;
}

export interface IssueLine {
  tab: string;
  cell: string | null;
  criterion: string | null;
  severity: Severity;
  message: string;
}

/** One earlier year of a unit, from `Lịch sử`. */
export interface PastYear {
  year: number;
  rank: number | null;
  total: Cents | null;
  grade: string | null;
  award: string | null;
  role: string | null;
}

/** A unit proposed for the flag this year that also received it the year before. */
export interface RepeatFlag {
  code: string;
  name: string;
  /** The year before. */
  year: number;
  /** The award as `Lịch sử` names it. */
  award: string;
}

export interface SummaryFacts {
  kind: 'summary';
  lang: Lang;
  cluster: ClusterFacts;
  groupColumns: { code: string; content: string }[];
  rows: RankRow[];
  counts: { units: number; submitted: number; missing: number; withErrors: number; errors: number; warnings: number };
  /** Units still to act: no data at all, or errors to fix. */
  pending: RankRow[];
  awards: { flag: RankRow[]; cert: RankRow[]; vote: RankRow[]; none: RankRow[] };
  flagLabel: string;
  certificateLabel: string;
  certificateCount: number;
  highlights: Highlight[];
  /** Proposed for the flag again after receiving it the year before (MEETING.md: awards that "simply rotate"). */
  repeatFlag: RepeatFlag[];
  /** The meeting's vote (MEETING.md), where there is one: each unit voted on, and next year's roles when a vote decided them. */
  votes: { name: string; result: string }[];
  nextYear: string | null;
  source: { url: string | null; title: string };
}

export interface ScoreLine {
  code: string;
  content: string;
  points: Cents;
  max: Cents | null;
  /** Points not earned (max − points) for an ordinary criterion; null when there is no max. */
  lost: Cents | null;
  explain: string;
  kind: 'ordinary' | 'bonus' | 'deduction';
}

export interface ScoreSection {
  code: string;
  content: string;
  earned: Cents;
  max: Cents;
  lines: ScoreLine[];
}

export interface ScorecardFacts {
  kind: 'scorecard';
  lang: Lang;
  cluster: ClusterFacts;
  unit: RankRow & { ordinary: Cents; noAward: string | null };
  /** How many units are ranked (have data). */
  ranked: number;
  /** The nearest unit ranked above this one, and the points between them. */
  above: { name: string; rank: number; total: Cents; gap: Cents } | null;
  sections: ScoreSection[];
  adjustments: ScoreLine[];
  bonusCap: Cents | null;
  issues: IssueLine[];
  /** The unit's earlier years from `Lịch sử`, oldest first, and the awards among them. */
  history: PastYear[];
  pastAwards: { year: number; award: string }[];
  source: { url: string | null; title: string };
}

export interface ReminderFacts {
  kind: 'reminder';
  lang: Lang;
  cluster: ClusterFacts;
  deadline: string;
  /** Whole days from today to the deadline; 0 on the deadline day. */
  daysLeft: number;
  unit: RankRow;
  /** For a unit with no data at all: every criterion it has to fill in on its tab. */
  toFill: { code: string; content: string }[];
  issues: IssueLine[];
  source: { url: string | null; title: string };
}

export type Facts = SummaryFacts | ScorecardFacts | ReminderFacts;

function clusterFacts(ev: Evaluation): ClusterFacts {
  const s = ev.settings;
  const folded = foldAccents(s.period);
  return {
    name: s.name,
    year: s.year,
    period: s.period,
    fullYear: folded === 'ca nam' || folded === 'full year' || folded === '',
    scale: s.scale,
    excellent: s.thresholds.excellent,
    deadline: s.deadline,
  };
}

function awardClass(ev: Evaluation, award: string | null): AwardClass {
  if (award === null || award === '') return 'none';
  if (award === NEEDS_VOTE || award === REVOTE) return 'vote';
  if (award === ev.settings.flagLabel) return 'flag';
  return 'cert';
}

/** Top-level groups that hold at least one ordinary criterion: the ranking's columns. */
function groupColumns(ev: Evaluation): { code: string; content: string }[] {
  const ordinaryTops = new Set(
    ev.criteria.filter((c) => !c.isGroup && kindOf(c) === 'ordinary').map((c) => c.top),
  );
  return ev.groups.filter((g) => ordinaryTops.has(g.code));
}

function kindOf(c: Criterion): ScoreLine['kind'] {
  if (c.rule === 'bonus') return 'bonus';
  if (c.rule === 'deduction') return 'deduction';
  return 'ordinary';
}

function rankRow(ev: Evaluation, u: UnitResult, columns: { code: string }[]): RankRow {
  return {
    code: u.code,
    name: u.name,
    rank: u.rank,
    status: u.status,
    groups: columns.map((g) => u.groups[g.code] ?? 0),
    bonus: u.bonus,
    deduction: u.deduction,
    total: u.total,
    grade: u.grade,
    award: u.award,
    awardClass: awardClass(ev, u.award),
    awardReason: u.awardReason,
    voteResult: u.voteResult,
    errorCount: u.errorCount,
    warningCount: u.warningCount,
  };
}

/** Only links a person can open safely: http(s). Anything else is dropped. */
function sourceOf(ctx: { workbookTitle: string; url?: string }): { url: string | null; title: string } {
  const url = ctx.url && /^https?:\/\//i.test(ctx.url) ? ctx.url : null;
  return { url, title: ctx.workbookTitle };
}

export function summaryFacts(ev: Evaluation, ctx: { workbookTitle: string; url?: string }): SummaryFacts {
  const columns = groupColumns(ev);
  const rows = ev.units.map((u) => rankRow(ev, u, columns));
  const ranked = rows.filter((r) => r.status !== 'missing');
  const byClass = (c: AwardClass) => ranked.filter((r) => r.awardClass === c);
  return {
    kind: 'summary',
    lang: ev.settings.language,
    cluster: clusterFacts(ev),
    groupColumns: columns,
    rows,
    counts: {
      units: rows.length,
      submitted: ranked.length,
      missing: rows.length - ranked.length,
      withErrors: rows.filter((r) => r.status === 'issues').length,
      errors: rows.reduce((n, r) => n + r.errorCount, 0),
      warnings: rows.reduce((n, r) => n + r.warningCount, 0),
    },
    pending: rows.filter((r) => r.status !== 'ok'),
    awards: { flag: byClass('flag'), cert: byClass('cert'), vote: byClass('vote'), none: byClass('none') },
    flagLabel: ev.settings.flagLabel,
    certificateLabel: ev.settings.certificateLabel,
    certificateCount: ev.settings.certificateCount,
    highlights: pickHighlights(ev),
    repeatFlag: repeatFlags(ev),
    votes: ev.units.flatMap((u) => (u.voteResult ? [{ name: u.name, result: u.voteResult }] : [])),
    nextYear: ev.next.by === 'vote' ? nextYearText(ev, ev.settings.language) : null,
    source: sourceOf(ctx),
  };
}

/** Units whose award this year is the flag and whose `Lịch sử` row of the year before names the flag. */
function repeatFlags(ev: Evaluation): RepeatFlag[] {
  const year = ev.settings.year;
  if (year === null) return [];
  const out: RepeatFlag[] = [];
  for (const u of ev.units) {
    if (awardClass(ev, u.award) !== 'flag') continue;
    const last = u.history.find((h) => h.year === year - 1 && h.award !== null && sameName(h.award, ev.settings.flagLabel));
    if (last) out.push({ code: u.code, name: u.name, year: last.year, award: last.award! });
  }
  return out;
}

function pastYears(u: UnitResult): PastYear[] {
  return u.history.map((h) => ({ ...h, total: h.total === null ? null : Math.round(h.total * 100) }));
}

function issueLines(ev: Evaluation, unit: string): IssueLine[] {
  const order = (i: Issue) => (i.severity === 'error' ? 0 : 1);
  return ev.issues
    .filter((i) => i.unit === unit)
    .sort((a, b) => order(a) - order(b))
    .map((i) => ({ tab: i.tab, cell: i.cell, criterion: i.criterion, severity: i.severity, message: i.message }));
}

function scoreLines(ev: Evaluation, u: UnitResult): ScoreLine[] {
  const byCode = new Map(u.scores.map((s) => [s.code, s]));
  const lines: ScoreLine[] = [];
  for (const c of ev.criteria) {
    if (c.isGroup) continue;
    const s = byCode.get(c.code);
    if (!s) continue;
    const kind = kindOf(c);
    const max = s.max ?? c.max;
    lines.push({
      code: c.code,
      content: c.content,
      points: Math.abs(s.points),
      max,
      lost: kind === 'ordinary' && max !== null ? Math.max(0, max - s.points) : null,
      explain: s.explain,
      kind,
    });
  }
  return lines;
}

export function scorecardFacts(ev: Evaluation, unit: UnitResult, ctx: { workbookTitle: string; url?: string }): ScorecardFacts {
  const columns = groupColumns(ev);
  const lines = scoreLines(ev, unit);
  const topOf = new Map(ev.criteria.map((c) => [c.code, c.top]));
  const sections: ScoreSection[] = [];
  for (const g of columns) {
    const mine = lines.filter((l) => l.kind === 'ordinary' && topOf.get(l.code) === g.code);
    if (mine.length === 0) continue;
    sections.push({
      code: g.code,
      content: g.content,
      earned: mine.reduce((n, l) => n + l.points, 0),
      max: mine.reduce((n, l) => n + (l.max ?? 0), 0),
      lines: mine,
    });
  }
  const ranked = ev.units.filter((u) => u.rank !== null);
  const aboveUnit =
    unit.rank === null ? undefined : [...ranked].reverse().find((u) => u.rank !== null && u.rank < unit.rank!);
  const s = ev.settings;
  return {
    kind: 'scorecard',
    lang: s.language,
    cluster: clusterFacts(ev),
    unit: { ...rankRow(ev, unit, columns), ordinary: unit.ordinary, noAward: unit.noAward },
    ranked: ranked.length,
    above: aboveUnit
      ? { name: aboveUnit.name, rank: aboveUnit.rank!, total: aboveUnit.total, gap: aboveUnit.total - unit.total }
      : null,
    sections,
    adjustments: lines.filter((l) => l.kind !== 'ordinary'),
    bonusCap: s.bonusCap === null ? null : Math.round(s.bonusCap * 100),
    issues: issueLines(ev, unit.code),
    history: pastYears(unit),
    pastAwards: unit.history.filter((h) => h.award !== null).map((h) => ({ year: h.year, award: h.award! })),
    source: sourceOf(ctx),
  };
}

export function reminderFacts(
  ev: Evaluation,
  unit: UnitResult,
  when: { deadline: string; daysLeft: number },
  ctx: { workbookTitle: string; url?: string },
): ReminderFacts {
  const toFill =
    unit.status === 'missing'
      ? ev.criteria.filter((c) => !c.isGroup && kindOf(c) === 'ordinary').map((c) => ({ code: c.code, content: c.content }))
      : [];
  return {
    kind: 'reminder',
    lang: ev.settings.language,
    cluster: clusterFacts(ev),
    deadline: when.deadline,
    daysLeft: when.daysLeft,
    unit: rankRow(ev, unit, groupColumns(ev)),
    toFill,
    issues: issueLines(ev, unit.code),
    source: sourceOf(ctx),
  };
}
