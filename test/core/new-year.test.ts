/** The year's turn, pure: what planNewYear carries from this year's snapshot and evaluation, and what it leaves. */
import { describe, expect, it } from 'vitest';
import type { OutValue, TabSnapshot } from '../../functions/core/cell.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { nextYearDay, NewYearError, planNewYear } from '../../functions/core/new-year.js';
import { HISTORY_HEADERS, TAB } from '../../sheets-schema/layout.js';
import { cell, snapshot, type ClusterSpec } from '../support/snapshot.js';
import { WORKED } from '../support/worked-example.js';

const spec = (settings: ClusterSpec['settings']): ClusterSpec => ({ ...WORKED, settings: { ...WORKED.settings, 'Năm': 2023, ...settings } });
const plan = (settings: ClusterSpec['settings'], extra: TabSnapshot[] = []) => {
  const wb = snapshot(spec(settings));
  const withTabs = { ...wb, tabs: [...wb.tabs, ...extra] };
  return planNewYear(withTabs, evaluate(withTabs).evaluation);
};
const value = (p: ReturnType<typeof plan>, key: string) => p.settings.find(([k]) => k === key)?.[1];
const historyTab = (rows: OutValue[][]): TabSnapshot => ({
  name: TAB.history,
  rows: [Object.values(HISTORY_HEADERS).map((h) => cell(h)), ...rows.map((r) => r.map((v) => cell(v ?? undefined)))],
});

describe('planNewYear', () => {
  it('Năm + 1, Hạn nộp a year later, next year’s head and deputy by rotation, shares as percentages', () => {
    const p = plan({ 'Hạn nộp': '15/12/2023', 'Cụm trưởng': 'A', 'Cụm phó': 'B', 'Mức Xuất sắc': 0.9, 'Số Bằng khen': 2 });
    expect(p.year).toBe(2024);
    expect(value(p, 'Năm')).toBe(2024);
    expect(value(p, 'Hạn nộp')).toBe('15/12/2024');
    expect([value(p, 'Cụm trưởng'), value(p, 'Cụm phó')]).toEqual(['B', 'C']);
    expect(value(p, 'Mức Xuất sắc')).toBe('90%');
    expect(value(p, 'Số Bằng khen')).toBe(2);
    expect(p.report.by).toBe('rotation');
  });

  it('adds the head and deputy rows when the old Cấu hình had none but the vote elected them', () => {
    const wb = snapshot(spec({}));
    const ballot: TabSnapshot = { name: TAB.ballot, rows: [['Nội dung', 'Mã', 'Đồng ý', 'Phiếu hợp lệ'].map((h) => cell(h)), ['Cụm trưởng', 'C', 3, 3].map((v) => cell(v))] };
    const tabs = { ...wb, tabs: [...wb.tabs, ballot] };
    const p = planNewYear(tabs, evaluate(tabs).evaluation);
    expect(value(p, 'Cụm trưởng')).toBe('C');
    expect(p.report.by).toBe('vote');
    expect(p.report.notes.some((n) => n.includes('Chưa xác định được Cụm phó năm 2024'))).toBe(true);
  });

  it('Lịch sử: the old rows of earlier years, then this year’s in rank order, with roles; a same-year old row is dropped and said', () => {
    const old = historyTab([
      [2022, 'A', 'Đơn vị A', 2, 88.5, 'Tốt', null, 'Cụm trưởng'],
      [2023, 'B', 'Đơn vị B', 1, 99, 'Xuất sắc', 'Cờ thi đua', null],
    ]);
    const p = plan({ 'Cụm trưởng': 'C', 'Cụm phó': 'A' }, [old]);
    expect(p.history).toEqual([
      [2022, 'A', 'Đơn vị A', 2, 88.5, 'Tốt', null, 'Cụm trưởng'],
      [2023, 'A', 'Đơn vị A', 1, 97.5, 'Xuất sắc', 'Cờ thi đua', 'Cụm phó'],
      [2023, 'B', 'Đơn vị B', 2, 74.73, 'Tốt', null, null],
      [2023, 'C', 'Đơn vị C', 3, 51.25, 'Hoàn thành', null, 'Cụm trưởng'],
    ]);
    expect(p.report).toMatchObject({ oldRows: 1, thisYearRows: 3, locked: null });
    expect(p.report.notes.some((n) => n.startsWith('Bỏ 1 dòng Lịch sử của năm 2023'))).toBe(true);
    expect(p.report.notes.some((n) => n.includes('chưa được chốt'))).toBe(true);
  });

  it('says when the old Lịch sử cannot be read (no Năm column) instead of dropping it silently', () => {
    const broken: TabSnapshot = { name: TAB.history, rows: [['Year', 'Mã'].map((h) => cell(h)), [2022, 'A'].map((v) => cell(v))] };
    const p = plan({}, [broken]);
    expect(p.report.oldRows).toBe(0);
    expect(p.report.notes).toContain('Tab Lịch sử cũ thiếu cột Năm hoặc Mã: các dòng cũ của nó không được mang sang.');
  });

  it('a unit that did not submit has no rank, total or grade; a pending vote is no award', () => {
    const wb = snapshot({ ...spec({}), entries: { A: WORKED.entries.A!, B: WORKED.entries.A! } });
    const p = planNewYear(wb, evaluate(wb).evaluation);
    const row = (code: string) => p.history.find((r) => r[1] === code)!;
    expect(row('C').slice(3)).toEqual([null, null, null, null, null]);
    // A and B tie for the flag: "Cần bỏ phiếu" is not something they received.
    expect([row('A')[6], row('B')[6]]).toEqual([null, null]);
    expect(p.report.notes.some((n) => n.includes('Cần bỏ phiếu'))).toBe(true);
  });

  it('carries units and criteria as typed, and refuses a workbook without a usable Năm', () => {
    const p = plan({});
    expect(p.units.map((u) => u.code)).toEqual(['A', 'B', 'C']);
    expect(p.criteria.map((c) => [c.code, c.max, c.rule, c.param])).toContainEqual(['2.2', 10, 'Theo lần', '2,5']);
    expect(() => plan({ 'Năm': 'năm nay' })).toThrow(NewYearError);
  });

  it('moves a day to the same day next year, 29 February to the 28th', () => {
    expect(nextYearDay('2023-12-15')).toBe('2024-12-15');
    expect(nextYearDay('2024-02-29')).toBe('2025-02-28');
  });
});
