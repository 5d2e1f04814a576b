/**
 * Next year's head and deputy (MEETING.md): by rotation, unless `Bỏ phiếu` has rows for
 * the role — then the passing candidate with the most Đồng ý is elected; equals on it are
 * "cần bỏ phiếu lại" and nobody is elected; nobody passing, nobody elected. The vote
 * decides its role and rotation proposes the other; next year's head is never its deputy.
 */
import type { NextRoles, VoteOutcome } from '../model.js';
import { passes, type BallotRow } from '../ballot/read.js';
import { rotate } from './rotation.js';

export interface NextYear {
  next: NextRoles;
  /** Outcome of each head/deputy row. */
  outcomes: Map<BallotRow, VoteOutcome>;
}

export function nextRoles(
  order: readonly string[], year: number | null, head: string | null, deputy: string | null,
  rows: readonly BallotRow[], threshold: number | null,
): NextYear {
  const outcomes = new Map<BallotRow, VoteOutcome>();
  /** The vote on one role; undefined when it has no rows. `exclude`: the unit that already holds the other role. */
  const elect = (kind: 'head' | 'deputy', exclude: string | null): string | null | undefined => {
    const mine = rows.filter((r) => r.kind === kind);
    if (!mine.length) return undefined;
    const passing = mine.filter((r) => passes(r.for, r.valid, threshold) && r.code !== exclude);
    for (const r of mine) outcomes.set(r, passes(r.for, r.valid, threshold) ? 'not-elected' : 'not-passed');
    const most = Math.max(...passing.map((r) => r.for));
    const top = passing.filter((r) => r.for === most);
    if (top.length === 1) {
      outcomes.set(top[0]!, 'elected');
      return top[0]!.code;
    }
    for (const r of top) outcomes.set(r, 'revote');
    return null;
  };

  const rotation = rotate(order, head, deputy);
  const votedHead = elect('head', null);
  const nextHead = votedHead === undefined ? rotation.head : votedHead;
  const votedDeputy = elect('deputy', nextHead);
  let nextDeputy: string | null;
  if (votedDeputy !== undefined) nextDeputy = votedDeputy;
  else if (votedHead === undefined) nextDeputy = rotation.deputy;
  else nextDeputy = rotateAfter(order, head, deputy, nextHead);

  const voted = votedHead !== undefined || votedDeputy !== undefined;
  const by = voted ? 'vote' : nextHead !== null || nextDeputy !== null ? 'rotation' : null;
  return { next: { year: year === null ? null : year + 1, head: nextHead, deputy: nextDeputy, by }, outcomes };
}

/** Rotation's deputy when the head was elected: after this year's deputy, neither this year's head nor the elected one. */
function rotateAfter(order: readonly string[], head: string | null, deputy: string | null, nextHead: string | null): string | null {
  if (deputy === null) return null;
  const from = order.indexOf(deputy);
  if (from < 0) return null;
  for (let step = 1; step <= order.length; step++) {
    const code = order[(from + step) % order.length]!;
    if (code !== head && code !== nextHead) return code;
  }
  return null;
}
