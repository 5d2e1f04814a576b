/**
 * The language of what the command line itself says — its help, usage errors and failure
 * lines: Vietnamese, or English when THIDUA_LANG is `en` (docs/decisions.md). Like a
 * sheet's `Ngôn ngữ`, English is chosen on purpose, never guessed: LANG and LC_ALL are
 * `en_US.UTF-8` or `C.UTF-8` on most machines Vietnamese offices use, so they decide nothing.
 */
import type { Lang } from '../core/model.js';

/** A text people read, in both of the product's languages. */
export type Words = Record<Lang, string>;

export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Lang {
  return /^en(?:$|[-_.])/i.test((env.THIDUA_LANG ?? '').trim()) ? 'en' : 'vi';
}
