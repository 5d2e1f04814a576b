/** What a run writes on a unit's tab: `Điểm` of each criterion row and each group row (functions/core/edits.ts). */
import { describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../functions/core/cell.js';
import { buildEdits } from '../../functions/core/edits.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { cell, snapshot, type ClusterSpec } from '../support/snapshot.js';

const CRITERIA: ClusterSpec['criteria'] = [
  { code: '1', content: 'Công tác chuyên môn' },
  { code: '1.1', content: 'Hoàn thành kế hoạch', max: 10, rule: 'Đạt/Không đạt' },
  { code: '1.2', content: 'Phong trào' },
  { code: '1.2.1', content: 'Số mô hình mới', max: 5, rule: 'Theo lần', param: 2 },
  { code: '1.2.2', content: 'Vi phạm', max: 5, rule: 'Trừ', param: 1 },
  { code: '2', content: 'Thưởng, trừ' },
  { code: '2.1', content: 'Sáng kiến', max: 3, rule: 'Thưởng', param: 1 },
  { code: '2.2', content: 'Nộp chậm', max: 3, rule: 'Trừ', param: 1 },
];

const ENTRIES = { '1.1': { actual: 'Đạt' }, '1.2.1': { actual: '2' }, '1.2.2': { actual: '1' }, '2.1': { actual: '3', evidence: 'QĐ 12' }, '2.2': { actual: '1' } };

/** `units` units with the same results; each unit tab also has the group rows (as `thidua init` lays them out) and a row coded 9, in no group. */
function cluster(units: number): WorkbookSnapshot {
  const codes = Array.from({ length: units }, (_, i) => `DV${i + 1}`);
  const wb = snapshot({ units: codes.map((code) => ({ code })), criteria: CRITERIA, entries: Object.fromEntries(codes.map((c) => [c, ENTRIES])) });
  for (const code of codes) {
    const tab = wb.tabs.find((t) => t.name === code)!;
    const [header, ...rows] = tab.rows;
    const row = (c: string) => [cell(c), cell(CRITERIA.find((x) => x.code === c)?.content ?? ''), ...Array.from({ length: header!.length - 2 }, () => null)];
    const byCode = new Map(rows.map((r) => [(r[0] as { v: string }).v, r]));
    tab.rows = [header!, row('1'), byCode.get('1.1')!, row('1.2'), byCode.get('1.2.1')!, byCode.get('1.2.2')!, row('2'), byCode.get('2.1')!, byCode.get('2.2')!, row('9')];
  }
  return wb;
}

/** `Điểm` on one unit's tab, code → value, as the unit reads it after a run. */
function pointsColumn(wb: WorkbookSnapshot, unit: string): Record<string, unknown> {
  const detail = evaluate(wb);
  const edits = buildEdits(detail, { now: 0, trigger: 'cli', source: 'x.xlsx', log: [] });
  const tab = wb.tabs.find((t) => t.name === unit)!;
  const col = tab.rows[0]!.findIndex((c) => c?.t === 's' && c.v === 'Điểm');
  return Object.fromEntries(edits.cells.filter((c) => c.tab === unit && c.col === col).map((c) => [(tab.rows[c.row]![0] as { v: string }).v, c.value]));
}

describe('Điểm on a unit tab', () => {
  it('each criterion row has its points (deductions negative); each group row the sum of every criterion under it; a row in no group stays empty', () => {
    expect(pointsColumn(cluster(2), 'DV1')).toEqual({
      '1': 13, // 10 + (2 × 2) − 1
      '1.1': 10,
      '1.2': 3, // 4 − 1, the level below
      '1.2.1': 4,
      '1.2.2': -1,
      '2': 2, // bonus 3 − deduction 1
      '2.1': 3,
      '2.2': -1,
      '9': null,
    });
  });

  it('reads Tiêu chí a number of times that does not grow with the units (no scan of it per unit and row)', () => {
    const reads = (units: number) => {
      const detail = evaluate(cluster(units));
      let n = 0;
      const criteria = detail.evaluation.criteria;
      // Every element read of ev.criteria, whoever makes it, while the edits are built.
      detail.evaluation.criteria = new Proxy(criteria, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) n++;
          return Reflect.get(target, key, receiver);
        },
      });
      buildEdits(detail, { now: 0, trigger: 'cli', source: 'x.xlsx', log: [] });
      return n;
    };
    expect(reads(40)).toBe(reads(4));
  });
});
