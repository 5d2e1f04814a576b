import { describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../../functions/core/cell.js';
import { findTab } from '../../../functions/core/workbook/grid.js';

describe('findTab', () => {
  const wb: WorkbookSnapshot = {
    title: 'x',
    tabs: [{ name: ' tiêu  CHÍ ', rows: [] }, { name: 'Tiêu chí', rows: [[{ t: 's', v: 'second' }]] }, { name: 'DV01', rows: [] }],
  };

  it('finds a tab whatever its case, spacing and Unicode form, and the first of two that read alike', () => {
    expect(findTab(wb, 'Tiêu chí')).toBe(wb.tabs[0]);
    expect(findTab(wb, 'Tie\u0302u chi\u0301')).toBe(wb.tabs[0]); // decomposed marks
    expect(findTab(wb, 'dv01')).toBe(wb.tabs[2]);
    expect(findTab(wb, 'DV02')).toBeUndefined();
  });

  it('sees a tab added to the same workbook after a first look-up', () => {
    expect(findTab(wb, 'DV02')).toBeUndefined();
    wb.tabs.push({ name: 'DV02', rows: [] });
    expect(findTab(wb, 'DV02')).toBe(wb.tabs[3]);
  });
});
