/** The sheet's language as a run that cannot score reads it: `Ngôn ngữ`, or Vietnamese. */
import { describe, expect, it } from 'vitest';
import { sheetLanguage } from '../../../functions/core/workbook/language.js';
import { snapshot } from '../../support/snapshot.js';
import { WORKED } from '../../support/worked-example.js';

const withLanguage = (typed: string | undefined) => {
  const settings = { ...WORKED.settings };
  delete settings['Ngôn ngữ'];
  return snapshot({ ...WORKED, settings: typed === undefined ? settings : { ...settings, 'Ngôn ngữ': typed } });
};

describe('sheetLanguage', () => {
  it('is English when Ngôn ngữ says en, in any case', () => {
    expect(sheetLanguage(withLanguage('en'))).toBe('en');
    expect(sheetLanguage(withLanguage(' EN '))).toBe('en');
  });

  it('is Vietnamese by default, and for vi or anything unreadable', () => {
    expect(sheetLanguage(withLanguage(undefined))).toBe('vi');
    expect(sheetLanguage(withLanguage('vi'))).toBe('vi');
    expect(sheetLanguage(withLanguage('tiếng Anh'))).toBe('vi');
  });

  it('is Vietnamese when Cấu hình is missing or has no Mục/Giá trị header', () => {
    const wb = withLanguage('en');
    expect(sheetLanguage({ ...wb, tabs: wb.tabs.filter((t) => t.name !== 'Cấu hình') })).toBe('vi');
    const headless = { ...wb, tabs: wb.tabs.map((t) => (t.name === 'Cấu hình' ? { ...t, rows: t.rows.slice(1) } : t)) };
    expect(sheetLanguage(headless)).toBe('vi');
  });
});
