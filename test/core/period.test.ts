import { describe, expect, it } from 'vitest';
import { isFullYear, periodLabel, reviewFolder, reviewKey } from '../../functions/core/period.js';

describe('the review a run belongs to', () => {
  it('the year-end review keeps the cluster’s own key; mid-year reviews get their own', () => {
    expect(reviewKey('file:/k.xlsx', { year: 2023, period: 'Cả năm' })).toBe('file:/k.xlsx');
    expect(reviewKey('file:/k.xlsx', { year: 2023, period: '6 tháng' })).toBe('file:/k.xlsx#2023 6 tháng');
    expect(reviewKey('file:/k.xlsx', { year: 2023, period: '9 tháng' })).not.toBe(reviewKey('file:/k.xlsx', { year: 2023, period: '6 tháng' }));
  });

  it('reads "Cả năm" however it is typed', () => {
    expect(isFullYear('cả  NĂM')).toBe(true);
    expect(isFullYear('Ca nam')).toBe(true);
    expect(isFullYear('6 tháng')).toBe(false);
    expect(periodLabel({ year: null, period: '6 tháng' })).toBe('6 tháng');
  });

  it('names a mid-year review’s preview folder without accents', () => {
    expect(reviewFolder({ year: 2023, period: '6 tháng' })).toBe('6-thang');
    expect(reviewFolder({ year: 2023, period: 'Sơ kết 9 tháng đầu năm' })).toBe('so-ket-9-thang-dau-nam');
    expect(reviewFolder({ year: 2023, period: 'Cả năm' })).toBeNull();
  });
});
