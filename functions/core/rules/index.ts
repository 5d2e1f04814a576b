/** The nine rules of SCORING.md by key, and matching what people type in `Cách tính`. */
import { RULE, type RuleKey } from '../../../sheets-schema/layout.js';
import { foldAccents } from '../text.js';
import { bonus } from './bonus.js';
import { compare } from './compare.js';
import { deduction } from './deduction.js';
import { onTime } from './on-time.js';
import { overTarget } from './over-target.js';
import { passFail } from './pass-fail.js';
import { perOccurrence } from './per-occurrence.js';
import { ratio } from './ratio.js';
import type { Rule } from './rule.js';
import { selfScored } from './self-scored.js';

export const RULES: Record<RuleKey, Rule<any>> = {
  ratio,
  overTarget,
  compare,
  passFail,
  perOccurrence,
  selfScored,
  onTime,
  bonus,
  deduction,
};

/** Accent-folded names → key; "Tỉ lệ" is the other common spelling of "Tỷ lệ". */
const BY_NAME = new Map<string, RuleKey>([
  ...(Object.entries(RULE) as [RuleKey, string][]).map(([k, name]) => [foldAccents(name), k] as const),
  [foldAccents('Tỉ lệ'), 'ratio'],
  [foldAccents('Đạt / Không đạt'), 'passFail'],
]);

/** The rule a `Cách tính` cell names (case, spacing, accents and Unicode form ignored), or null. */
export function ruleByName(typed: string): RuleKey | null {
  let key = typedNames.get(typed);
  if (key === undefined) {
    if (typedNames.size >= 1000) typedNames.clear();
    typedNames.set(typed, (key = BY_NAME.get(foldAccents(typed)) ?? null));
  }
  return key;
}

/** What was typed → the rule: the same few texts in every run, folded once (a bounded memo). */
const typedNames = new Map<string, RuleKey | null>();
