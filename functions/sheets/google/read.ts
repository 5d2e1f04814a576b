/**
 * The one read of a run: `spreadsheets.get` with grid data for every tab, trimmed by a
 * field mask to what the core needs (values, "is it a formula", "is it a date").
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { Cell, TabSnapshot, WorkbookSnapshot } from '../../core/cell.js';
import { withRetry, type RetryOptions } from '../../google/retry.js';
import { serialToDay } from './serial.js';

/** Partial-response mask (Sheets "field masks" guide: `,` between fields, `.` into subfields, `()` to group). */
export const READ_FIELDS =
  'spreadsheetId,spreadsheetUrl,properties.title,' +
  'sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount)),' +
  'data(startRow,startColumn,rowData.values(effectiveValue,userEnteredValue.formulaValue,effectiveFormat.numberFormat.type)))';

/** What the write needs to know about each tab it may touch. */
export interface SheetRef {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  /** Rows up to the last one holding a value (0 for an empty tab). */
  usedRows: number;
}

export interface ReadResult {
  snapshot: WorkbookSnapshot;
  sheets: SheetRef[];
}

export async function readSpreadsheet(
  client: sheets_v4.Sheets,
  spreadsheetId: string,
  retry: RetryOptions = {},
): Promise<ReadResult> {
  const res = await withRetry(
    'Sheets spreadsheets.get',
    (s) => client.spreadsheets.get({ spreadsheetId, includeGridData: true, fields: READ_FIELDS }, s),
    retry,
  );
  return fromSpreadsheet(res.data);
}

/** Pure: the API's `Spreadsheet` resource → what the core reads. */
export function fromSpreadsheet(s: sheets_v4.Schema$Spreadsheet): ReadResult {
  const tabs: TabSnapshot[] = [];
  const refs: SheetRef[] = [];
  const ordered = [...(s.sheets ?? [])].sort((a, b) => (a.properties?.index ?? 0) - (b.properties?.index ?? 0));
  for (const sheet of ordered) {
    const p = sheet.properties ?? {};
    const rows = gridRows(sheet.data ?? []);
    tabs.push({ name: p.title ?? '', rows });
    refs.push({
      sheetId: p.sheetId ?? 0,
      title: p.title ?? '',
      rowCount: p.gridProperties?.rowCount ?? 0,
      columnCount: p.gridProperties?.columnCount ?? 0,
      usedRows: rows.length,
    });
  }
  const snapshot: WorkbookSnapshot = { title: s.properties?.title ?? '', tabs };
  if (s.spreadsheetUrl) snapshot.url = s.spreadsheetUrl;
  return { snapshot, sheets: refs };
}

function gridRows(data: sheets_v4.Schema$GridData[]): Cell[][] {
  // Plain loops, no callback per cell: a read of 60 units is tens of thousands of cells.
  const rows: (Cell[] | undefined)[] = [];
  for (const grid of data) {
    const r0 = grid.startRow ?? 0;
    const c0 = grid.startColumn ?? 0;
    const rowData = grid.rowData ?? [];
    for (let i = 0; i < rowData.length; i++) {
      const values = rowData[i]!.values;
      if (!values) continue;
      for (let j = 0; j < values.length; j++) {
        const cell = cellFrom(values[j]!);
        if (cell === null) continue;
        const row = (rows[r0 + i] ??= []);
        row[c0 + j] = cell;
      }
    }
  }
  // Dense arrays (holes → null), no trailing empties: the same content always reads the same.
  const out: Cell[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const dense: Cell[] = [];
    if (row) for (let c = 0; c < row.length; c++) dense.push(row[c] ?? null);
    out.push(dense);
  }
  return out;
}

const DATE_TYPES = new Set(['DATE', 'DATE_TIME']);

/** The text Sheets shows for each `ErrorValue.type`. */
const ERROR_TEXT: Record<string, string> = {
  ERROR: '#ERROR!',
  NULL_VALUE: '#NULL!',
  DIVIDE_BY_ZERO: '#DIV/0!',
  VALUE: '#VALUE!',
  REF: '#REF!',
  NAME: '#NAME?',
  NUM: '#NUM!',
  N_A: '#N/A',
  // Still computing: no value yet, which the core treats like a formula without a result.
  LOADING: '',
};

/** One cell: its effective (computed) value, typed as the core wants it. */
export function cellFrom(cd: sheets_v4.Schema$CellData): Cell {
  const ev = cd.effectiveValue;
  // A formula whose result is empty has no effectiveValue: an empty cell to the core.
  if (!ev) return null;
  // `f` only on a formula's cell (no object spread per cell: this runs for every cell read).
  const f = !!cd.userEnteredValue?.formulaValue;
  if (ev.errorValue) {
    const v = ERROR_TEXT[ev.errorValue.type ?? ''] ?? '#ERROR!';
    return f ? { t: 'e', v, f } : { t: 'e', v };
  }
  if (typeof ev.boolValue === 'boolean') return f ? { t: 'b', v: ev.boolValue, f } : { t: 'b', v: ev.boolValue };
  if (typeof ev.numberValue === 'number') {
    const type = cd.effectiveFormat?.numberFormat?.type ?? '';
    if (DATE_TYPES.has(type)) {
      const v = serialToDay(ev.numberValue);
      return f ? { t: 'd', v, f } : { t: 'd', v };
    }
    return f ? { t: 'n', v: ev.numberValue, f } : { t: 'n', v: ev.numberValue };
  }
  // An empty text (a formula answering "") is no value, as an empty cell is.
  if (typeof ev.stringValue === 'string' && ev.stringValue !== '') return f ? { t: 's', v: ev.stringValue, f } : { t: 's', v: ev.stringValue };
  return null;
}
