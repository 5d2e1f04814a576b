/** Wording the four documents share: figures in vi-VN form, the head unit, vote shares. */
import { formatPercent, formatPoints } from '../core/format.js';
import type { DocumentFacts, Tally, UnitFacts } from './facts.js';
import { BLANK } from './frame.js';

export const DASH = '—';

/**
 * "97,50": points in a table column, in vi-VN form and always with two decimals so the
 * column reads evenly (as Xếp hạng's 0.00 format does); "—" for a unit without data.
 */
export function points(u: UnitFacts, c: number): string {
  if (u.status === 'missing') return DASH;
  const [whole, decimals = ''] = formatPoints(c, 'vi').split(',');
  return `${whole},${decimals.padEnd(2, '0')}`;
}

/** "năm 2023", or "năm ……" when `Năm` is not set. */
export function yearText(year: number | null): string {
  return `năm ${year ?? BLANK}`;
}

export function unitName(f: DocumentFacts, code: string | null): string | null {
  if (!code) return null;
  return f.units.find((u) => u.code === code)?.name ?? null;
}

/** "8/9 phiếu (88,89%)". */
export function share(t: Pick<Tally, 'for' | 'valid'>): string {
  return `${t.for}/${t.valid} phiếu (${formatPercent(t.for / t.valid, 'vi')})`;
}

/** "Khối trưởng" / "Cụm phó" … */
export function role(f: DocumentFacts, code: string): string | null {
  if (code === f.head) return `${f.word} trưởng`;
  if (code === f.deputy) return `${f.word} phó`;
  return null;
}

export const OUTCOME: Record<Tally['outcome'], string> = {
  awarded: 'Đạt',
  'not-passed': 'Không đạt',
  revote: 'Cần bỏ phiếu lại',
  ineligible: 'Không đủ điều kiện',
  'no-place': 'Đạt, hết suất',
  elected: 'Trúng cử',
  'not-elected': 'Không trúng cử',
};
