/**
 * A few lines worth reading first, drawn from the data the way a report's author would
 * pick them: who leads, and the largest results over target ("Liên đoàn Lao động tỉnh:
 * tiêu chí 1.2 đạt 163,42% chỉ tiêu").
 */
import type { Cents, Evaluation } from '../core/model.js';

export type Highlight =
  | { kind: 'leader'; unit: string; total: Cents; next: string | null; gap: Cents | null }
  | { kind: 'over'; unit: string; criterion: string; content: string; ratio: number; actual: string; target: string }
  | { kind: 'grades'; excellent: number; ranked: number; grade: string };

const MAX_HIGHLIGHTS = 5;
const MAX_OVER = 4;
/** So that one unit does not fill the whole list. */
const MAX_OVER_PER_UNIT = 2;

export function pickHighlights(ev: Evaluation): Highlight[] {
  const ranked = ev.units.filter((u) => u.status !== 'missing' && u.rank !== null);
  const out: Highlight[] = [];
  const first = ranked[0];
  if (first) {
    const next = ranked[1] ?? null;
    out.push({
      kind: 'leader',
      unit: first.name,
      total: first.total,
      next: next?.name ?? null,
      gap: next ? first.total - next.total : null,
    });
  }

  const content = new Map(ev.criteria.map((c) => [c.code, c.content]));
  const rankOf = new Map(ranked.map((u, i) => [u.code, i]));
  const over = ranked
    .flatMap((u) =>
      u.scores
        .filter((s) => s.ratio !== null && Number.isFinite(s.ratio) && s.ratio > 1)
        .map((s) => ({ u, s })),
    )
    .sort((a, b) => b.s.ratio! - a.s.ratio! || rankOf.get(a.u.code)! - rankOf.get(b.u.code)!);
  const perUnit = new Map<string, number>();
  for (const { u, s } of over) {
    if (out.length >= 1 + MAX_OVER) break;
    const n = perUnit.get(u.code) ?? 0;
    if (n >= MAX_OVER_PER_UNIT) continue;
    perUnit.set(u.code, n + 1);
    out.push({
      kind: 'over',
      unit: u.name,
      criterion: s.code,
      content: content.get(s.code) ?? '',
      ratio: s.ratio!,
      actual: s.actual,
      target: s.target,
    });
  }

  if (out.length < 3 && ranked.length > 0) {
    const grade = excellentLabel(ev);
    out.push({ kind: 'grades', excellent: ranked.filter((u) => u.grade === grade).length, ranked: ranked.length, grade });
  }
  return out.slice(0, MAX_HIGHLIGHTS);
}

/** The top grade's label as the core wrote it (the first grade reached at the excellent threshold). */
function excellentLabel(ev: Evaluation): string {
  const threshold = ev.settings.thresholds.excellent * ev.settings.scale * 100;
  const top = ev.units.find((u) => u.grade !== null && u.total >= threshold);
  return top?.grade ?? (ev.settings.language === 'vi' ? 'Xuất sắc' : 'Excellent');
}
