/**
 * What the documents are made of: the figures of one run (the locked one when locked) and the
 * meeting's settings, in one flat shape. `factsFromEvaluation` builds it from the core's
 * Evaluation (MEETING-MODEL.md names); each document module reads only this.
 */
import type { Cents, Criterion, Evaluation, UnitStatus } from '../core/model.js';

/** One valid row of `Bỏ phiếu` (MEETING-MODEL.md `VoteTally`). */
export interface Tally {
  subject: string;
  kind: 'flag' | 'certificate' | 'head' | 'deputy';
  for: number;
  valid: number;
  passed: boolean;
  outcome: 'awarded' | 'not-passed' | 'revote' | 'ineligible' | 'no-place' | 'elected' | 'not-elected';
}

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
  next: { year: number | null; head: string | null; deputy: string | null; by: 'rotation' | 'vote' | null };
}

export const DEFAULT_RECIPIENT = 'Hội đồng Thi đua - Khen thưởng tỉnh';
export const DEFAULT_BASES = ['Luật Thi đua, khen thưởng số 06/2022/QH15', 'Nghị định số 152/2025/NĐ-CP'];

/** "Khối" when `Tên cụm` starts with "Khối", else "Cụm" (MEETING.md). */
export function clusterWord(name: string): 'Khối' | 'Cụm' {
  return /^khối/iu.test(name.normalize('NFC').trim()) ? 'Khối' : 'Cụm';
}

/**
 * The Evaluation as the meeting's core fills it in (MEETING-MODEL.md). Every meeting field is
 * optional here so that an evaluation without them (version 1, or before the lock) still makes
 * drafts with the defaults of MEETING.md.
 */
type MeetingEvaluation = Omit<Evaluation, 'settings' | 'units'> & {
  settings: Evaluation['settings'] & Partial<{
    head: string | null; deputy: string | null; place: string | null; recipient: string; bases: string[];
  }>;
  units: (Evaluation['units'][number] & Partial<{ proposal: string | null; votes: Tally[]; voteResult: string | null }>)[];
  locked?: { at: number } | null;
  next?: DocumentFacts['next'];
};

export function factsFromEvaluation(ev: MeetingEvaluation): DocumentFacts {
  const s = ev.settings;
  return {
    cluster: s.name,
    word: clusterWord(s.name),
    year: s.year,
    period: s.period,
    scale: s.scale,
    bonusCap: s.bonusCap,
    place: s.place ?? null,
    recipient: s.recipient || DEFAULT_RECIPIENT,
    bases: s.bases?.length ? s.bases : DEFAULT_BASES,
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
      proposal: u.proposal !== undefined ? u.proposal : u.award,
      award: u.award,
      votes: u.votes ?? [],
      voteResult: u.voteResult ?? null,
    })),
    head: s.head ?? null,
    deputy: s.deputy ?? null,
    next: ev.next ?? { year: s.year === null ? null : s.year + 1, head: null, deputy: null, by: null },
  };
}
