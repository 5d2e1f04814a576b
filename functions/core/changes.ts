/**
 * What changed in the units' inputs since the previous run, for `Nhật ký`:
 * "LDLD: 1.2 Thực hiện 20 tỷ → 24,4 tỷ".
 */
import type { Evaluation, Lang } from './model.js';

/** unit code → criterion code → column label → text as displayed. */
export type Inputs = Record<string, Record<string, Record<string, string>>>;

const FIELDS = [
  ['target', 'Chỉ tiêu'],
  ['actual', 'Thực hiện'],
  ['self', 'Tự chấm'],
  ['review', 'Cụm chấm'],
  ['evidence', 'Minh chứng'],
] as const;

export function inputsOf(ev: Evaluation): Inputs {
  const out: Inputs = {};
  for (const u of ev.units) {
    const unit: Record<string, Record<string, string>> = {};
    for (const s of u.scores) {
      const row: Record<string, string> = {};
      for (const [f, labelText] of FIELDS) if (s[f] !== '') row[labelText] = s[f];
      if (Object.keys(row).length) unit[s.code] = row;
    }
    out[u.code] = unit;
  }
  return out;
}

export function describeChanges(prev: Inputs, cur: Inputs, lang: Lang, limit = 30): string[] {
  const empty = lang === 'vi' ? '(trống)' : '(empty)';
  const lines: string[] = [];
  for (const unit of Object.keys(cur)) {
    const a = prev[unit] ?? {};
    const b = cur[unit]!;
    const codes = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const code of codes) {
      for (const [, labelText] of FIELDS) {
        const before = a[code]?.[labelText] ?? '';
        const after = b[code]?.[labelText] ?? '';
        if (before !== after) lines.push(`${unit}: ${code} ${labelText} ${clip(before) || empty} → ${clip(after) || empty}`);
      }
    }
  }
  if (lines.length <= limit) return lines;
  const more = lines.length - limit;
  return [...lines.slice(0, limit), lang === 'vi' ? `… và ${more} thay đổi khác` : `… and ${more} more changes`];
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}
