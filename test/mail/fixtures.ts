/**
 * Hand-built `Evaluation`s for the mail tests, shaped like the core's output: the 6-unit
 * provincial block of socio-political organisations, year 2023 (shared/samples/CLUSTERS.md;
 * figures invented where the reports give none), and a synthetic cluster of any size.
 * Totals, subtotals and ranks are computed here from the per-criterion points, so every
 * number adds up as the core's would.
 */
import type { Cents, Criterion, CriterionScore, Evaluation, HistoryEntry, Issue, Settings, UnitResult } from '../../functions/core/model.js';
import { formatPercent } from '../../functions/core/format.js';
import type { RuleKey } from '../../sheets-schema/layout.js';

interface CriterionSpec {
  code: string;
  content: string;
  max: number;
  rule: RuleKey;
  param?: number;
}

const GROUPS = [
  { code: '1', content: 'Thực hiện nhiệm vụ chính trị, chuyên môn' },
  { code: '2', content: 'Công tác xây dựng tổ chức, thi đua, khen thưởng' },
  { code: '3', content: 'Tham gia hoạt động của Khối' },
  { code: '4', content: 'Điểm thưởng, điểm trừ' },
];

const CRITERIA: CriterionSpec[] = [
  { code: '1.1', content: 'Phát triển hội viên, đoàn viên', max: 20, rule: 'ratio' },
  { code: '1.2', content: 'Kết quả phong trào thi đua chuyên đề', max: 20, rule: 'overTarget' },
  { code: '1.3', content: 'Công tác an sinh xã hội, hỗ trợ hội viên', max: 20, rule: 'overTarget' },
  { code: '2.1', content: 'Ký kết giao ước thi đua đầu năm', max: 10, rule: 'passFail' },
  { code: '2.2', content: 'Gửi báo cáo đúng hạn', max: 10, rule: 'onTime', param: 2 },
  { code: '2.3', content: 'Mô hình, điển hình tiên tiến', max: 10, rule: 'perOccurrence', param: 2.5 },
  { code: '3.1', content: 'Tham gia đầy đủ các hoạt động của Khối', max: 10, rule: 'selfScored' },
  { code: '4.1', content: 'Sáng kiến được cấp tỉnh công nhận', max: 5, rule: 'bonus', param: 1 },
  { code: '4.2', content: 'Vi phạm bị cấp có thẩm quyền phê bình', max: 10, rule: 'deduction', param: 5 },
];

export function criteria(): Criterion[] {
  const rows: Criterion[] = [];
  let row = 1;
  for (const g of GROUPS) {
    const children = CRITERIA.filter((c) => c.code.startsWith(`${g.code}.`));
    const ordinary = children.filter((c) => c.rule !== 'bonus' && c.rule !== 'deduction');
    rows.push({
      code: g.code,
      content: g.content,
      max: ordinary.length ? ordinary.reduce((n, c) => n + c.max * 100, 0) : null,
      rule: null,
      usable: true,
      param: null,
      isGroup: true,
      top: g.code,
      row: row++,
    });
    for (const c of children) {
      rows.push({ code: c.code, content: c.content, max: c.max * 100, rule: c.rule, usable: true, param: c.param ?? null, isGroup: false, top: g.code, row: row++ });
    }
  }
  return rows;
}

/** One criterion's result as the fixture states it: points, and optionally what was typed. */
export interface ScoreSpec {
  points: number;
  explain?: string;
  target?: string;
  actual?: string;
  ratio?: number;
}

export interface UnitSpec {
  code: string;
  name: string;
  emails?: string[];
  /** Points per criterion code; absent → the unit has no data (status missing). */
  scores?: Record<string, number | ScoreSpec>;
  issues?: Omit<Issue, 'unit' | 'tab'>[];
  noAward?: string | null;
  /** Earlier years, as `Lịch sử` gives them. */
  history?: HistoryEntry[];
}

export function settings(over: Partial<Settings> = {}): Settings {
  return {
    name: 'Khối thi đua các tổ chức chính trị - xã hội tỉnh',
    year: 2023,
    period: 'Cả năm',
    deadline: '2023-12-20',
    scale: 100,
    bonusCap: 5,
    thresholds: { excellent: 0.9, good: 0.7, pass: 0.5 },
    flagLabel: 'Cờ thi đua',
    certificateLabel: 'Bằng khen',
    certificateCount: 2,
    reportTo: ['vanphong.khoi@example.vn', 'lanhdao@example.vn'],
    remindDays: 3,
    language: 'vi',
    head: null,
    deputy: null,
    place: null,
    recipient: 'Hội đồng Thi đua - Khen thưởng tỉnh',
    bases: [],
    voteThreshold: null,
    ...over,
  };
}

const cents = (points: number): Cents => Math.round(points * 100);

function explainFor(spec: CriterionSpec, s: ScoreSpec): string {
  if (s.explain) return s.explain;
  if (s.ratio !== undefined) return `đạt ${formatPercent(s.ratio)} chỉ tiêu`;
  if (spec.rule === 'passFail') return s.points > 0 ? 'Đạt' : 'Không đạt';
  if (spec.rule === 'selfScored') return 'điểm tự chấm';
  if (spec.rule === 'deduction') return s.points > 0 ? `${s.points / (spec.param ?? 1)} lần vi phạm` : 'không vi phạm';
  if (spec.rule === 'bonus') return s.points > 0 ? `${s.points / (spec.param ?? 1)} sáng kiến` : 'không có';
  return '';
}

/** Builds an Evaluation the way the core would: sums, grades, ranks and award proposals. */
export function evaluation(units: UnitSpec[], over: Partial<Settings> = {}): Evaluation {
  const s = settings(over);
  const crit = criteria();
  const results: UnitResult[] = units.map((u) => {
    const issues = (u.issues ?? []).map((i) => ({ ...i, unit: u.code, tab: u.code }));
    const errorCount = issues.filter((i) => i.severity === 'error').length;
    const warningCount = issues.length - errorCount;
    const base = {
      code: u.code, name: u.name, emails: u.emails ?? [], rank: null, grade: null, award: null as string | null,
      proposal: null as string | null, votes: [], voteResult: null, noAward: u.noAward ?? null, errorCount, warningCount, history: u.history ?? [],
    };
    if (!u.scores) {
      return { ...base, status: 'missing' as const, ordinary: 0, bonus: 0, deduction: 0, total: 0, groups: {}, scores: [], awardReason: 'chưa nộp số liệu', errorCount: 0, warningCount: 0 };
    }
    const scores: CriterionScore[] = [];
    const groups: Record<string, Cents> = {};
    let ordinary = 0;
    let bonus = 0;
    let deduction = 0;
    for (const spec of CRITERIA) {
      const raw = u.scores[spec.code] ?? 0;
      const sc: ScoreSpec = typeof raw === 'number' ? { points: raw } : raw;
      const points = cents(sc.points);
      const c = crit.find((x) => x.code === spec.code)!;
      scores.push({
        code: spec.code, points, max: c.max, explain: explainFor(spec, sc), row: c.row + 1,
        target: sc.target ?? '', actual: sc.actual ?? '', self: '', review: '', evidence: '', ratio: sc.ratio ?? null,
      });
      if (spec.rule === 'bonus') bonus += points;
      else if (spec.rule === 'deduction') deduction += points;
      else {
        ordinary += points;
        groups[c.top] = (groups[c.top] ?? 0) + points;
      }
    }
    if (s.bonusCap !== null) bonus = Math.min(bonus, cents(s.bonusCap));
    const total = Math.max(0, ordinary + bonus - deduction);
    const share = total / (s.scale * 100);
    const grade = share >= s.thresholds.excellent ? 'Xuất sắc' : share >= s.thresholds.good ? 'Tốt' : share >= s.thresholds.pass ? 'Hoàn thành' : 'Chưa hoàn thành';
    return {
      ...base, status: errorCount > 0 ? ('issues' as const) : ('ok' as const),
      ordinary, bonus, deduction, total, groups, scores, grade, awardReason: '',
    };
  });

  // Rank: total, then ordinary, then smaller deduction; competition ranking.
  const withData = results.filter((u) => u.status !== 'missing');
  withData.sort((a, b) => b.total - a.total || b.ordinary - a.ordinary || a.deduction - b.deduction);
  withData.forEach((u, i) => {
    const prev = withData[i - 1];
    u.rank = prev && prev.total === u.total && prev.ordinary === u.ordinary && prev.deduction === u.deduction ? prev.rank : i + 1;
  });

  // Awards: the flag to the first eligible, then certificates; simple (no ties) like the core's common case.
  let flagGiven = false;
  let certs = 0;
  for (const u of withData) {
    if (u.status !== 'ok') { u.awardReason = `chưa xét khen thưởng vì còn ${u.errorCount} lỗi chưa sửa`; continue; }
    if (u.noAward) { u.awardReason = `không xét khen thưởng: ${u.noAward}`; continue; }
    if (u.grade !== 'Xuất sắc') { u.awardReason = `xếp loại ${u.grade}, chưa đạt Xuất sắc`; continue; }
    if (!flagGiven) { u.award = s.flagLabel; flagGiven = true; u.awardReason = 'dẫn đầu Khối, xếp loại Xuất sắc'; continue; }
    if (certs < s.certificateCount) { u.award = s.certificateLabel; certs++; u.awardReason = `xếp thứ ${u.rank}, xếp loại Xuất sắc`; continue; }
    u.awardReason = `xếp loại Xuất sắc nhưng đã hết suất ${s.certificateLabel} (${s.certificateCount} suất)`;
  }

  for (const u of withData) u.proposal = u.award;
  const order = [...withData, ...results.filter((u) => u.status === 'missing')];
  return {
    settings: s,
    criteria: crit,
    groups: GROUPS.map((g) => ({ code: g.code, content: g.content })),
    units: order,
    issues: order.flatMap((u) => (units.find((x) => x.code === u.code)!.issues ?? []).map((i) => ({ ...i, unit: u.code, tab: u.code }))),
    history: [],
    locked: null,
    next: { year: null, head: null, deputy: null, by: null },
  };
}

/** The provincial block of CLUSTERS.md: HND first with the flag, LĐLĐ and CCB with certificates. */
export function provincialUnits(): UnitSpec[] {
  return [
    {
      code: 'MTTQ', name: 'Ủy ban MTTQ Việt Nam tỉnh', emails: ['mttq@example.vn'],
      scores: {
        '1.1': 18.4,
        '1.2': { points: 20, ratio: 1.8493, actual: '18.862.484.719 đồng', target: '10.200.000.000 đồng', explain: 'đạt 184,93% chỉ tiêu, cao nhất Khối' },
        '1.3': 15, '2.1': 10, '2.2': { points: 8, explain: 'nộp chậm 1 ngày' }, '2.3': 10, '3.1': 9,
        '4.2': { points: 5, explain: '1 lần vi phạm' },
      },
    },
    {
      code: 'HND', name: 'Hội Nông dân tỉnh', emails: ['hnd@example.vn'],
      scores: {
        '1.1': 20,
        '1.2': { points: 18.5, ratio: 1.42, actual: '1.269 hộ', target: '894 hộ' },
        '1.3': { points: 20, ratio: 1.13, actual: '58.782', target: '52.020' },
        '2.1': 10, '2.2': 10, '2.3': 10, '3.1': 9,
      },
    },
    {
      code: 'LDLD', name: 'Liên đoàn Lao động tỉnh', emails: ['ldld@example.vn', 'vanphong.ldld@example.vn'],
      scores: {
        '1.1': 19.2,
        '1.2': { points: 17.47, ratio: 1.6342, actual: '6.754', target: '4.133', explain: 'đạt 163,42% chỉ tiêu: 10 + 10 × 0,6342 / 0,8493 = 17,47' },
        '1.3': { points: 18, ratio: 1.6177, actual: '6.686', target: '4.133' },
        '2.1': 10, '2.2': 10, '2.3': { points: 7.5, explain: '3 mô hình × 2,5 điểm' }, '3.1': 9,
        '4.1': { points: 3, explain: '3 sáng kiến × 1 điểm' },
      },
    },
    {
      code: 'CCB', name: 'Hội Cựu chiến binh tỉnh', emails: ['ccb@example.vn'],
      scores: {
        '1.1': 20, '1.2': { points: 16, ratio: 1.27, actual: '38 mộ', target: '30 mộ' }, '1.3': 17.6,
        '2.1': 10, '2.2': 10, '2.3': 10, '3.1': 9, '4.1': 1,
      },
    },
    {
      code: 'HLHPN', name: 'Hội Liên hiệp Phụ nữ tỉnh', emails: ['phunu@example.vn'],
      scores: { '1.1': 19, '1.2': 15.5, '1.3': 16.5, '2.1': 10, '2.2': 10, '2.3': 10, '3.1': 10 },
    },
    {
      code: 'TD', name: 'Tỉnh đoàn', emails: ['tinhdoan@example.vn'],
      scores: { '1.1': 18, '1.2': { points: 14, ratio: 1.05, actual: '167.500 lượt', target: '160.000 lượt' }, '1.3': 15.8, '2.1': 10, '2.2': 0, '2.3': 10, '3.1': 8 },
      issues: [
        { cell: 'E7', criterion: '2.2', severity: 'error', code: 'impossible-date', message: 'Ô E7 (tiêu chí 2.2): Ngày "31/02/2023" không có trên lịch. Hãy nhập ngày có thật, dạng dd/mm/yyyy' },
        { cell: 'E5', criterion: '1.3', severity: 'warning', code: 'dot-decimal', message: 'Ô E5 (tiêu chí 1.3): "184.93" được hiểu là 184,93; cách viết Việt Nam dùng dấu phẩy: 184,93' },
      ],
    },
  ];
}

export function provincialBlock(over: Partial<Settings> = {}, edit?: (units: UnitSpec[]) => void): Evaluation {
  const units = provincialUnits();
  edit?.(units);
  return evaluation(units, over);
}

/** A cluster of `n` units with varied, plausible scores, for size tests. */
export function syntheticCluster(n: number, over: Partial<Settings> = {}): Evaluation {
  const units: UnitSpec[] = [];
  for (let i = 0; i < n; i++) {
    const f = (k: number) => Math.round((0.55 + 0.45 * (((i * 37 + k * 11) % 29) / 28)) * 100) / 100;
    units.push({
      code: `DV${String(i + 1).padStart(2, '0')}`,
      name: `Ủy ban Mặt trận Tổ quốc Việt Nam huyện số ${i + 1}`,
      emails: [`dv${i + 1}@example.vn`],
      scores: {
        '1.1': 20 * f(1),
        '1.2': { points: 20 * f(2), ratio: 0.8 + f(2), actual: `${1000 + i * 37}`, target: '1.000' },
        '1.3': { points: 20 * f(3), ratio: 0.7 + f(3), actual: `${900 + i * 13}`, target: '1.000' },
        '2.1': 10, '2.2': 10 * f(4), '2.3': 10 * f(5), '3.1': 10 * f(6),
        '4.1': i % 3, '4.2': i % 5 === 0 ? 5 : 0,
      },
      issues: i % 7 === 3 ? [{ cell: 'E6', criterion: '1.3', severity: 'error', code: 'not-a-number', message: 'Ô E6 (tiêu chí 1.3): "abc" không phải là số. Hãy nhập số, ví dụ 1.250 hoặc 12,5' }] : [],
    });
  }
  return evaluation(units, over);
}
