/**
 * The cluster workbook, version 2 (shared/design/WORKBOOK.md, MEETING.md) as code: tab names and
 * header labels exactly as staff see them. Everything that reads or writes a workbook
 * takes its names from here.
 */

/** 2: MEETING.md's keys, `Bỏ phiếu` and `Kết quả bình xét`; every version 2 part is optional. */
export const WORKBOOK_VERSION = 2;

export const TAB = {
  settings: 'Cấu hình',
  units: 'Đơn vị',
  criteria: 'Tiêu chí',
  ranking: 'Xếp hạng',
  issues: 'Kiểm tra',
  log: 'Nhật ký',
  history: 'Lịch sử',
  /** Tallies of the secret ballot (MEETING.md); people type it, it is optional. */
  ballot: 'Bỏ phiếu',
} as const;

/** Tabs people edit and that must exist for a run to use the workbook. */
export const REQUIRED_TABS = [TAB.settings, TAB.units, TAB.criteria] as const;
/** Tabs the system creates when absent and rewrites (or appends to, for the log). */
export const SYSTEM_TABS = [TAB.ranking, TAB.issues, TAB.log] as const;

export const SETTINGS_HEADERS = { key: 'Mục', value: 'Giá trị' } as const;

export const UNIT_HEADERS = {
  code: 'Mã',
  name: 'Tên đơn vị',
  email: 'Email',
  editors: 'Người nhập liệu',
  noAward: 'Không xét khen thưởng',
} as const;

export const CRITERIA_HEADERS = {
  code: 'Mã',
  content: 'Nội dung',
  maxPoints: 'Điểm chuẩn',
  rule: 'Cách tính',
  param: 'Tham số',
} as const;

/** Headers of each unit's own tab. `points` and `check` are written by the system only. */
export const ENTRY_HEADERS = {
  code: 'Mã',
  content: 'Nội dung',
  maxPoints: 'Điểm chuẩn',
  target: 'Chỉ tiêu',
  actual: 'Thực hiện',
  selfScore: 'Tự chấm',
  evidence: 'Minh chứng',
  reviewScore: 'Cụm chấm',
  points: 'Điểm',
  check: 'Kiểm tra',
} as const;

/** Headers a unit tab needs for the unit to be scored at all. */
export const ENTRY_REQUIRED = ['code', 'target', 'actual', 'selfScore', 'evidence', 'reviewScore', 'points', 'check'] as const;

/**
 * `Lịch sử` (MEETING.md, "A new year"): one row per unit and year, written by `thidua
 * new-year` and carried from year to year. System-owned, but never rewritten by a run.
 */
export const HISTORY_HEADERS = {
  year: 'Năm',
  code: 'Mã',
  name: 'Tên đơn vị',
  rank: 'Hạng',
  total: 'Tổng điểm',
  grade: 'Xếp loại',
  award: 'Khen thưởng',
  role: 'Vai trò',
} as const;

/** `Vai trò` in `Lịch sử`: the unit's role that year, or empty. */
export const ROLE = { head: 'Cụm trưởng', deputy: 'Cụm phó' } as const;

export const ISSUE_HEADERS = ['Đơn vị', 'Ô', 'Tiêu chí', 'Mức độ', 'Nội dung'] as const;
export const LOG_HEADERS = ['Thời điểm', 'Nguồn', 'Nội dung'] as const;

/** `Xếp hạng` columns; the per-group columns go between `name` and `bonus`. */
export const RANKING_HEADERS = {
  rank: 'Hạng',
  code: 'Mã',
  name: 'Tên đơn vị',
  bonus: 'Điểm thưởng',
  deduction: 'Điểm trừ',
  total: 'Tổng điểm',
  grade: 'Xếp loại',
  award: 'Đề nghị khen thưởng',
  /** Version 2: the tallies of Bỏ phiếu for this unit. */
  voteResult: 'Kết quả bình xét',
  status: 'Trạng thái',
} as const;

/** `Cấu hình` keys (the `Mục` column). */
export const SETTING = {
  name: 'Tên cụm',
  year: 'Năm',
  period: 'Kỳ đánh giá',
  deadline: 'Hạn nộp',
  scale: 'Thang điểm',
  bonusCap: 'Điểm thưởng tối đa',
  excellent: 'Mức Xuất sắc',
  good: 'Mức Tốt',
  pass: 'Mức Hoàn thành',
  flagLabel: 'Hình thức Cờ',
  certificateLabel: 'Hình thức Bằng khen',
  certificateCount: 'Số Bằng khen',
  reportTo: 'Email nhận báo cáo',
  remindDays: 'Nhắc trước (ngày)',
  language: 'Ngôn ngữ',
  // version 2 (MEETING.md)
  head: 'Cụm trưởng',
  deputy: 'Cụm phó',
  place: 'Địa danh',
  recipient: 'Cơ quan nhận đề nghị',
  bases: 'Căn cứ',
  voteThreshold: 'Tỷ lệ phiếu tối thiểu',
} as const;

export const DEFAULT_RECIPIENT = 'Hội đồng Thi đua - Khen thưởng tỉnh';
export const DEFAULT_BASES = ['Luật Thi đua, khen thưởng số 06/2022/QH15', 'Nghị định số 152/2025/NĐ-CP'] as const;

/** `Bỏ phiếu`: one row per unit voted on (MEETING.md). */
export const BALLOT_HEADERS = {
  subject: 'Nội dung',
  code: 'Mã',
  for: 'Đồng ý',
  valid: 'Phiếu hợp lệ',
} as const;

/** The `Nội dung` of the rows electing next year's head and deputy are `ROLE`'s words (the award forms are the Cấu hình labels). */

/** Rule names (`Cách tính`) as staff type them. */
export const RULE = {
  ratio: 'Tỷ lệ',
  overTarget: 'Vượt chỉ tiêu',
  compare: 'So sánh',
  passFail: 'Đạt/Không đạt',
  perOccurrence: 'Theo lần',
  selfScored: 'Tự chấm',
  onTime: 'Đúng hạn',
  bonus: 'Thưởng',
  deduction: 'Trừ',
} as const;

export type RuleKey = keyof typeof RULE;

export const GRADE = {
  excellent: 'Xuất sắc',
  good: 'Tốt',
  pass: 'Hoàn thành',
  fail: 'Chưa hoàn thành',
} as const;

export const NEEDS_VOTE = 'Cần bỏ phiếu';
/** A tally that tied (MEETING.md): nobody receives the form until the meeting votes again. */
export const REVOTE = 'Cần bỏ phiếu lại';
