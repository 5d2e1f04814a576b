/**
 * Award proposals (SCORING.md): the flag to the highest-ranked eligible unit, then up to
 * `Số Bằng khen` certificates in rank order; ties that do not fit are put to a vote.
 * The software proposes, people decide: every unit gets the reason for its outcome.
 */
import { GRADE, NEEDS_VOTE } from '../../sheets-schema/layout.js';
import type { Lang, Settings, UnitStatus } from './model.js';

export interface AwardCandidate {
  code: string;
  name: string;
  rank: number | null;
  status: UnitStatus;
  grade: string | null;
  noAward: string | null;
  errorCount: number;
}

export interface AwardOutcome {
  award: string | null;
  reason: string;
}

type Labels = Pick<Settings, 'flagLabel' | 'certificateLabel' | 'certificateCount'>;

/** `units` in rank order; returns an outcome per unit code. */
export function proposeAwards(units: readonly AwardCandidate[], s: Labels, lang: Lang): Map<string, AwardOutcome> {
  const t = TEXT[lang];
  const out = new Map<string, AwardOutcome>();
  const eligible: AwardCandidate[] = [];
  for (const u of units) {
    const why: string[] = [];
    if (u.status === 'missing') why.push(t.missing);
    if (u.status === 'issues') why.push(t.issues(u.errorCount));
    if (u.status !== 'missing' && u.grade !== GRADE.excellent) why.push(t.grade(u.grade ?? ''));
    if (u.noAward) why.push(t.noAward(u.noAward));
    if (why.length) out.set(u.code, { award: null, reason: why.join('; ') });
    else eligible.push(u);
  }

  // Eligible units grouped by rank, best first.
  const tiers: AwardCandidate[][] = [];
  for (const u of eligible) {
    const last = tiers[tiers.length - 1];
    if (last && last[0]!.rank === u.rank) last.push(u);
    else tiers.push([u]);
  }
  const names = (tier: AwardCandidate[], u: AwardCandidate) => tier.filter((x) => x !== u).map((x) => x.name).join(', ');

  let i = 0;
  const first = tiers[0];
  if (first) {
    i = 1;
    for (const u of first) {
      out.set(u.code, first.length === 1
        ? { award: s.flagLabel, reason: t.flag(u.rank!, s.flagLabel) }
        : { award: NEEDS_VOTE, reason: t.flagVote(u.rank!, names(first, u), s.flagLabel) });
    }
  }
  let places = s.certificateCount;
  let closed = false;
  for (; i < tiers.length; i++) {
    const tier = tiers[i]!;
    for (const u of tier) {
      if (closed || places === 0) out.set(u.code, { award: null, reason: t.noPlace(s.flagLabel, s.certificateLabel, s.certificateCount) });
      else if (tier.length <= places) out.set(u.code, { award: s.certificateLabel, reason: t.certificate(u.rank!, s.certificateLabel) });
      else out.set(u.code, { award: NEEDS_VOTE, reason: t.certificateVote(u.rank!, names(tier, u), places, s.certificateLabel) });
    }
    if (closed || places === 0) continue;
    if (tier.length <= places) places -= tier.length;
    else closed = true; // the places stay open for the vote; nobody below is proposed
  }
  return out;
}

const TEXT = {
  vi: {
    missing: 'chưa nộp số liệu',
    issues: (n: number) => `còn ${n} lỗi trong số liệu`,
    grade: (g: string) => `xếp loại ${g}, chưa đạt Xuất sắc`,
    noAward: (why: string) => `không xét khen thưởng: ${why}`,
    flag: (r: number, label: string) => `Dẫn đầu cụm (hạng ${r}), xếp loại Xuất sắc: đề nghị ${label}`,
    flagVote: (r: number, others: string, label: string) => `Đồng hạng ${r} với ${others}: cần bỏ phiếu chọn đơn vị đề nghị ${label}`,
    certificate: (r: number, label: string) => `Hạng ${r}, xếp loại Xuất sắc: đề nghị ${label}`,
    certificateVote: (r: number, others: string, places: number, label: string) =>
      `Đồng hạng ${r} với ${others} nhưng chỉ còn ${places} suất ${label}: cần bỏ phiếu`,
    noPlace: (flag: string, cert: string, n: number) => `Đủ điều kiện nhưng đã hết suất đề nghị (1 ${flag}, ${n} ${cert})`,
  },
  en: {
    missing: 'no data submitted',
    issues: (n: number) => `${n} errors in the data`,
    grade: (g: string) => `graded ${g}, not Xuất sắc`,
    noAward: (why: string) => `excluded from awards: ${why}`,
    flag: (r: number, label: string) => `Leads the cluster (rank ${r}), graded Xuất sắc: proposed for ${label}`,
    flagVote: (r: number, others: string, label: string) => `Tied at rank ${r} with ${others}: the meeting votes on ${label}`,
    certificate: (r: number, label: string) => `Rank ${r}, graded Xuất sắc: proposed for ${label}`,
    certificateVote: (r: number, others: string, places: number, label: string) =>
      `Tied at rank ${r} with ${others} with only ${places} ${label} left: the meeting votes`,
    noPlace: (flag: string, cert: string, n: number) => `Eligible, but no place left (1 ${flag}, ${n} ${cert})`,
  },
} as const;
