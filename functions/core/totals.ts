/**
 * A unit's totals from its rounded criterion points, in cents:
 * total = Σ ordinary + min(Σ Thưởng, cap) − Σ Trừ, never below 0 (SCORING.md).
 */
import type { Cents, Criterion } from './model.js';
import { RULES } from './rules/index.js';
import type { RuleKind } from './rules/rule.js';
import type { ScoredCriterion } from './score.js';

export interface Totals {
  ordinary: Cents;
  bonus: Cents;
  deduction: Cents;
  total: Cents;
  groups: Record<string, Cents>;
}

/** Criterion code → its top-level group, once per criteria list (not once per unit). */
const topsOf = new WeakMap<readonly Criterion[], Map<string, string>>();
/** The rule's kind of each scored (non-group) criterion, in order: scores come in that order (score.ts). */
const kindsOf = new WeakMap<readonly Criterion[], RuleKind[]>();

export function totals(scores: ScoredCriterion[], criteria: Criterion[], bonusCap: number | null): Totals {
  let top = topsOf.get(criteria);
  if (!top) topsOf.set(criteria, (top = new Map(criteria.map((c) => [c.code, c.top]))));
  let kinds = kindsOf.get(criteria);
  if (!kinds) kindsOf.set(criteria, (kinds = criteria.filter((c) => !c.isGroup).map((c) => (c.rule ? RULES[c.rule].kind : 'ordinary'))));
  const groups: Record<string, Cents> = {};
  // Summed as they come, in order (what `sum` over a list of each kind gave, without the lists).
  let o = 0;
  let bonus = 0;
  let d = 0;
  for (let n = 0; n < scores.length; n++) {
    const s = scores[n]!;
    const kind = kinds[n];
    if (kind === 'bonus') bonus += s.points;
    else if (kind === 'deduction') d += s.points;
    else {
      o += s.points;
      const g = top.get(s.code)!;
      groups[g] = (groups[g] ?? 0) + s.points;
    }
  }
  const cap = bonusCap === null ? Infinity : Math.round(bonusCap * 100);
  const b = Math.min(bonus, cap);
  return { ordinary: o, bonus: b, deduction: d, total: Math.max(0, o + b - d), groups };
}
