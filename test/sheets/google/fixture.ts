/**
 * A cluster workbook as `thidua init` lays it out (names from sheets-schema/layout.ts),
 * with any number of units, and a run's edits for it.
 */
import type { Cell, CellEdit, OutValue, SheetEdits, WorkbookSnapshot } from '../../../functions/core/cell.js';
import {
  CRITERIA_HEADERS,
  ENTRY_HEADERS,
  ISSUE_HEADERS,
  LOG_HEADERS,
  RANKING_HEADERS,
  RULE,
  SETTING,
  SETTINGS_HEADERS,
  TAB,
  UNIT_HEADERS,
} from '../../../sheets-schema/layout.js';

const s = (v: string): Cell => ({ t: 's', v });
const n = (v: number): Cell => ({ t: 'n', v });

export const CRITERIA = [
  { code: '1', content: 'Công tác chuyên môn', max: 20, rule: '' },
  { code: '1.1', content: 'Tỷ lệ hội viên mới', max: 10, rule: RULE.ratio },
  { code: '1.2', content: 'Tổ chức hội nghị sơ kết', max: 5, rule: RULE.passFail },
  { code: '1.3', content: 'Báo cáo đúng hạn', max: 5, rule: RULE.onTime },
  { code: '2', content: 'Công tác khác', max: 10, rule: '' },
  { code: '2.1', content: 'Tự đánh giá', max: 10, rule: RULE.selfScored },
];
export const SCORED = CRITERIA.filter((c) => c.rule !== '');

/** Column indexes of a unit tab, in ENTRY_HEADERS order. */
export const COL = Object.fromEntries(Object.keys(ENTRY_HEADERS).map((k, i) => [k, i])) as Record<keyof typeof ENTRY_HEADERS, number>;

export function unitCode(i: number): string {
  return `DV${String(i + 1).padStart(2, '0')}`;
}

export function clusterWorkbook(units: number): WorkbookSnapshot {
  const unitRows: Cell[][] = [Object.values(UNIT_HEADERS).map(s)];
  const tabs = [];
  for (let i = 0; i < units; i++) {
    const code = unitCode(i);
    unitRows.push([s(code), s(`Đơn vị số ${i + 1}`), s(`${code.toLowerCase()}@example.vn`), s(`nhap.${code.toLowerCase()}@example.vn; pho.${code.toLowerCase()}@example.vn`), null]);
    tabs.push({
      name: code,
      rows: [
        Object.values(ENTRY_HEADERS).map(s),
        ...SCORED.map((c, r): Cell[] => [s(c.code), s(c.content), n(c.max), n(100), c.rule === RULE.passFail ? s('Đạt') : n(90 + r), n(c.max - 1), s('https://example.vn/minh-chung')]),
      ],
    });
  }
  return {
    title: 'Cụm thi đua thử nghiệm',
    tabs: [
      {
        name: TAB.settings,
        rows: [
          [s(SETTINGS_HEADERS.key), s(SETTINGS_HEADERS.value)],
          [s(SETTING.name), s('Cụm thi đua các tổ chức chính trị - xã hội tỉnh')],
          [s(SETTING.year), n(2024)],
          [s(SETTING.deadline), { t: 'd', v: '2024-12-15' }],
        ],
      },
      { name: TAB.units, rows: unitRows },
      {
        name: TAB.criteria,
        rows: [Object.values(CRITERIA_HEADERS).map(s), ...CRITERIA.map((c) => [s(c.code), s(c.content), n(c.max), c.rule ? s(c.rule) : null])],
      },
      ...tabs,
    ],
  };
}

/** What a run of the core would hand the adapter for `clusterWorkbook(units)`. */
export function runEdits(units: number): SheetEdits {
  const cells: CellEdit[] = [];
  const ranking: OutValue[][] = [Object.values(RANKING_HEADERS)];
  for (let i = 0; i < units; i++) {
    const tab = unitCode(i);
    SCORED.forEach((c, r) => {
      cells.push({ tab, row: r + 1, col: COL.points, value: c.max - 1 });
      cells.push({ tab, row: r + 1, col: COL.check, value: r === 0 && i % 2 === 0 ? 'Lỗi: Thực hiện không phải là số' : null });
    });
    ranking.push([i + 1, tab, `Đơn vị số ${i + 1}`, 0, 0, 29 - i / 100, 'Xuất sắc', i === 0 ? 'Cờ thi đua' : '', 'ok']);
  }
  return {
    cells,
    tabs: [
      { name: TAB.ranking, rows: ranking },
      { name: TAB.issues, rows: [[...ISSUE_HEADERS], [unitCode(0), 'E2', '1.1', 'Lỗi', 'Thực hiện không phải là số']] },
    ],
    append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: [['2024-12-20 08:00', 'thử nghiệm', `Chấm ${units} đơn vị`]] }],
    notes: Array.from({ length: units }, (_, i) => ({
      tab: unitCode(i),
      rows: SCORED.length + 1,
      cols: [COL.target, COL.actual, COL.selfScore, COL.evidence],
      items: i % 2 === 0 ? [{ tab: unitCode(i), row: 1, col: COL.actual, severity: 'error' as const, text: 'Thực hiện không phải là số' }] : [],
    })),
  };
}
