import { describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../../functions/core/cell.js';
import { evaluate } from '../../../functions/core/evaluate.js';
import { lockContent, lockedResults } from '../../../functions/core/lock/payload.js';
import { snapshot } from '../../support/snapshot.js';

const spec = {
  settings: { 'Mức Xuất sắc': '90%' },
  units: [{ code: 'HND' }, { code: 'LDLD' }],
  criteria: [{ code: '1', max: 10, rule: 'Tự chấm' }, { code: '2', max: 10, rule: 'Tự chấm' }],
  entries: {
    HND: { '1': { self: 10, evidence: 'a' }, '2': { self: 9, evidence: 'b' } },
    LDLD: { '1': { self: 8, evidence: 'c' }, '2': { self: 7, evidence: 'd' } },
  },
};
const locked = (wb: WorkbookSnapshot) => {
  const c = lockContent(evaluate(wb));
  return lockedResults(1_703_000_000_000, c.payload)!;
};
const changes = (at: WorkbookSnapshot, now: WorkbookSnapshot) =>
  evaluate(now, { lock: locked(at) }).evaluation.issues.filter((i) => i.code === 'changed-after-lock');
const edit = (wb: WorkbookSnapshot, tab: string, fn: (rows: WorkbookSnapshot['tabs'][number]['rows']) => void): WorkbookSnapshot => ({
  ...wb, tabs: wb.tabs.map((t) => (t.name === tab ? (() => { const rows = t.rows.map((r) => [...r]); fn(rows); return { ...t, rows }; })() : t)),
});

describe('what a lock freezes and what it notices', () => {
  const wb = snapshot(spec);

  it('sees nothing when nothing changed, or when a tab was only sorted', () => {
    expect(changes(wb, wb)).toEqual([]);
    const sorted = edit(wb, 'HND', (rows) => rows.splice(1, 2, rows[2]!, rows[1]!));
    expect(changes(wb, sorted)).toEqual([]);
    // Điểm and Kiểm tra are the system's: writing them is no change.
    expect(changes(wb, edit(wb, 'HND', (rows) => { rows[1]![8] = { t: 'n', v: 10 }; }))).toEqual([]);
  });

  it('warns on each changed input, on its cell, with before and after as people read them', () => {
    const now = edit(edit(wb, 'LDLD', (rows) => { rows[2]![5] = { t: 'n', v: 7.5 }; rows[1]![6] = null; }), 'Cấu hình', (rows) => {
      rows.find((r) => r[0]?.v === 'Mức Xuất sắc')![1] = { t: 's', v: '85%' };
    });
    expect(changes(wb, now).map((i) => [i.tab, i.cell, i.criterion, i.message])).toEqual([
      ['Cấu hình', 'B4', null, 'Tab Cấu hình, ô B4: Đã sửa sau khi chốt: 90% → 85%. Kết quả đã chốt được giữ nguyên; mở chốt (thidua unlock) để chấm lại'],
      ['LDLD', 'G2', '1', 'Ô G2 (tiêu chí 1): Đã sửa sau khi chốt: c → (trống). Kết quả đã chốt được giữ nguyên; mở chốt (thidua unlock) để chấm lại'],
      ['LDLD', 'F3', '2', 'Ô F3 (tiêu chí 2): Đã sửa sau khi chốt: 7 → 7,5. Kết quả đã chốt được giữ nguyên; mở chốt (thidua unlock) để chấm lại'],
    ]);
  });

  it('keeps the locked scores, ranks and proposals whatever the inputs say now', () => {
    const now = edit(wb, 'LDLD', (rows) => { rows[1]![5] = { t: 'n', v: 10 }; rows[2]![5] = { t: 'n', v: 10 }; });
    const ev = evaluate(now, { lock: locked(wb) }).evaluation;
    expect(ev.units.map((u) => [u.code, u.rank, u.total, u.proposal])).toEqual([['HND', 1, 1900, 'Cờ thi đua'], ['LDLD', 2, 1500, null]]);
    expect(evaluate(now).evaluation.units[0]!.code).toBe('LDLD'); // unlocked, LDLD leads
  });

  it('names the tab of a removed row, without a cell', () => {
    const now = edit(wb, 'HND', (rows) => rows.splice(2, 1));
    const found = changes(wb, now);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((i) => i.unit === 'HND' && i.tab === 'HND' && i.cell === null && i.criterion === '2')).toBe(true);
  });
});
