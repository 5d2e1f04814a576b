/**
 * `Kết quả bình xét` (MEETING.md): per row of the unit, "<Nội dung>: đạt 8/9 phiếu
 * (88,89%)", "… không đạt 4/9 phiếu (44,44%)" or "… cần bỏ phiếu lại". Shares are
 * rounded to 2 decimals for people; the pass test itself is exact (ballot/read.ts).
 */
import { formatPercent } from '../format.js';
import type { Lang, VoteTally } from '../model.js';

export function voteText(v: VoteTally, lang: Lang): string {
  const share = `${v.for}/${v.valid} ${lang === 'vi' ? 'phiếu' : 'ballots'} (${formatPercent(v.for / v.valid, lang)})`;
  if (lang === 'en') {
    if (v.outcome === 'revote') return `${v.subject}: to be voted again`;
    const why = v.outcome === 'ineligible' ? ', not eligible' : v.outcome === 'no-place' ? ', no place left' : v.outcome === 'not-elected' ? ', not elected' : '';
    return `${v.subject}: ${v.passed ? 'passed' : 'did not pass'} ${share}${why}`;
  }
  if (v.outcome === 'revote') return `${v.subject}: cần bỏ phiếu lại`;
  const why = v.outcome === 'ineligible' ? ', không đủ điều kiện' : v.outcome === 'no-place' ? ', không còn suất' : v.outcome === 'not-elected' ? ', không trúng cử' : '';
  return `${v.subject}: ${v.passed ? 'đạt' : 'không đạt'} ${share}${why}`;
}

/** The cell's text: the unit's rows in `Bỏ phiếu` order; null without rows. */
export function voteResultText(votes: readonly VoteTally[], lang: Lang): string | null {
  return votes.length ? votes.map((v) => voteText(v, lang)).join('; ') : null;
}
