/**
 * The awards after the vote (MEETING.md, "Resolving the awards"). For a form with no row
 * in `Bỏ phiếu` the proposals of SCORING.md stand; for a form with rows, the candidates
 * are the units with a row, the eligible ones that pass are ranked by Đồng ý then rank,
 * and equals that cannot all be served are "Cần bỏ phiếu lại". The software counts; the
 * meeting decides, so nothing here passes a place on without a vote.
 */
import { GRADE, NEEDS_VOTE, REVOTE } from '../../../sheets-schema/layout.js';
import type { Lang, Settings, UnitStatus, VoteOutcome } from '../model.js';
import { formatPercent } from '../format.js';
import { passes, type BallotRow } from './read.js';

export interface Contender {
  code: string;
  name: string;
  rank: number | null;
  status: UnitStatus;
  grade: string | null;
  noAward: string | null;
  /** SCORING.md's proposal: a label, NEEDS_VOTE or null. */
  proposal: string | null;
  /** Why the unit got its proposal (shown when the vote leaves it as it was). */
  reason: string;
}

export interface ResolvedRow extends BallotRow {
  passed: boolean;
  outcome: VoteOutcome;
}

export interface Resolution {
  /** Per unit code: the award after the vote and its reason. */
  awards: Map<string, { award: string | null; reason: string }>;
  /** The award rows of `Bỏ phiếu` with their outcome, in sheet order. */
  rows: ResolvedRow[];
  /** Candidates voted on that cannot receive the form (a warning on their row). */
  ineligible: { row: BallotRow; reason: string }[];
}

type Labels = Pick<Settings, 'flagLabel' | 'certificateLabel' | 'certificateCount' | 'voteThreshold'>;

export function isEligible(u: Pick<Contender, 'status' | 'grade' | 'noAward'>): boolean {
  return u.status === 'ok' && u.grade === GRADE.excellent && !u.noAward;
}

/** `units` in rank order; `rows` the usable award rows (flag and certificate) of `Bỏ phiếu`. */
export function resolveAwards(units: readonly Contender[], rows: readonly BallotRow[], s: Labels, lang: Lang): Resolution {
  const t = TEXT[lang];
  const byCode = new Map(units.map((u) => [u.code, u]));
  const bestEligibleRank = units.find(isEligible)?.rank ?? null;
  /** Which form a proposal is about: NEEDS_VOTE at the best eligible rank is the flag's tie. */
  const formOf = (u: Contender): 'flag' | 'certificate' | null =>
    u.proposal === s.flagLabel ? 'flag'
      : u.proposal === s.certificateLabel ? 'certificate'
        : u.proposal === NEEDS_VOTE ? (u.rank === bestEligibleRank ? 'flag' : 'certificate') : null;

  const awards = new Map<string, { award: string | null; reason: string; revote?: 'flag' | 'certificate' }>(
    units.map((u) => [u.code, { award: u.proposal, reason: u.reason }]),
  );
  const outcome = new Map<BallotRow, VoteOutcome>();
  const ineligible: Resolution['ineligible'] = [];
  const share = (r: BallotRow) => `${r.for}/${r.valid} ${t.ballots} (${formatPercent(r.for / r.valid, lang)})`;

  /** Takes away an award of form `kind` (the other form, if the unit has it, stays). */
  const drop = (code: string, kind: 'flag' | 'certificate', reason: string) => {
    const a = awards.get(code)!;
    const u = byCode.get(code)!;
    const label = kind === 'flag' ? s.flagLabel : s.certificateLabel;
    if (a.award === label || (a.award === NEEDS_VOTE && formOf(u) === kind) || (a.award === REVOTE && a.revote === kind)) {
      awards.set(code, { award: null, reason });
    }
  };

  /** Candidates of one form: the ineligible and the failed are set aside, the rest ordered by Đồng ý, then rank. */
  const contest = (kind: 'flag' | 'certificate', label: string) => {
    const mine = rows.filter((r) => r.kind === kind);
    const passing: { r: BallotRow; u: Contender }[] = [];
    for (const r of mine) {
      const u = byCode.get(r.code);
      if (!u) continue;
      if (!isEligible(u)) {
        outcome.set(r, 'ineligible');
        ineligible.push({ row: r, reason: u.reason });
        drop(u.code, kind, t.ineligible(label, u.reason));
      } else if (!passes(r.for, r.valid, s.voteThreshold)) {
        outcome.set(r, 'not-passed');
        drop(u.code, kind, t.notPassed(label, share(r)));
      } else passing.push({ r, u });
    }
    passing.sort((a, b) => b.r.for - a.r.for || a.u.rank! - b.u.rank!);
    // Who held a proposal for this form and is not a candidate loses it: no vote, no form.
    const voted = new Set(mine.map((r) => r.code));
    for (const u of units) if (!voted.has(u.code)) drop(u.code, kind, t.notOnBallot(label));
    return passing;
  };

  const same = (a: { r: BallotRow; u: Contender }, b: { r: BallotRow; u: Contender }) => a.r.for === b.r.for && a.u.rank === b.u.rank;
  const names = (tier: { u: Contender }[], me: Contender) => tier.filter((x) => x.u !== me).map((x) => x.u.name).join(', ');

  // 1–2. The flag.
  let flagHolder: string | null = null;
  const flagRows = rows.some((r) => r.kind === 'flag');
  if (flagRows) {
    const passing = contest('flag', s.flagLabel);
    const top = passing.filter((p) => same(p, passing[0]!));
    for (const p of passing) {
      if (top.length === 1 && p === top[0]) {
        outcome.set(p.r, 'awarded');
        flagHolder = p.u.code;
        awards.set(p.u.code, { award: s.flagLabel, reason: t.won(s.flagLabel, share(p.r)) });
      } else if (top.includes(p)) {
        outcome.set(p.r, 'revote');
        // A Bằng khen the unit holds stays; the new vote is on the flag (Kết quả bình xét says so).
        const held = awards.get(p.u.code)!.award;
        if (held === null || held === s.flagLabel || (held === NEEDS_VOTE && formOf(p.u) === 'flag')) {
          awards.set(p.u.code, { award: REVOTE, reason: t.revote(names(top, p.u), s.flagLabel), revote: 'flag' });
        }
      } else {
        outcome.set(p.r, 'no-place');
        drop(p.u.code, 'flag', t.beaten(s.flagLabel, share(p.r)));
      }
    }
  } else {
    flagHolder = units.find((u) => u.proposal === s.flagLabel)?.code ?? null;
  }

  // 3–4. The Bằng khen: the flag's holder is not a candidate; without rows, proposals stand
  // except the one the flag's winner gives up (its place is not passed on).
  if (rows.some((r) => r.kind === 'certificate')) {
    const passing = contest('certificate', s.certificateLabel);
    let places = s.certificateCount;
    let closed = false;
    for (let i = 0; i < passing.length;) {
      const tier = passing.filter((p) => same(p, passing[i]!));
      for (const p of tier) {
        if (p.u.code === flagHolder) {
          outcome.set(p.r, 'no-place');
          continue;
        }
        if (closed || places === 0) {
          outcome.set(p.r, 'no-place');
          drop(p.u.code, 'certificate', t.noPlace(s.certificateLabel, share(p.r)));
        } else if (tier.filter((x) => x.u.code !== flagHolder).length <= places) {
          outcome.set(p.r, 'awarded');
          awards.set(p.u.code, { award: s.certificateLabel, reason: t.won(s.certificateLabel, share(p.r)) });
        } else {
          outcome.set(p.r, 'revote');
          if (awards.get(p.u.code)!.award !== REVOTE) {
            awards.set(p.u.code, { award: REVOTE, reason: t.revote(names(tier, p.u), s.certificateLabel), revote: 'certificate' });
          }
        }
      }
      const served = tier.filter((x) => x.u.code !== flagHolder).length;
      if (!closed && places > 0) {
        if (served <= places) places -= served;
        else closed = true;
      }
      i += tier.length;
    }
  }

  return {
    awards: new Map([...awards].map(([k, v]) => [k, { award: v.award, reason: v.reason }])),
    rows: rows.map((r) => ({ ...r, passed: passes(r.for, r.valid, s.voteThreshold), outcome: outcome.get(r) ?? 'not-passed' })),
    ineligible,
  };
}

const TEXT = {
  vi: {
    ballots: 'phiếu',
    won: (form: string, share: string) => `Được bỏ phiếu đề nghị ${form}: đạt ${share}`,
    notPassed: (form: string, share: string) => `Không đạt số phiếu đề nghị ${form}: ${share}`,
    beaten: (form: string, share: string) => `Đạt ${share} nhưng không nhiều phiếu nhất: không đề nghị ${form}`,
    noPlace: (form: string, share: string) => `Đạt ${share} nhưng đã hết suất ${form}`,
    revote: (others: string, form: string) => `Bằng số phiếu và thứ hạng với ${others}: cần bỏ phiếu lại ${form}`,
    ineligible: (form: string, why: string) => `Không đủ điều kiện nhận ${form}: ${why}`,
    notOnBallot: (form: string) => `Không có tên trong phiếu bầu ${form}`,
  },
  en: {
    ballots: 'ballots',
    won: (form: string, share: string) => `Voted for ${form}: ${share}`,
    notPassed: (form: string, share: string) => `Did not reach the votes needed for ${form}: ${share}`,
    beaten: (form: string, share: string) => `${share}, but not the most votes: not proposed for ${form}`,
    noPlace: (form: string, share: string) => `${share}, but no ${form} place left`,
    revote: (others: string, form: string) => `Equal in votes and rank with ${others}: the meeting votes again on ${form}`,
    ineligible: (form: string, why: string) => `Cannot receive ${form}: ${why}`,
    notOnBallot: (form: string) => `Not on the ballot for ${form}`,
  },
} as const;
