/**
 * What the documents are made of: the figures of one run (the locked one when locked) and the
 * meeting's settings, in one flat shape, built from the core's Evaluation (MEETING-MODEL.md);
 * each document module reads only this, so documents can be tested on facts written by hand.
 */
import { clusterWord } from '../core/cluster-word.js';
import type { Cents, Criterion, Evaluation, NextRoles, UnitStatus, VoteTally } from '../core/model.js';

/** One valid row of `Bỏ phiếu`. */
export type Tally = VoteTally;

export interface UnitFacts {
  code: string;
  name: string;
  status: UnitStatus;
  rank: number | null;
  groups: Record<string, Cents>;
  bonus: Cents;
  deduction: Cents;
  total: Cents;
  grade: string | null;
  /** SCORING.md's proposal, before any vote. */
  proposal: string | null;
  /** The form after the vote (= proposal without rows); may be NEEDS_VOTE. */
  award: string | null;
  votes: Tally[];
  /** The `Kết quả bình xét` text, or null without rows. */
  voteResult: string | null;
  /** Errors still on the unit's cells (their criteria scored 0). */
  errors: number;
}

export interface DocumentFacts {
  /** `Tên cụm` as typed. */
  cluster: string;
  /** "Khối" or "Cụm", as the cluster calls itself. */
  word: 'Khối' | 'Cụm';
  year: number | null;
  period: string;
  scale: number;
  bonusCap: number | null;
  place: string | null;
  recipient: string;
  bases: string[];
  flagLabel: string;
  certificateLabel: string;
  /** Epoch ms of the lock; null = the documents are drafts. */
  lockedAt: number | null;
  /** Top-level groups, for the table's subtotal columns. */
  groups: { code: string; content: string }[];
  criteria: Pick<Criterion, 'code' | 'content' | 'max' | 'rule' | 'param' | 'isGroup' | 'top'>[];
  /** Grade thresholds as fractions of the scale (0.9 = 90 %). */
  thresholds: { excellent: number; good: number; pass: number };
  /** In rank order, units without data last (as the Evaluation has them). */
  units: UnitFacts[];
  /** `Mã` of this year's head and deputy. */
  head: string | null;
  deputy: string | null;
  next: NextRoles;
}

export function factsFromEvaluation(ev: Evaluation): DocumentFacts {
  const s = ev.settings;
  return {
    cluster: s.name,
    word: clusterWord(s.name),
    year: s.year,
    period: s.period,
    scale: s.scale,
    bonusCap: s.bonusCap,
    place: s.place,
    recipient: s.recipient,
    bases: s.bases,
    flagLabel: s.flagLabel,
    certificateLabel: s.certificateLabel,
    lockedAt: ev.locked?.at ?? null,
    groups: ev.groups,
    criteria: ev.criteria.map(({ code, content, max, rule, param, isGroup, top }) => ({ code, content, max, rule, param, isGroup, top })),
    thresholds: s.thresholds,
    units: ev.units.map((u) => ({
      code: u.code,
      name: u.name,
      status: u.status,
      rank: u.rank,
      groups: u.groups,
      bonus: u.bonus,
      deduction: u.deduction,
      total: u.total,
      grade: u.grade,
      proposal: u.proposal,
      award: u.award,
      votes: u.votes,
      voteResult: u.voteResult,
      errors: u.errorCount,
    })),
    head: s.head,
    deputy: s.deputy,
    next: ev.next,
  };
}
