/**
 * Scores every unit on every criterion: each rule reads the unit's cells (reporting issues
 * on them), then scores the valid readings, the cross-unit rules seeing only valid values.
 *
 * Two passes, for speed at 10.000 units (docs/performance.md, "A linear core"): reading
 * goes unit by unit — all of a unit's rows while its tab is in cache — and needs nothing
 * from other units; scoring goes criterion by criterion over the readings gathered in flat
 * lists, since `So sánh` and `Vượt chỉ tiêu` compare each unit with all the others.
 */
import type { Cell } from './cell.js';
import { toCents } from './cents.js';
import type { IssueList } from './issues.js';
import type { Criterion, CriterionScore, Lang } from './model.js';
import { RULES } from './rules/index.js';
import type { Field, Rule, RuleInput, RuleKind } from './rules/rule.js';
import { rowOf, type EntryCols, type EntryTab } from './workbook/entries.js';
import { textOf } from './workbook/grid.js';
import { formatNumber } from './format.js';

/**
 * One criterion's result for one unit, as the evaluation publishes it. Each unit's list
 * has one per non-group criterion, in the criteria's order (totals.ts relies on it for
 * the rule's kind: no per-result `kind`, so no copy without it).
 */
export type ScoredCriterion = CriterionScore;

const COLUMN: Record<Field, keyof EntryCols> = {
  target: 'target',
  actual: 'actual',
  self: 'selfScore',
  review: 'reviewScore',
  evidence: 'evidence',
};

/** One criterion's valid readings, in unit order, and the results their points go into. */
interface Readings {
  criterion: Criterion;
  rule: Rule<unknown> | null;
  /** Điểm chuẩn, in points. */
  max: number;
  all: unknown[];
  into: ScoredCriterion[];
}

const NO_CELLS: Cell[] = [];
/** `all` for the rules that do not compare units. */
const NONE: readonly unknown[] = Object.freeze([]);

/** units: code → its tab, or null when it has none. Units without data get no issues. */
export function scoreAll(
  criteria: Criterion[],
  units: { code: string; entries: EntryTab | null; scored: boolean }[],
  issues: IssueList,
  lang: Lang,
): Map<string, ScoredCriterion[]> {
  const readings: Readings[] = [];
  for (const criterion of criteria) {
    if (criterion.isGroup) continue;
    readings.push({ criterion, rule: criterion.rule ? RULES[criterion.rule] : null, max: (criterion.max ?? 0) / 100, all: [], into: [] });
  }
  const why = WHY[lang];

  // Where the rule being read reports its issues: one input object, refilled per cell row
  // (one per unit × criterion was a closure and an object each, for the GC).
  let unit = '';
  let entries: EntryTab | null = null;
  let row: number | null = null;
  let code = '';
  let hasError = false;
  const input: RuleInput = {
    target: null, actual: null, self: null, review: null, evidence: '', max: 0, param: null,
    report(field, issue, params, severity = 'error') {
      if (severity === 'error') hasError = true;
      const col = entries!.cols[COLUMN[field]];
      issues.add({ unit, tab: entries!.tab.name, row, col: row === null ? null : (col ?? null), criterion: code, severity, code: issue, params });
    },
  };

  // Reading, unit by unit.
  const result = new Map<string, ScoredCriterion[]>();
  for (const u of units) {
    const list: ScoredCriterion[] = [];
    result.set(u.code, list);
    unit = u.code;
    entries = u.entries;
    const rows = entries?.tab.rows;
    const cols = entries?.cols;
    for (const r of readings) {
      const { criterion, rule } = r;
      row = entries ? rowOf(entries, criterion.code) : null;
      code = criterion.code;
      // Each cell read once: the display texts and the rule below use the same five.
      const cells = rows && row !== null ? (rows[row] ?? NO_CELLS) : NO_CELLS;
      const target = at(cells, cols?.target), actual = at(cells, cols?.actual);
      const self = at(cells, cols?.selfScore), review = at(cells, cols?.reviewScore);
      const evidence = textOf(at(cells, cols?.evidence));
      const t = display(target, lang), a = display(actual, lang), se = display(self, lang), rv = display(review, lang);

      // Why it scores 0 without a reading, or null when it has one.
      let failed: string | null = null;
      let reading: unknown = null;
      if (!rule || !criterion.usable) failed = why.criterionError;
      else if (!u.scored || !entries) failed = why.noData;
      else if (entries.duplicated.has(criterion.code)) failed = why.duplicate;
      else if (row === null) {
        // No row at all: bonus and deduction mean none; anything else is missing data.
        if (rule.kind === 'ordinary') {
          issues.error({ unit, tab: entries.tab.name, row: null, col: null, criterion: criterion.code, code: 'missing-row', params: { typed: criterion.code } });
          failed = why.noRow;
        } else reading = 0;
      } else {
        hasError = false;
        input.target = target;
        input.actual = actual;
        input.self = self;
        input.review = review;
        input.evidence = evidence;
        input.max = r.max;
        input.param = criterion.param;
        reading = rule.read(input);
        if (reading === null || hasError) failed = why.invalid;
      }

      if (failed !== null || !rule) {
        list.push(scored(criterion.code, criterion.max, row, t, a, se, rv, evidence, null, 0, failed ?? ''));
      } else if (rule.comparesUnits) {
        // Its points wait for every unit's reading: filled in below.
        const s = scored(criterion.code, criterion.max, row, t, a, se, rv, evidence, ratioOf(reading), 0, '');
        list.push(s);
        r.all.push(reading);
        r.into.push(s);
      } else {
        // Made whole at once: a result written again later, once old, costs the GC more.
        const points = toCents(rule.points(reading, NONE, r.max, criterion.param));
        const explain = explainScore(rule.explain?.(reading, lang), points, criterion.max, rule.kind, lang);
        list.push(scored(criterion.code, criterion.max, row, t, a, se, rv, evidence, ratioOf(reading), points, explain));
      }
    }
  }

  // The rules that compare units, criterion by criterion: they need every valid reading.
  for (const { criterion, rule, max, all, into } of readings) {
    for (let n = 0; n < all.length; n++) {
      const reading = all[n];
      const s = into[n]!;
      s.points = toCents(rule!.points(reading, all, max, criterion.param));
      s.explain = explainScore(rule!.explain?.(reading, lang), s.points, criterion.max, rule!.kind, lang);
    }
  }
  return result;
}

/** Why a criterion scored 0 without a reading. */
const WHY = {
  vi: { criterionError: 'tiêu chí đang lỗi trong tab Tiêu chí', noData: 'chưa nộp số liệu', duplicate: 'mã bị trùng dòng', noRow: 'thiếu dòng tiêu chí', invalid: 'dữ liệu chưa hợp lệ' },
  en: { criterionError: 'criterion has an error in Tiêu chí', noData: 'no data submitted', duplicate: 'duplicate rows', noRow: 'no row', invalid: 'invalid input' },
} as const;

function at(cells: Cell[], col: number | undefined): Cell {
  return col === undefined ? null : (cells[col] ?? null);
}

/**
 * Results are built field by field, always in the same order (the order the JSON shows):
 * one object shape for V8, and the very object the evaluation publishes. Spreading a base
 * into each result and rest-copying it for the evaluation took about a third of the
 * core's time at 2.000 units. Made once its points are known, except for
 * the rules that compare units (their `points` and `explain` are filled in last).
 */
function scored(
  code: string, max: number | null, row: number | null,
  target: string, actual: string, self: string, review: string, evidence: string,
  ratio: number | null, points: number, explain: string,
): ScoredCriterion {
  return { code, max, row, target, actual, self, review, evidence, ratio, points, explain };
}

/** A / T, for the readings that have one (`Tỷ lệ`, `Vượt chỉ tiêu`). */
function ratioOf(x: unknown): number | null {
  return typeof x === 'object' && x !== null && typeof (x as { ratio?: unknown }).ratio === 'number' ? (x as { ratio: number }).ratio : null;
}

/** The rule's few words, then the points lost (or deducted), joined by "; " where both are there. */
function explainScore(what: string | undefined, points: number, max: number | null, kind: RuleKind, lang: Lang): string {
  if (kind === 'bonus') return what ?? '';
  const deducted = kind === 'deduction';
  const cents = deducted ? points : max !== null && points < max ? max - points : 0;
  if (!(cents > 0)) return what ?? '';
  const more = pointsText(cents, deducted, lang);
  return what ? what + more.after : more.alone;
}

/**
 * "mất 2 điểm" (or "trừ 2 điểm"), alone and after the rule's words ("; mất 2 điểm"): the
 * same few amounts on every unit, formatted once (a bounded memo) — formatted and joined
 * per result, they were the largest part of the bytes left in memory at the end of a run.
 */
const POINTS_TEXTS = { vi: [new Map(), new Map()], en: [new Map(), new Map()] } as Record<Lang, [Map<number, PointsText>, Map<number, PointsText>]>;
interface PointsText { alone: string; after: string }

function pointsText(cents: number, deducted: boolean, lang: Lang): PointsText {
  const memo = POINTS_TEXTS[lang][deducted ? 1 : 0];
  let text = memo.get(cents);
  if (text === undefined) {
    const n = formatNumber(cents / 100, lang);
    const alone = lang === 'vi' ? `${deducted ? 'trừ' : 'mất'} ${n} điểm` : `${n} points ${deducted ? 'deducted' : 'lost'}`;
    if (memo.size >= 1000) memo.clear();
    memo.set(cents, (text = { alone, after: `; ${alone}` }));
  }
  return text;
}

/** A cell as the person sees it, for logs and scorecards: numbers in vi-VN form. */
export function display(c: Cell, lang: Lang): string {
  if (c === null) return '';
  if (c.t === 'n') return formatNumber(c.v, lang, 6);
  if (c.t === 'd') return `${c.v.slice(8, 10)}/${c.v.slice(5, 7)}/${c.v.slice(0, 4)}`;
  return textOf(c);
}
