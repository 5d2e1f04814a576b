/**
 * Who is proposed for which form after the vote, with total and vote share — the same list in
 * the minutes' conclusions and in the proposal to the province.
 */
import { NEEDS_VOTE, REVOTE } from '../../sheets-schema/layout.js';
import { formatPoints } from '../core/format.js';
import type { DocumentFacts, Tally, UnitFacts } from './facts.js';
import { share } from './words.js';

export interface Proposed {
  form: string;
  unit: UnitFacts;
  /** The passing tally that gave the form, when it was put to the vote. */
  tally: Tally | null;
}

/** The flag first, then the Bằng khen, each in rank order. */
export function proposed(f: DocumentFacts): Proposed[] {
  const out: Proposed[] = [];
  for (const [form, kind] of [[f.flagLabel, 'flag'], [f.certificateLabel, 'certificate']] as const) {
    for (const u of f.units) {
      if (u.award !== form) continue;
      out.push({ form, unit: u, tally: u.votes.find((v) => v.kind === kind && v.passed) ?? null });
    }
  }
  return out;
}

/** Units the meeting must vote on again (ties in votes, or a tie in rank before any vote). */
export function revote(f: DocumentFacts): UnitFacts[] {
  return f.units.filter((u) => u.award === NEEDS_VOTE || u.award === REVOTE || u.votes.some((v) => v.outcome === 'revote'));
}

/** "Hội Nông dân tỉnh (hạng 1, 94,41 điểm, đạt 8/9 phiếu (88,89%))". */
export function describe(p: Proposed): string {
  const parts = [`hạng ${p.unit.rank ?? '—'}`, `${formatPoints(p.unit.total)} điểm`];
  if (p.tally) parts.push(`đạt ${share(p.tally)}`);
  return `${p.unit.name} (${parts.join(', ')})`;
}

/** Lines of the minutes' conclusions. */
export function conclusions(f: DocumentFacts): string[] {
  const list = proposed(f);
  const lines: string[] = [];
  if (list.length) {
    lines.push('Hội nghị thống nhất đề nghị khen thưởng các đơn vị sau:');
    for (const form of [f.flagLabel, f.certificateLabel]) {
      const of = list.filter((p) => p.form === form);
      if (of.length) lines.push(`- ${form}: ${of.map(describe).join('; ')}.`);
    }
  } else {
    lines.push('Không có đơn vị đủ điều kiện và đạt số phiếu để đề nghị khen thưởng.');
  }
  const again = revote(f);
  if (again.length) lines.push(`- Cần bỏ phiếu lại: ${again.map((u) => u.name).join('; ')}.`);
  return lines;
}
