/**
 * What the core reads from a workbook and what it computes. Points are carried as
 * integer hundredths (`Cents`) so that every sum adds up to the cent (SCORING.md).
 */
import type { RuleKey } from '../../sheets-schema/layout.js';

/** Integer hundredths of a point: 97.5 points = 9750. */
export type Cents = number;

export type Lang = 'vi' | 'en';
export type Severity = 'error' | 'warning';
export type UnitStatus = 'ok' | 'issues' | 'missing';

export interface Settings {
  name: string;
  year: number | null;
  period: string;
  /** yyyy-mm-dd */
  deadline: string | null;
  scale: number;
  bonusCap: number | null;
  /** fractions: 0.9 = 90 % */
  thresholds: { excellent: number; good: number; pass: number };
  flagLabel: string;
  certificateLabel: string;
  certificateCount: number;
  reportTo: string[];
  remindDays: number;
  language: Lang;
  // Version 2 (MEETING.md, "New Cấu hình keys"); all optional in the workbook.
  /** Cụm trưởng: `Mã` of this year's head unit. */
  head: string | null;
  /** Cụm phó: `Mã` of this year's deputy unit. */
  deputy: string | null;
  /** Địa danh, for document dates (documents print "……" when null). */
  place: string | null;
  /** Cơ quan nhận đề nghị. */
  recipient: string;
  /** Căn cứ: the legal bases cited in the proposal. */
  bases: string[];
  /** Tỷ lệ phiếu tối thiểu as a fraction (0.7); null = more than half. */
  voteThreshold: number | null;
}

export interface Unit {
  code: string;
  name: string;
  emails: string[];
  editors: string[];
  /** Reason the unit cannot be proposed for an award, or null. */
  noAward: string | null;
}

export interface Criterion {
  code: string;
  content: string;
  /** Điểm chuẩn, in cents; null on a group without one. */
  max: Cents | null;
  /** null on a group, or when `Cách tính` is unknown. */
  rule: RuleKey | null;
  /** False when the row has an error (unknown rule, bad Điểm chuẩn or Tham số): it scores 0 for everyone. */
  usable: boolean;
  param: number | null;
  isGroup: boolean;
  /** Code of the top-level group this belongs to (`1` for `1.2`), itself for a top-level row. */
  top: string;
  /** 0-based row on `Tiêu chí`. */
  row: number;
}

export interface Issue {
  /** Unit code, or null for the cluster's own tabs. */
  unit: string | null;
  /** Tab the cell is on. */
  tab: string;
  /** A1 notation on `tab`, or null when the issue is about a whole tab. */
  cell: string | null;
  criterion: string | null;
  severity: Severity;
  code: IssueCode;
  message: string;
}

export type IssueCode =
  | 'not-a-number'
  | 'fraction'
  | 'negative'
  | 'too-long'
  | 'out-of-range'
  | 'number-too-large'
  | 'not-integer'
  | 'english-number'
  | 'dot-decimal'
  | 'not-a-date'
  | 'impossible-date'
  | 'two-digit-year'
  | 'year-out-of-range'
  | 'not-yes-no'
  | 'formula-no-value'
  | 'formula-error'
  | 'missing-value'
  | 'missing-target'
  | 'target-not-positive'
  | 'self-score-above-max'
  | 'no-evidence'
  | 'unknown-row'
  | 'missing-row'
  | 'duplicate-row'
  | 'unknown-rule'
  | 'missing-param'
  | 'bad-max'
  | 'group-sum'
  | 'bad-code'
  | 'duplicate-code'
  | 'unknown-setting'
  | 'bad-setting'
  | 'missing-setting'
  | 'missing-header'
  | 'bad-email'
  | 'bad-history'
  | 'history-edited'
  | 'history-added'
  | 'history-removed'

  // version 2: Cấu hình roles, Bỏ phiếu, the lock
  | 'unknown-role-unit'
  | 'head-is-deputy'
  | 'bad-tally'
  | 'unknown-subject'
  | 'unknown-vote-unit'
  | 'duplicate-vote'
  | 'vote-ineligible'
  | 'changed-after-lock';

/** One criterion's result for one unit. */
export interface CriterionScore {
  code: string;
  points: Cents;
  max: Cents | null;
  /** Why points were earned or lost, in the workbook's language. */
  explain: string;
  /** Row on the unit's tab, when there is one. */
  row: number | null;
  /** The unit's input values as typed, for change logs and scorecards. */
  target: string;
  actual: string;
  self: string;
  review: string;
  evidence: string;
  /** For over-target highlights: A / T when both are valid numbers. */
  ratio: number | null;
}

export interface UnitResult {
  code: string;
  name: string;
  emails: string[];
  status: UnitStatus;
  rank: number | null;
  /** Σ ordinary criteria (all but Thưởng and Trừ). */
  ordinary: Cents;
  /** min(Σ Thưởng, cap). */
  bonus: Cents;
  /** Σ Trừ. */
  deduction: Cents;
  total: Cents;
  /** Subtotal per top-level group code (ordinary criteria only). */
  groups: Record<string, Cents>;
  scores: CriterionScore[];
  grade: string | null;
  /** SCORING.md's proposal before any vote (what `award` was in version 1). */
  proposal: string | null;
  /** The result AFTER the vote (= proposal for a form without rows in Bỏ phiếu): a label, NEEDS_VOTE, REVOTE, or null. */
  award: string | null;
  /** This unit's valid rows of Bỏ phiếu, in sheet order. */
  votes: VoteTally[];
  /** The 'Kết quả bình xét' text; null without rows. */
  voteResult: string | null;
  /** Why this unit got (or did not get) an award. */
  awardReason: string;
  noAward: string | null;
  errorCount: number;
  warningCount: number;
  /** Earlier years from `Lịch sử`, oldest first (MEETING-MODEL.md). */
  history: HistoryEntry[];
}

/** One unit's year in `Lịch sử`. `total` in points (2 decimals), as written. */
export interface HistoryEntry {
  year: number;
  rank: number | null;
  total: number | null;
  grade: string | null;
  award: string | null;
  role: string | null;
}

/** A row of `Lịch sử` as read. */
export interface HistoryRow extends HistoryEntry {
  code: string;
  name: string;
  /** 0-based row on `Lịch sử`. */
  row: number;
}

export interface Evaluation {
  settings: Settings;
  criteria: Criterion[];
  /** Top-level groups in sheet order (code and content), for the ranking's columns. */
  groups: { code: string; content: string }[];
  /** In rank order; `missing` units last. */
  units: UnitResult[];
  issues: Issue[];
  /** `Lịch sử` rows as read, in sheet order (empty without the tab). */
  history: HistoryRow[];
  /**
   * Epoch ms of the lock, when the results are the locked ones; `issues` are those of the
   * locked evaluation (what emails show while locked: an edit after the lock sends nothing).
   */
  locked: { at: number; issues: Issue[] } | null;
  /** Next year's head and deputy (MEETING.md). */
  next: NextRoles;
}

/** One valid row of `Bỏ phiếu` (MEETING.md). */
export interface VoteTally {
  /** The Nội dung as the label it matched (Hình thức Cờ label, Bằng khen label, 'Cụm trưởng', 'Cụm phó'). */
  subject: string;
  kind: VoteKind;
  /** Đồng ý */
  for: number;
  /** Phiếu hợp lệ */
  valid: number;
  /** Reached the threshold, whatever the outcome. */
  passed: boolean;
  outcome: VoteOutcome;
}

export type VoteKind = 'flag' | 'certificate' | 'head' | 'deputy';
export type VoteOutcome = 'awarded' | 'not-passed' | 'revote' | 'ineligible' | 'no-place' | 'elected' | 'not-elected';

export interface NextRoles {
  year: number | null;
  head: string | null;
  deputy: string | null;
  by: 'rotation' | 'vote' | null;
}
