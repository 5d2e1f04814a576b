/**
 * What makes a unit's tab a unit's tab on Google Sheets beyond its cells, for a tab a run
 * creates (a unit added to `Đơn vị` after setup): its protection — only the unit's
 * `Người nhập liệu` and the admins may edit it, as setup.ts protects every unit tab — the
 * `Đạt/Không đạt` dropdowns and the tint of rows with an issue (the layout's own, as
 * `thidua init` lays the tab out in an `.xlsx`).
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { TabLayout } from '../../core/cell.js';
import { Email } from '../../../sheets-schema/schemas.js';
import { runs } from './runs.js';

type Request = sheets_v4.Schema$Request;

/** The whole tab protected for the unit's editors and the admins (setup.ts and a run's new tab). */
export function unitProtection(sheetId: number, code: string, editors: readonly string[], admins: readonly string[]): Request {
  return {
    addProtectedRange: {
      protectedRange: {
        range: { sheetId },
        description: `Đơn vị ${code}: chỉ người nhập liệu của đơn vị và quản trị được sửa`,
        warningOnly: false,
        // Only well-formed addresses: Sheets refuses the whole batch for one it cannot take.
        editors: { users: distinct([...editors, ...admins].filter((a) => Email.safeParse(a).success)) },
      },
    },
  };
}

/** The layout's dropdowns and issue tint as requests: sent once, when the tab is created (rules added twice would pile up). */
export function newUnitTabRequests(sheetId: number, layout: TabLayout): Request[] {
  const out: Request[] = [];
  for (const v of layout.validations ?? []) {
    for (const [r0, r1] of runs(v.rows)) out.push(listValidation(sheetId, v.col, r0, r1 + 1, v.list, v.error));
  }
  const hl = layout.highlight;
  if (hl) {
    out.push({
      addConditionalFormatRule: {
        index: 0,
        rule: {
          ranges: [{ sheetId, startRowIndex: 1, endRowIndex: hl.lastRow + 1, startColumnIndex: 0, endColumnIndex: hl.lastCol + 1 }],
          booleanRule: {
            condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: `=${hl.formula}` }] },
            format: { backgroundColor: colour(hl.fill) },
          },
        },
      },
    });
  }
  return out;
}

/** A dropdown on rows r0..r1-1 of a column (setup's and a new unit tab's). */
export function listValidation(sheetId: number, col: number, r0: number, r1: number, values: readonly string[], message: string): Request {
  return {
    setDataValidation: {
      range: { sheetId, startRowIndex: r0, endRowIndex: r1, startColumnIndex: col, endColumnIndex: col + 1 },
      rule: {
        condition: { type: 'ONE_OF_LIST', values: values.map((v) => ({ userEnteredValue: v })) },
        inputMessage: message,
        showCustomUi: true,
        // Loose spellings are read by the core (and reported), so warn rather than reject.
        strict: false,
      },
    },
  };
}

export function distinct(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = s.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** `FFRRGGBB` (the layout's ARGB) as Sheets' 0–1 colour. */
function colour(argb: string): sheets_v4.Schema$Color {
  const hex = argb.slice(-6);
  const at = (i: number) => Math.round((parseInt(hex.slice(i, i + 2), 16) / 255) * 1000) / 1000;
  return { red: at(0), green: at(2), blue: at(4) };
}
