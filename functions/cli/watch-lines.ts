/**
 * What `thidua watch` prints after each save: what changed since the last run, one line
 * per unit ("LDLD: 2.2 Thực hiện 6.754 → 7.000; hạng 3 → 2, 93,63 → 95,1 điểm"), not the
 * whole table each time.
 */
import { formatPoints } from '../core/format.js';
import type { Evaluation, Lang } from '../core/model.js';

/** `changes`: the pipeline's lines "UNIT: code field before → after". */
export function watchLines(prev: Evaluation | null, cur: Evaluation, changes: readonly string[]): string[] {
  const lang: Lang = cur.settings.language;
  const byUnit = new Map<string, string[]>();
  const order: string[] = [];
  const add = (unit: string, part: string) => {
    if (!byUnit.has(unit)) {
      byUnit.set(unit, []);
      order.push(unit);
    }
    byUnit.get(unit)!.push(part);
  };
  for (const line of changes) {
    const at = line.indexOf(': ');
    if (at > 0 && cur.units.some((u) => u.code === line.slice(0, at))) add(line.slice(0, at), line.slice(at + 2));
    else add('', line);
  }
  if (prev) {
    const before = new Map(prev.units.map((u) => [u.code, u]));
    for (const u of cur.units) {
      const p = before.get(u.code);
      if (!p) continue;
      const parts: string[] = [];
      if (p.rank !== u.rank) parts.push(`${lang === 'vi' ? 'hạng' : 'rank'} ${p.rank ?? '—'} → ${u.rank ?? '—'}`);
      if (p.total !== u.total) parts.push(`${formatPoints(p.total, lang)} → ${formatPoints(u.total, lang)} ${lang === 'vi' ? 'điểm' : 'points'}`);
      if ((p.award ?? '') !== (u.award ?? '')) parts.push(`${lang === 'vi' ? 'đề nghị' : 'proposal'}: ${u.award ?? (lang === 'vi' ? 'không' : 'none')}`);
      if (parts.length) add(u.code, parts.join(', '));
    }
  }
  return order.map((unit) => (unit ? `${unit}: ${byUnit.get(unit)!.join('; ')}` : byUnit.get(unit)!.join('; ')));
}
