/**
 * Ranking (SCORING.md): by total, then the larger sum of ordinary criteria, then the
 * smaller deduction; units still equal share a rank (competition ranking 1, 2, 2, 4).
 * Units without data have no rank and come last, in `Đơn vị` order.
 */
import type { Cents } from './model.js';

export interface Rankable {
  hasData: boolean;
  total: Cents;
  ordinary: Cents;
  deduction: Cents;
}

export function compareForRank(a: Rankable, b: Rankable): number {
  return b.total - a.total || b.ordinary - a.ordinary || a.deduction - b.deduction;
}

/** Returns the units in rank order with their rank (null when without data). Stable for equals. */
export function rank<T extends Rankable>(units: readonly T[]): { unit: T; rank: number | null }[] {
  const ranked = units.filter((u) => u.hasData).sort(compareForRank);
  const out: { unit: T; rank: number | null }[] = [];
  ranked.forEach((u, i) => {
    const prev = out[i - 1];
    const shared = prev && compareForRank(prev.unit, u) === 0;
    out.push({ unit: u, rank: shared ? prev.rank : i + 1 });
  });
  for (const u of units) if (!u.hasData) out.push({ unit: u, rank: null });
  return out;
}
