/**
 * Seeding the fake from a `WorkbookSnapshot` as a person would have typed it into Google
 * Sheets: text, numbers, checkboxes, dates (day numbers with a date format), formulas with
 * their computed value, and formula errors.
 */
import type { Cell, WorkbookSnapshot } from '../../../functions/core/cell.js';
import { dayToSerial } from '../../../functions/sheets/google/serial.js';
import type { FakeGoogle } from './server.js';
import { key, type ExtendedValue, type FakeCell } from './model.js';

const ERROR_TYPE: Record<string, string> = {
  '#NULL!': 'NULL_VALUE',
  '#DIV/0!': 'DIVIDE_BY_ZERO',
  '#VALUE!': 'VALUE',
  '#REF!': 'REF',
  '#NAME?': 'NAME',
  '#NUM!': 'NUM',
  '#N/A': 'N_A',
  '': 'LOADING',
};

export function fakeCell(c: Cell): FakeCell | undefined {
  if (c === null) return undefined;
  let value: ExtendedValue;
  let format: FakeCell['userEnteredFormat'];
  switch (c.t) {
    case 's':
      value = { stringValue: c.v };
      break;
    case 'n':
      value = { numberValue: c.v };
      break;
    case 'b':
      value = { boolValue: c.v };
      break;
    case 'd':
      value = { numberValue: dayToSerial(c.v) };
      format = { numberFormat: { type: 'DATE', pattern: 'dd/mm/yyyy' } };
      break;
    case 'e':
      return {
        userEnteredValue: { formulaValue: '=1/0' },
        effectiveValue: { errorValue: { type: ERROR_TYPE[c.v] ?? 'ERROR', message: 'seeded error' } },
      };
  }
  const cell: FakeCell = c.f
    ? { userEnteredValue: { formulaValue: '=SEEDED()' }, effectiveValue: value }
    : { userEnteredValue: value, effectiveValue: value };
  if (format) cell.userEnteredFormat = format;
  return cell;
}

/** Adds the snapshot as a spreadsheet in the fake; returns its id. */
export function seedSpreadsheet(fake: FakeGoogle, snapshot: WorkbookSnapshot): string {
  return fake.addSpreadsheet(
    snapshot.title,
    snapshot.tabs.map((t) => {
      const cells: Record<string, FakeCell> = {};
      t.rows.forEach((row, r) =>
        row.forEach((c, col) => {
          const cell = fakeCell(c);
          if (cell) cells[key(r, col)] = cell;
        }),
      );
      return {
        name: t.name,
        cells,
        rowCount: Math.max(1000, t.rows.length),
        columnCount: Math.max(26, ...t.rows.map((r) => r.length)),
      };
    }),
  );
}
