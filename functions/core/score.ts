/**
 * Scores every unit on every criterion: each rule reads the unit's cells (reporting issues
 * on them), then scores the valid readings, the cross-unit rules seeing only valid values.
 */
import type { Cell } from './cell.js';
import { toCents } from './cents.js';
import type { IssueList } from './issues.js';
import type { Criterion, CriterionScore, Lang } from './model.js';
import { RULES } from './rules/index.js';
import type { Field, RuleInput, RuleKind } from './rules/rule.js';
import type { EntryCols, EntryTab } from './workbook/entries.js';
import { cellAt, textOf } from './workbook/grid.js';
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

/** units: code → its tab, or null when it has none. Units without data get no issues. */
export function scoreAll(
  criteria: Criterion[],
  units: { code: string; entries: EntryTab | null; scored: boolean }[],
  issues: IssueList,
  lang: Lang,
): Map<string, ScoredCriterion[]> {
  const result = new Map<string, ScoredCriterion[]>(units.map((u) => [u.code, []]));
  for (const criterion of criteria) {
    if (criterion.isGroup) continue;
    const rule = criterion.rule ? RULES[criterion.rule] : null;
    const max = (criterion.max ?? 0) / 100;
    // Parallel lists rather than an entry object per unit: the results themselves are made
    // once, here, and their points and "why" filled in below (fewer objects for the GC).
    const all: unknown[] = [];
    const readCode: string[] = [];
    const readInto: ScoredCriterion[] = [];
    const failCode: string[] = [];
    const failInto: ScoredCriterion[] = [];
    const fail = (code: string, s: ScoredCriterion, why: string) => {
      s.explain = why;
      failCode.push(code);
      failInto.push(s);
    };

    for (const u of units) {
      const row = u.entries?.rowOf.get(criterion.code) ?? null;
      const cell = (f: Field): Cell => (u.entries && row !== null ? cellAt(u.entries.tab, row, u.entries.cols[COLUMN[f]]) : null);
      // Each cell read once: the display texts and the rule below use the same five.
      const target = cell('target'), actual = cell('actual'), self = cell('self'), review = cell('review');
      const evidence = textOf(cell('evidence'));
      const s = scored(criterion.code, criterion.max, row, display(target, lang), display(actual, lang), display(self, lang), display(review, lang), evidence);

      if (!rule || !criterion.usable) {
        fail(u.code, s, lang === 'vi' ? 'tiêu chí đang lỗi trong tab Tiêu chí' : 'criterion has an error in Tiêu chí');
        continue;
      }
      if (!u.scored || !u.entries) {
        fail(u.code, s, lang === 'vi' ? 'chưa nộp số liệu' : 'no data submitted');
        continue;
      }
      if (u.entries.duplicated.has(criterion.code)) {
        fail(u.code, s, lang === 'vi' ? 'mã bị trùng dòng' : 'duplicate rows');
        continue;
      }
      const entries = u.entries;
      let hasError = false;
      const report: RuleInput['report'] = (field, code, params, severity = 'error') => {
        if (severity === 'error') hasError = true;
        const col = entries.cols[COLUMN[field]];
        issues.add({ unit: u.code, tab: entries.tab.name, row, col: row === null ? null : (col ?? null), criterion: criterion.code, severity, code, params });
      };
      let reading: unknown;
      if (row === null) {
        // No row at all: bonus and deduction mean none; anything else is missing data.
        if (rule.kind === 'ordinary') {
          issues.error({ unit: u.code, tab: entries.tab.name, row: null, col: null, criterion: criterion.code, code: 'missing-row', params: { typed: criterion.code } });
          fail(u.code, s, lang === 'vi' ? 'thiếu dòng tiêu chí' : 'no row');
          continue;
        }
        reading = 0;
      } else {
        reading = rule.read({ target, actual, self, review, evidence, max, param: criterion.param, report });
        if (reading === null || hasError) {
          fail(u.code, s, lang === 'vi' ? 'dữ liệu chưa hợp lệ' : 'invalid input');
          continue;
        }
      }
      all.push(reading);
      readCode.push(u.code);
      readInto.push(s);
    }

    // Readings first, then the failed, for each unit's list (as before: the order is the contract's).
    for (let n = 0; n < all.length; n++) {
      const reading = all[n];
      const s = readInto[n]!;
      s.points = toCents(rule!.points(reading, all, max, criterion.param));
      s.ratio = isRatio(reading) ? reading.ratio : null;
      s.explain = explainScore(rule!.explain?.(reading, lang), s.points, criterion.max, rule!.kind, lang);
      result.get(readCode[n]!)!.push(s);
    }
    for (let n = 0; n < failInto.length; n++) result.get(failCode[n]!)!.push(failInto[n]!);
  }
  return result;
}

/**
 * Results are built field by field, always in the same order (the order the JSON shows):
 * one object shape for V8, and the very object the evaluation publishes. Spreading a base
 * into each result and rest-copying it for the evaluation took about a third of the
 * core's time at 2.000 units. `ratio`, `points` and `explain` are filled in once scored.
 */
function scored(
  code: string, max: number | null, row: number | null,
  target: string, actual: string, self: string, review: string, evidence: string,
): ScoredCriterion {
  return { code, max, row, target, actual, self, review, evidence, ratio: null, points: 0, explain: '' };
}

function isRatio(x: unknown): x is { ratio: number } {
  return typeof x === 'object' && x !== null && typeof (x as { ratio?: unknown }).ratio === 'number';
}

function explainScore(what: string | undefined, points: number, max: number | null, kind: RuleKind, lang: Lang): string {
  if (kind === 'deduction') {
    const off = points > 0 ? (lang === 'vi' ? `trừ ${formatNumber(points / 100, lang)} điểm` : `${formatNumber(points / 100, lang)} points deducted`) : '';
    return [what, off].filter(Boolean).join('; ');
  }
  if (kind === 'bonus') return what ?? '';
  const lost = max !== null && points < max ? max - points : 0;
  const lostText = lost > 0 ? (lang === 'vi' ? `mất ${formatNumber(lost / 100, lang)} điểm` : `${formatNumber(lost / 100, lang)} points lost`) : '';
  return [what, lostText].filter(Boolean).join('; ');
}

/** A cell as the person sees it, for logs and scorecards: numbers in vi-VN form. */
export function display(c: Cell, lang: Lang): string {
  if (c === null) return '';
  if (c.t === 'n') return formatNumber(c.v, lang, 6);
  if (c.t === 'd') return `${c.v.slice(8, 10)}/${c.v.slice(5, 7)}/${c.v.slice(0, 4)}`;
  return textOf(c);
}
