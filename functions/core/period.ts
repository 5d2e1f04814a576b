/**
 * The review a run belongs to: `Năm` and `Kỳ đánh giá`. A mid-year review (sơ kết 6
 * tháng, 9 tháng) in the same workbook keeps its own ledger record and previews, so the
 * year-end run does not overwrite its figures (MEETING.md, issue 12).
 */
import type { Settings } from './model.js';
import { foldAccents } from './text.js';

/** "2023 Cả năm", "2023 6 tháng". */
export function periodLabel(s: Pick<Settings, 'year' | 'period'>): string {
  return `${s.year ?? ''} ${s.period}`.trim();
}

/** `Kỳ đánh giá` is the whole year (the default). */
export function isFullYear(period: string): boolean {
  const folded = foldAccents(period);
  return folded === 'ca nam' || folded === 'full year' || folded === '';
}

/**
 * Ledger key of a review's records (the inputs last seen): the cluster's own key for the
 * year-end review, as before there were periods, and the cluster with the period for the others.
 */
export function reviewKey(cluster: string, s: Pick<Settings, 'year' | 'period'>): string {
  return isFullYear(s.period) ? cluster : `${cluster}#${periodLabel(s)}`;
}

/** A folder name for a mid-year review's previews ("6-thang"), or null for the year-end review. */
export function reviewFolder(s: Pick<Settings, 'year' | 'period'>): string | null {
  if (isFullYear(s.period)) return null;
  const slug = foldAccents(s.period).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return slug || 'ky';
}
