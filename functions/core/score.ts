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
    const readings: { code: string; reading: unknown; base: Base }[] = [];
    const failed: { code: string; base: Base; why: string }[] = [];

    for (const u of units) {
      const row = u.entries?.rowOf.get(criterion.code) ?? null;
      const cell = (f: Field): Cell => (u.entries && row !== null ? cellAt(u.entries.tab, row, u.entries.cols[COLUMN[f]]) : null);
      // Each cell read once: the display texts and the rule below use the same five.
      const target = cell('target'), actual = cell('actual'), self = cell('self'), review = cell('review');
      const evidence = textOf(cell('evidence'));
      const base = {
        code: criterion.code,
        max: criterion.max,
        row,
        target: display(target, lang),
        actual: display(actual, lang),
        self: display(self, lang),
        review: display(review, lang),
        evidence,
      } satisfies Base;

      if (!rule || !criterion.usable) {
        failed.push({ code: u.code, base, why: lang === 'vi' ? 'tiêu chí đang lỗi trong tab Tiêu chí' : 'criterion has an error in Tiêu chí' });
        continue;
      }
      if (!u.scored || !u.entries) {
        failed.push({ code: u.code, base, why: lang === 'vi' ? 'chưa nộp số liệu' : 'no data submitted' });
        continue;
      }
      if (u.entries.duplicated.has(criterion.code)) {
        failed.push({ code: u.code, base, why: lang === 'vi' ? 'mã bị trùng dòng' : 'duplicate rows' });
        continue;
      }
      const entries = u.entries;
      let hasError = false;
      const report: RuleInput['report'] = (field, code, params, severity = 'error') => {
        if (severity === 'error') hasError = true;
        const col = entries.cols[COLUMN[field]];
        issues.add({ unit: u.code, tab: entries.tab.name, row, col: row === null ? null : (col ?? null), criterion: criterion.code, severity, code, params });
      };
      if (row === null) {
        // No row at all: bonus and deduction mean none; anything else is missing data.
        if (rule.kind === 'ordinary') {
          issues.error({ unit: u.code, tab: entries.tab.name, row: null, col: null, criterion: criterion.code, code: 'missing-row', params: { typed: criterion.code } });
          failed.push({ code: u.code, base, why: lang === 'vi' ? 'thiếu dòng tiêu chí' : 'no row' });
        } else {
          readings.push({ code: u.code, reading: 0, base });
        }
        continue;
      }
      const reading = rule.read({
        target, actual, self, review, evidence, max, param: criterion.param, report,
      });
      if (reading === null || hasError) failed.push({ code: u.code, base, why: lang === 'vi' ? 'dữ liệu chưa hợp lệ' : 'invalid input' });
      else readings.push({ code: u.code, reading, base });
    }

    const all = readings.map((r) => r.reading);
    for (const r of readings) {
      const points = toCents(rule!.points(r.reading, all, max, criterion.param));
      const ratio = isRatio(r.reading) ? r.reading.ratio : null;
      result.get(r.code)!.push(scored(r.base, ratio, points, explainScore(rule!.explain?.(r.reading, lang), points, criterion.max, rule!.kind, lang)));
    }
    for (const f of failed) {
      result.get(f.code)!.push(scored(f.base, null, 0, f.why));
    }
  }
  return result;
}

/** What a unit's cells give before scoring. */
type Base = Omit<ScoredCriterion, 'points' | 'explain' | 'ratio'>;

/**
 * Results are built field by field, always in the same order (the order the JSON shows):
 * one object shape for V8, and the very object the evaluation publishes. Spreading the
 * base into each result and rest-copying it for the evaluation took about a third of the
 * core's time at 2.000 units.
 */
function scored(b: Base, ratio: number | null, points: number, explain: string): ScoredCriterion {
  return {
    code: b.code, max: b.max, row: b.row, target: b.target, actual: b.actual, self: b.self,
    review: b.review, evidence: b.evidence, ratio, points, explain,
  };
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
