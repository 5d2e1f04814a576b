/**
 * The fake's in-memory spreadsheets, shaped like the Sheets v4 resources they answer with.
 * Cells are kept sparse (`"row,col"` → cell) and plain, so a whole spreadsheet can be
 * deep-copied with structuredClone for atomic batches.
 */
import type { sheets_v4 } from '@googleapis/sheets';

export type ExtendedValue = sheets_v4.Schema$ExtendedValue;
export type CellData = sheets_v4.Schema$CellData;

export interface FakeCell {
  userEnteredValue?: ExtendedValue;
  effectiveValue?: ExtendedValue;
  userEnteredFormat?: sheets_v4.Schema$CellFormat;
  note?: string;
  dataValidation?: sheets_v4.Schema$DataValidationRule;
}

export interface FakeSheet {
  properties: {
    sheetId: number;
    title: string;
    index: number;
    gridProperties: { rowCount: number; columnCount: number; frozenRowCount?: number };
  };
  cells: Record<string, FakeCell>;
  protectedRanges: sheets_v4.Schema$ProtectedRange[];
  conditionalFormats: sheets_v4.Schema$ConditionalFormatRule[];
  charts: sheets_v4.Schema$EmbeddedChart[];
}

export interface FakeSpreadsheet {
  spreadsheetId: string;
  properties: { title: string; locale?: string; timeZone?: string };
  sheets: FakeSheet[];
  /** Drive's `version`: goes up on every change. */
  version: number;
  /** Drive's `lastModifyingUser` (its email) and `modifiedTime`; each account's `modifiedByMeTime` (ms). Unset: a person (PERSON), at seed time. */
  lastModifiedBy?: string;
  modifiedAt?: number;
  modifiedByAt?: Record<string, number>;
  /** For protected range and chart ids. */
  nextObjectId: number;
  /** Who owns the file (may always edit, protections notwithstanding); default OWNER. */
  owner?: string;
}

/** An error the fake answers with, in Google's JSON error shape. */
export class FakeApiError extends Error {
  constructor(readonly status: number, message: string, readonly reason = statusName(status)) {
    super(message);
  }
}

export function statusName(status: number): string {
  return (
    { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' }[
      status
    ] ?? 'UNKNOWN'
  );
}

export const key = (r: number, c: number) => `${r},${c}`;
/** The row of a `key`, read without splitting it (reads and ranged writes look at every key of a tab). */
export const rowOf = (k: string): number => +k.slice(0, k.indexOf(','));
export const colOf = (k: string): number => +k.slice(k.indexOf(',') + 1);

export function newSheet(sheetId: number, title: string, index: number, rowCount = 1000, columnCount = 26): FakeSheet {
  return {
    properties: { sheetId, title, index, gridProperties: { rowCount, columnCount } },
    cells: {},
    protectedRanges: [],
    conditionalFormats: [],
    charts: [],
  };
}

export function sheetById(ss: FakeSpreadsheet, sheetId: number | null | undefined): FakeSheet {
  const s = ss.sheets.find((x) => x.properties.sheetId === (sheetId ?? 0));
  if (!s) throw new FakeApiError(400, `No grid with id: ${sheetId ?? 0}`);
  return s;
}

export function sheetByTitle(ss: FakeSpreadsheet, title: string): FakeSheet | undefined {
  return ss.sheets.find((x) => x.properties.title.toLowerCase() === title.toLowerCase());
}

export function reindex(ss: FakeSpreadsheet): void {
  ss.sheets.forEach((s, i) => (s.properties.index = i));
}

const VALUE_KINDS = ['stringValue', 'numberValue', 'boolValue', 'formulaValue', 'errorValue'] as const;

/** Sets what a person or a client entered; the effective value follows (formulas are not evaluated). */
export function setEntered(cell: FakeCell, v: ExtendedValue | undefined | null, effective?: ExtendedValue): void {
  if (!v || Object.keys(v).length === 0) {
    delete cell.userEnteredValue;
    delete cell.effectiveValue;
    return;
  }
  const kinds = VALUE_KINDS.filter((k) => v[k] !== undefined && v[k] !== null);
  if (kinds.length !== 1) throw new FakeApiError(400, `Invalid value: exactly one kind of value must be set, got ${kinds.join(', ') || 'none'}`);
  if (kinds[0] === 'errorValue') throw new FakeApiError(400, 'Invalid value: errorValue cannot be entered');
  if (kinds[0] === 'numberValue' && !Number.isFinite(v.numberValue)) throw new FakeApiError(400, 'Invalid value: numberValue must be finite');
  cell.userEnteredValue = cloneValue(v);
  if (v.formulaValue !== undefined && v.formulaValue !== null) {
    if (effective) cell.effectiveValue = cloneValue(effective);
    else delete cell.effectiveValue;
  } else {
    cell.effectiveValue = cloneValue(v);
  }
}

/** A copy of a value: flat but for `errorValue` (structuredClone costs ~µs a call, and a run's write has thousands). */
function cloneValue(v: ExtendedValue): ExtendedValue {
  const out = { ...v };
  if (v.errorValue) out.errorValue = { ...v.errorValue };
  return out;
}

export function isEmptyCell(c: FakeCell): boolean {
  for (const _ in c) return false;
  return true;
}

/** What `spreadsheets.get` shows of an empty cell: one shared object, never changed (frozen). */
export const EMPTY_CELL: CellData = Object.freeze({});

/** The cell as `spreadsheets.get` shows it. */
export function cellOut(c: FakeCell | undefined): CellData {
  if (!c) return EMPTY_CELL;
  const out: CellData = {};
  if (c.userEnteredValue) out.userEnteredValue = cloneValue(c.userEnteredValue);
  if (c.effectiveValue) out.effectiveValue = cloneValue(c.effectiveValue);
  if (c.userEnteredFormat) {
    out.userEnteredFormat = plainCopy(c.userEnteredFormat);
    if (c.userEnteredFormat.numberFormat) out.effectiveFormat = { numberFormat: plainCopy(c.userEnteredFormat.numberFormat) };
  }
  if (c.note !== undefined) out.note = c.note;
  if (c.dataValidation) out.dataValidation = plainCopy(c.dataValidation);
  return out;
}

/** A deep copy of JSON-like data (request bodies, the fake's model): what structuredClone does here, ~10× faster. */
export function plainCopy<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(plainCopy) as T;
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = plainCopy((v as Record<string, unknown>)[k]);
  return out as T;
}

/** Rows × columns actually holding something. */
export function usedExtent(s: FakeSheet): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const k in s.cells) {
    const r = rowOf(k);
    const c = colOf(k);
    if (r >= rows) rows = r + 1;
    if (c >= cols) cols = c + 1;
  }
  return { rows, cols };
}
