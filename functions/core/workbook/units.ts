/** `Đơn vị`: the member units, each with a unique `Mã` that is also its tab's name. */
import { TAB, UNIT_HEADERS } from '../../../sheets-schema/layout.js';
import { Email, UnitCode, splitList } from '../../../sheets-schema/schemas.js';
import type { TabSnapshot } from '../cell.js';
import type { IssueList } from '../issues.js';
import type { Unit } from '../model.js';
import { normalizeName } from '../text.js';
import { cellAt, isBlank, textOf } from './grid.js';

export interface UnitRow extends Unit {
  row: number;
}

export function readUnits(
  tab: TabSnapshot,
  cols: Partial<Record<keyof typeof UNIT_HEADERS, number>>,
  issues: IssueList,
): UnitRow[] {
  const units: UnitRow[] = [];
  const seen = new Map<string, number>();
  const where = (row: number, col: number | undefined) => ({ unit: null, tab: TAB.units, row, col: col ?? null, criterion: null });
  for (let r = 1; r < tab.rows.length; r++) {
    const codeCell = cellAt(tab, r, cols.code);
    if (isBlank(codeCell)) continue;
    const code = textOf(codeCell);
    if (!UnitCode.safeParse(code).success) {
      issues.error({ ...where(r, cols.code), code: 'bad-code', params: { typed: code, hint: 'unit-code' } });
      continue;
    }
    const key = normalizeName(code);
    if (seen.has(key)) {
      issues.error({ ...where(r, cols.code), code: 'duplicate-code', params: { typed: code, row: String(seen.get(key)! + 1) } });
      continue;
    }
    seen.set(key, r);
    const emails: string[] = [];
    for (const address of splitList(textOf(cellAt(tab, r, cols.email)))) {
      if (Email.safeParse(address).success) emails.push(address);
      else issues.warning({ ...where(r, cols.email), code: 'bad-email', params: { typed: address } });
    }
    const noAward = textOf(cellAt(tab, r, cols.noAward));
    units.push({
      code,
      name: textOf(cellAt(tab, r, cols.name)) || code,
      emails,
      editors: splitList(textOf(cellAt(tab, r, cols.editors))),
      noAward: noAward === '' ? null : noAward,
      row: r,
    });
  }
  return units;
}
