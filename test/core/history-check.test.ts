/** `Lịch sử` as a run reads it: each unit's earlier years, and warnings where a person edited what new-year carried. */
import { describe, expect, it } from 'vitest';
import type { OutValue, TabSnapshot } from '../../functions/core/cell.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { HISTORY_HEADERS, TAB } from '../../sheets-schema/layout.js';
import { cell, snapshot } from '../support/snapshot.js';
import { WORKED } from '../support/worked-example.js';

const CARRIED: OutValue[][] = [
  [2022, 'A', 'Đơn vị A', 2, 88.5, 'Tốt', null, 'Cụm trưởng'],
  [2023, 'A', 'Đơn vị A', 1, 97.5, 'Xuất sắc', 'Cờ thi đua', null],
  [2023, 'B', 'Đơn vị B', 2, 74.73, 'Tốt', null, 'Cụm phó'],
];

function withHistory(rows: OutValue[][], header: string[] = Object.values(HISTORY_HEADERS)) {
  const wb = snapshot(WORKED);
  const tab: TabSnapshot = { name: TAB.history, rows: [header.map((h) => cell(h)), ...rows.map((r) => r.map((v) => cell(v ?? undefined)))] };
  return { ...wb, tabs: [...wb.tabs, tab] };
}

const historyIssues = (ev: ReturnType<typeof evaluate>['evaluation']) => ev.issues.filter((i) => i.tab === TAB.history);

describe('Lịch sử in the evaluation', () => {
  it('gives each unit its earlier years, oldest first, and the rows as read', () => {
    const { evaluation } = evaluate(withHistory([CARRIED[1]!, CARRIED[2]!, CARRIED[0]!]), { carriedHistory: CARRIED });
    const a = evaluation.units.find((u) => u.code === 'A')!;
    expect(a.history).toEqual([
      { year: 2022, rank: 2, total: 88.5, grade: 'Tốt', award: null, role: 'Cụm trưởng' },
      { year: 2023, rank: 1, total: 97.5, grade: 'Xuất sắc', award: 'Cờ thi đua', role: null },
    ]);
    expect(evaluation.units.find((u) => u.code === 'C')!.history).toEqual([]);
    expect(evaluation.history.map((h) => [h.year, h.code, h.row])).toEqual([[2023, 'A', 1], [2023, 'B', 2], [2022, 'A', 3]]);
    // Sorting the tab is not an edit.
    expect(historyIssues(evaluation)).toEqual([]);
  });

  it('leaves out rows of this year and later: the history is of earlier years', () => {
    const { evaluation } = evaluate(withHistory([[2024, 'A', 'Đơn vị A', 1, 90, 'Xuất sắc', null, null], CARRIED[0]!]));
    expect(evaluation.units.find((u) => u.code === 'A')!.history.map((h) => h.year)).toEqual([2022]);
  });

  it('a workbook without the tab has no history and no warning', () => {
    const { evaluation } = evaluate(snapshot(WORKED), { carriedHistory: null });
    expect(evaluation.history).toEqual([]);
    expect(evaluation.units.every((u) => u.history.length === 0)).toBe(true);
    expect(evaluation.issues).toEqual([]);
  });
});

describe('hand edits of Lịch sử', () => {
  it('warns on the cell whose value differs from what new-year carried, naming both values', () => {
    const edited = CARRIED.map((r) => [...r]);
    edited[2]![3] = 1; // B's rank 2 → 1
    const { evaluation } = evaluate(withHistory(edited), { carriedHistory: CARRIED });
    expect(historyIssues(evaluation)).toEqual([
      expect.objectContaining({
        severity: 'warning', code: 'history-edited', cell: 'D4',
        message: 'Tab Lịch sử, ô D4: Lịch sử năm 2023 của B đã bị sửa tay: Hạng là "1", khi sang năm thidua đã ghi "2". Lịch sử do hệ thống ghi; hãy trả lại giá trị cũ',
      }),
    ]);
    // The history shows what the tab says; the warning tells people it was changed.
    expect(evaluation.units.find((u) => u.code === 'B')!.history[0]!.rank).toBe(1);
  });

  it('warns on a row added by hand and on a carried row that is gone', () => {
    const rows = [CARRIED[0]!, CARRIED[1]!, [2023, 'C', 'Đơn vị C', 1, 99, 'Xuất sắc', 'Cờ thi đua', null]];
    const { evaluation } = evaluate(withHistory(rows), { carriedHistory: CARRIED });
    expect(historyIssues(evaluation).map((i) => [i.code, i.cell])).toEqual([
      ['history-removed', null],
      ['history-added', 'A4'],
    ]);
    expect(historyIssues(evaluation)[0]!.message).toContain('Thiếu dòng Lịch sử năm 2023 của B');
  });

  it('without a ledger record there is nothing to compare with: no warning', () => {
    const edited = CARRIED.map((r) => [...r]);
    edited[0]![6] = 'Bằng khen';
    const { evaluation } = evaluate(withHistory(edited));
    expect(historyIssues(evaluation)).toEqual([]);
  });

  it('a year that is not a year is a warning on its cell, and the row is skipped', () => {
    const { evaluation } = evaluate(withHistory([['năm ngoái', 'A', 'Đơn vị A', 1, 90, 'Xuất sắc', null, null]]));
    expect(historyIssues(evaluation).map((i) => [i.code, i.cell])).toEqual([['bad-history', 'A2']]);
    expect(evaluation.history).toEqual([]);
  });
});
