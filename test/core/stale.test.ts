/** The report a broken shared sheet gets: the reason, a log line, the last ranking marked stale. */
import { describe, expect, it } from 'vitest';
import { staleEdits, STALE_LABEL } from '../../functions/core/stale.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { buildEdits } from '../../functions/core/edits.js';
import { snapshot } from '../support/snapshot.js';
import { WORKED } from '../support/worked-example.js';

describe('staleEdits', () => {
  const wb = snapshot(WORKED);
  // A previous good run left its ranking in the sheet.
  const ranking = buildEdits(evaluate(wb), { now: 0, trigger: 'edit', source: 'x', log: [] }).tabs[0]!;
  wb.tabs.push({ name: 'Xếp hạng', rows: ranking.rows.map((r) => r.map((v) => (v === null ? null : typeof v === 'number' ? { t: 'n' as const, v } : { t: 's' as const, v }))) });
  const edits = staleEdits(wb, { code: 'missing-tab', tab: 'Tiêu chí' }, Date.UTC(2024, 0, 8, 3));

  it('puts the reason in Kiểm tra and a line in Nhật ký', () => {
    expect(edits.tabs).toEqual([{ name: 'Kiểm tra', rows: [['Đơn vị', 'Ô', 'Tiêu chí', 'Mức độ', 'Nội dung'], ['Tiêu chí', null, null, 'Lỗi', expect.stringContaining('thiếu tab "Tiêu chí"')]] }]);
    expect(edits.append[0]!.rows[0]).toEqual(['08/01/2024 10:00', 'Chấm điểm', expect.stringContaining('Không chấm được')]);
  });

  it('leaves the ranking table alone and marks it stale beside it', () => {
    const col = ranking.rows[0]!.indexOf('Cập nhật lúc');
    expect(edits.cells).toEqual([
      { tab: 'Xếp hạng', row: 5, col, value: STALE_LABEL },
      { tab: 'Xếp hạng', row: 5, col: col + 1, value: expect.stringMatching(/^KẾT QUẢ CŨ — 08\/01\/2024 10:00: /) },
    ]);
    expect(edits.cells.every((c) => c.col > ranking.rows[0]!.indexOf('Trạng thái'))).toBe(true);
  });
});
