/**
 * The sheet's language (`Ngôn ngữ` in `Cấu hình`) read on its own, for what a run writes on
 * a workbook it cannot score (core/stale.ts): the rest of `Cấu hình` may be unusable then,
 * so nothing here reports an issue — anything but a readable `en` is Vietnamese, the default.
 */
import { SETTING, SETTINGS_HEADERS, TAB } from '../../../sheets-schema/layout.js';
import type { WorkbookSnapshot } from '../cell.js';
import type { Lang } from '../model.js';
import { normalizeName } from '../text.js';
import { cellAt, findTab, headerColumns, textOf } from './grid.js';

export function sheetLanguage(wb: WorkbookSnapshot): Lang {
  const tab = findTab(wb, TAB.settings);
  if (!tab) return 'vi';
  const { cols } = headerColumns(tab, SETTINGS_HEADERS);
  if (cols.key === undefined || cols.value === undefined) return 'vi';
  const key = normalizeName(SETTING.language);
  // The first `Ngôn ngữ` row counts, as readSettings reads it.
  for (let r = 1; r < tab.rows.length; r++) {
    if (normalizeName(textOf(cellAt(tab, r, cols.key))) !== key) continue;
    return textOf(cellAt(tab, r, cols.value)).toLowerCase() === 'en' ? 'en' : 'vi';
  }
  return 'vi';
}
