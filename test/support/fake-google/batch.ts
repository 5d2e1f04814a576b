/**
 * `spreadsheets.batchUpdate` for the fake: the request kinds thidua uses, checked the way
 * Sheets checks them (grid limits, unknown sheets, duplicate titles/ids, one value kind per
 * cell). The caller applies the batch to a draft (`draftOf`) and keeps it only if every
 * request passed.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import {
  FakeApiError,
  colOf,
  isEmptyCell,
  key,
  newSheet,
  plainCopy,
  reindex,
  rowOf,
  setEntered,
  sheetById,
  sheetByTitle,
  type CellData,
  type FakeCell,
  type FakeSheet,
  type FakeSpreadsheet,
} from './model.js';

type Request = sheets_v4.Schema$Request;
type Reply = sheets_v4.Schema$Response;
type GridRange = sheets_v4.Schema$GridRange;

const CELL_FIELDS = new Set(['userEnteredValue', 'userEnteredFormat', 'note', 'dataValidation']);

/** Who sends the batch, and who owns the file: protections hold against everyone else not listed as an editor. */
export interface Caller {
  caller: string;
  owner: string;
}

let who: Caller | null = null;

const HANDLERS: Record<string, (ss: FakeSpreadsheet, body: any) => Reply> = {
  addSheet,
  updateSheetProperties,
  appendDimension,
  updateCells,
  appendCells,
  repeatCell,
  setDataValidation,
  addConditionalFormatRule,
  addProtectedRange,
  addChart,
  updateDimensionProperties,
};

/** Column widths and row heights: checked and recorded on the sheet (`dimensions`). */
function updateDimensionProperties(ss: FakeSpreadsheet, body: sheets_v4.Schema$UpdateDimensionPropertiesRequest): Reply {
  const range = body.range;
  const sheet = sheetById(ss, range?.sheetId);
  if (range?.dimension !== 'ROWS' && range?.dimension !== 'COLUMNS') throw new FakeApiError(400, 'range.dimension must be ROWS or COLUMNS');
  if (requireFields(body.fields) !== 'pixelSize') throw new FakeApiError(400, `Unsupported fields "${body.fields}"`);
  const size = body.properties?.pixelSize;
  if (typeof size !== 'number' || size < 0) throw new FakeApiError(400, 'pixelSize must be a non-negative number');
  const g = sheet.properties.gridProperties;
  const limit = range.dimension === 'ROWS' ? g.rowCount : g.columnCount;
  const start = range.startIndex ?? 0;
  const end = range.endIndex ?? limit;
  if (start < 0 || end > limit || start >= end) throw new FakeApiError(400, `Invalid ${range.dimension} range [${start}, ${end})`);
  const sizes = ((sheet as unknown as { dimensions?: Record<string, number> }).dimensions ??= {});
  for (let i = start; i < end; i++) sizes[`${range.dimension}:${i}`] = size;
  return {};
}

/**
 * The spreadsheet a batch works on, sharing nothing that the batch may change with `ss`:
 * everything but the cells deep-copied (small); a tab's map of cells is copied when the
 * batch first writes into it, and a cell when it is written (writeCell) — so `ss` is left
 * as it was however the batch ends. A deep copy of the whole spreadsheet (structuredClone)
 * cost more than applying a run's write (~6 ms at 60 units, for a few hundred changed cells).
 */
export function draftOf(ss: FakeSpreadsheet): FakeSpreadsheet {
  const { sheets, ...rest } = ss;
  return {
    ...plainCopy(rest),
    sheets: sheets.map((s) => {
      const { cells, ...props } = s;
      return { ...plainCopy(props), cells };
    }),
  };
}

/** Tabs whose map of cells this batch has already copied (writeCell). */
let ownCells = new WeakSet<FakeSheet>();

export function applyRequests(ss: FakeSpreadsheet, requests: Request[], caller: Caller | null = null): Reply[] {
  if (!Array.isArray(requests)) throw new FakeApiError(400, 'Invalid JSON payload: "requests" must be a list');
  who = caller;
  ownCells = new WeakSet();
  try {
    return requests.map((req, i) => apply(ss, req, i));
  } finally {
    who = null;
  }
}

function apply(ss: FakeSpreadsheet, req: Request, i: number): Reply {
  {
    const kinds = Object.keys(req ?? {}).filter((k) => (req as any)[k] !== undefined && (req as any)[k] !== null);
    if (kinds.length !== 1) throw new FakeApiError(400, `Invalid requests[${i}]: exactly one kind of request must be set`);
    const kind = kinds[0]!;
    const handler = HANDLERS[kind];
    if (!handler) throw new FakeApiError(400, `Invalid requests[${i}]: unknown or unsupported request "${kind}"`);
    try {
      return handler(ss, (req as any)[kind]);
    } catch (e) {
      if (e instanceof FakeApiError && e.status === 403) throw e;
      if (e instanceof FakeApiError) throw new FakeApiError(e.status, `Invalid requests[${i}].${kind}: ${e.message}`);
      throw e;
    }
  }
}

/**
 * A write to cells of `sheet` within `b` (whole sheet when absent), refused when a
 * protection covering them does not list the caller — the owner may always edit.
 */
function guard(sheet: FakeSheet, b?: { r0: number; r1: number; c0: number; c1: number }): void {
  if (!who || who.caller === who.owner) return;
  const g = sheet.properties.gridProperties;
  const area = b ?? { r0: 0, r1: g.rowCount, c0: 0, c1: g.columnCount };
  for (const pr of sheet.protectedRanges) {
    if (pr.warningOnly) continue;
    const r = pr.range ?? {};
    const p = { r0: r.startRowIndex ?? 0, r1: r.endRowIndex ?? Infinity, c0: r.startColumnIndex ?? 0, c1: r.endColumnIndex ?? Infinity };
    const overlaps = area.r0 < p.r1 && p.r0 < area.r1 && area.c0 < p.c1 && p.c0 < area.c1;
    const editors = (pr.editors?.users ?? []).map((u) => u.toLowerCase());
    if (overlaps && !editors.includes(who.caller.toLowerCase())) {
      throw new FakeApiError(
        403,
        'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
      );
    }
  }
}

function addSheet(ss: FakeSpreadsheet, body: sheets_v4.Schema$AddSheetRequest): Reply {
  const p = body.properties ?? {};
  const title = p.title ?? `Sheet${ss.sheets.length + 1}`;
  if (sheetByTitle(ss, title)) throw new FakeApiError(400, `A sheet with the name "${title}" already exists. Please enter another name.`);
  let id = p.sheetId ?? undefined;
  if (id !== undefined) {
    if (!Number.isInteger(id) || id < 0 || id > 2 ** 31 - 1) throw new FakeApiError(400, `Invalid sheetId ${id}`);
    if (ss.sheets.some((s) => s.properties.sheetId === id)) throw new FakeApiError(400, `A sheet with the id ${id} already exists`);
  } else {
    id = ss.nextObjectId++;
  }
  const g = p.gridProperties ?? {};
  const sheet = newSheet(id, title, 0, g.rowCount ?? 1000, g.columnCount ?? 26);
  if (g.frozenRowCount) sheet.properties.gridProperties.frozenRowCount = g.frozenRowCount;
  const index = Math.min(p.index ?? ss.sheets.length, ss.sheets.length);
  ss.sheets.splice(index, 0, sheet);
  reindex(ss);
  return { addSheet: { properties: structuredClone(sheet.properties) } };
}

function updateSheetProperties(ss: FakeSpreadsheet, body: sheets_v4.Schema$UpdateSheetPropertiesRequest): Reply {
  const p = body.properties ?? {};
  const sheet = sheetById(ss, p.sheetId);
  const fields = requireFields(body.fields);
  for (const path of fields === '*' ? ['title', 'gridProperties'] : fields.split(',').map((f) => f.trim())) {
    if (path === 'sheetId' || path === 'index') throw new FakeApiError(400, `Field ${path} cannot be updated here`);
    if (path === 'title') {
      const other = sheetByTitle(ss, p.title ?? '');
      if (!p.title || (other && other !== sheet)) throw new FakeApiError(400, `Invalid sheet title "${p.title}"`);
    }
    setPath(sheet.properties as any, path, getPath(p, path));
  }
  return {};
}

function appendDimension(ss: FakeSpreadsheet, body: sheets_v4.Schema$AppendDimensionRequest): Reply {
  const sheet = sheetById(ss, body.sheetId);
  guard(sheet);
  const n = body.length ?? 0;
  if (!Number.isInteger(n) || n <= 0) throw new FakeApiError(400, 'length must be a positive integer');
  const g = sheet.properties.gridProperties;
  if (body.dimension === 'ROWS') g.rowCount += n;
  else if (body.dimension === 'COLUMNS') g.columnCount += n;
  else throw new FakeApiError(400, `Invalid dimension ${body.dimension}`);
  return {};
}

function updateCells(ss: FakeSpreadsheet, body: sheets_v4.Schema$UpdateCellsRequest): Reply {
  const fields = cellFields(body.fields);
  const rows = body.rows ?? [];
  if (body.start && body.range) throw new FakeApiError(400, 'Only one of start or range may be set');
  if (body.start) {
    const sheet = sheetById(ss, body.start.sheetId);
    const r0 = body.start.rowIndex ?? 0;
    const c0 = body.start.columnIndex ?? 0;
    guard(sheet, { r0, r1: r0 + rows.length, c0, c1: c0 + Math.max(0, ...rows.map((r) => r.values?.length ?? 0)) });
    rows.forEach((row, i) =>
      (row.values ?? []).forEach((cd, j) => {
        checkInGrid(sheet, r0 + i, c0 + j);
        writeCell(sheet, r0 + i, c0 + j, cd, fields);
      }),
    );
    return {};
  }
  if (body.range) {
    const sheet = sheetById(ss, body.range.sheetId);
    const b = bounds(sheet, body.range);
    guard(sheet, b);
    if (rows.length > b.r1 - b.r0) throw new FakeApiError(400, 'More rows of data than the range holds');
    for (const row of rows) {
      if ((row.values?.length ?? 0) > b.c1 - b.c0) throw new FakeApiError(400, 'More cells of data than the range holds');
    }
    // Every cell of the range is written: the data given, and the fields cleared elsewhere.
    // Only cells that hold something can change by clearing, so those are looked at rather
    // than every position of the range (a whole tab is 26.000 of them).
    const covered = (r: number, c: number) => c - b.c0 < (rows[r - b.r0]?.values?.length ?? 0);
    for (const k of Object.keys(sheet.cells)) {
      const r = rowOf(k);
      const c = colOf(k);
      if (r >= b.r0 && r < b.r1 && c >= b.c0 && c < b.c1 && !covered(r, c)) writeCell(sheet, r, c, {}, fields);
    }
    rows.forEach((row, i) => (row.values ?? []).forEach((cd, j) => writeCell(sheet, b.r0 + i, b.c0 + j, cd ?? {}, fields)));
    return {};
  }
  throw new FakeApiError(400, 'One of start or range must be set');
}

function appendCells(ss: FakeSpreadsheet, body: sheets_v4.Schema$AppendCellsRequest): Reply {
  const sheet = sheetById(ss, body.sheetId);
  guard(sheet);
  const fields = cellFields(body.fields);
  let last = -1;
  for (const k in sheet.cells) {
    if (sheet.cells[k]!.userEnteredValue) last = Math.max(last, rowOf(k));
  }
  const rows = body.rows ?? [];
  const g = sheet.properties.gridProperties;
  g.rowCount = Math.max(g.rowCount, last + 1 + rows.length); // inserts the rows it needs
  rows.forEach((row, i) =>
    (row.values ?? []).forEach((cd, j) => {
      checkInGrid(sheet, last + 1 + i, j);
      writeCell(sheet, last + 1 + i, j, cd, fields);
    }),
  );
  return {};
}

function repeatCell(ss: FakeSpreadsheet, body: sheets_v4.Schema$RepeatCellRequest): Reply {
  const fields = cellFields(body.fields);
  const sheet = sheetById(ss, body.range?.sheetId);
  const b = bounds(sheet, body.range ?? {});
  guard(sheet, b);
  for (let r = b.r0; r < b.r1; r++) for (let c = b.c0; c < b.c1; c++) writeCell(sheet, r, c, body.cell ?? {}, fields);
  return {};
}

function setDataValidation(ss: FakeSpreadsheet, body: sheets_v4.Schema$SetDataValidationRequest): Reply {
  const sheet = sheetById(ss, body.range?.sheetId);
  const b = bounds(sheet, body.range ?? {});
  const rule = body.rule;
  if (rule) {
    const cond = rule.condition;
    if (!cond?.type) throw new FakeApiError(400, 'Data validation rule needs a condition type');
    if (cond.type === 'ONE_OF_LIST' && !(cond.values ?? []).length) throw new FakeApiError(400, 'ONE_OF_LIST needs values');
  }
  for (let r = b.r0; r < b.r1; r++) {
    for (let c = b.c0; c < b.c1; c++) writeCell(sheet, r, c, rule ? { dataValidation: rule } : {}, ['dataValidation']);
  }
  return {};
}

function addConditionalFormatRule(ss: FakeSpreadsheet, body: sheets_v4.Schema$AddConditionalFormatRuleRequest): Reply {
  const rule = body.rule;
  const ranges = rule?.ranges ?? [];
  if (!rule || ranges.length === 0) throw new FakeApiError(400, 'A conditional format rule needs ranges');
  if (!rule.booleanRule && !rule.gradientRule) throw new FakeApiError(400, 'A conditional format rule needs a booleanRule or gradientRule');
  const sheet = sheetById(ss, ranges[0]!.sheetId);
  for (const r of ranges) {
    if ((r.sheetId ?? 0) !== sheet.properties.sheetId) throw new FakeApiError(400, 'All ranges of a rule must be on the same sheet');
    bounds(sheet, r);
  }
  const index = Math.min(body.index ?? 0, sheet.conditionalFormats.length);
  sheet.conditionalFormats.splice(index, 0, structuredClone(rule));
  return {};
}

function addProtectedRange(ss: FakeSpreadsheet, body: sheets_v4.Schema$AddProtectedRangeRequest): Reply {
  const pr = body.protectedRange;
  if (!pr?.range) throw new FakeApiError(400, 'A protected range needs a range');
  const sheet = sheetById(ss, pr.range.sheetId);
  bounds(sheet, pr.range);
  if (pr.warningOnly && pr.editors) throw new FakeApiError(400, 'Editors are not supported with warningOnly protection');
  const whole = (r: GridRange) => r.startRowIndex == null && r.endRowIndex == null && r.startColumnIndex == null && r.endColumnIndex == null;
  if (whole(pr.range) && sheet.protectedRanges.some((p) => p.range && whole(p.range))) {
    throw new FakeApiError(400, `Sheet "${sheet.properties.title}" already has sheet protection.`);
  }
  const stored = { ...structuredClone(pr), protectedRangeId: ss.nextObjectId++ };
  sheet.protectedRanges.push(stored);
  return { addProtectedRange: { protectedRange: structuredClone(stored) } };
}

function addChart(ss: FakeSpreadsheet, body: sheets_v4.Schema$AddChartRequest): Reply {
  const chart = body.chart;
  if (!chart?.spec) throw new FakeApiError(400, 'A chart needs a spec');
  const basic = chart.spec.basicChart;
  if (basic) {
    const sources = [
      ...(basic.domains ?? []).flatMap((d) => d.domain?.sourceRange?.sources ?? []),
      ...(basic.series ?? []).flatMap((s) => s.series?.sourceRange?.sources ?? []),
    ];
    if (sources.length === 0) throw new FakeApiError(400, 'A chart needs data');
    for (const src of sources) bounds(sheetById(ss, src.sheetId), src);
  }
  const anchor = chart.position?.overlayPosition?.anchorCell;
  if (!anchor) throw new FakeApiError(400, 'The fake supports only charts anchored on a sheet');
  const sheet = sheetById(ss, anchor.sheetId);
  const stored = { ...structuredClone(chart), chartId: ss.nextObjectId++ };
  sheet.charts.push(stored);
  return { addChart: { chart: structuredClone(stored) } };
}

// ── helpers ────────────────────────────────────────────────────────────────

function requireFields(fields: string | null | undefined): string {
  if (!fields || !fields.trim()) throw new FakeApiError(400, "At least one field must be specified in 'fields'");
  return fields.trim();
}

function cellFields(fields: string | null | undefined): string[] {
  const f = requireFields(fields);
  if (f === '*') return [...CELL_FIELDS];
  const paths = f.split(',').map((p) => p.trim());
  for (const p of paths) {
    if (!CELL_FIELDS.has(p.split('.')[0]!)) throw new FakeApiError(400, `Unknown field "${p}" of CellData`);
  }
  return paths;
}

function writeCell(sheet: FakeSheet, r: number, c: number, source: CellData, fields: string[]): void {
  const k = key(r, c);
  const old = sheet.cells[k];
  if (clearsNothing(old, source, fields)) return; // most of a ranged write of notes
  if (!ownCells.has(sheet)) {
    sheet.cells = { ...sheet.cells }; // the map the spreadsheet before the batch holds stays as it was
    ownCells.add(sheet);
  }
  // A new object, never the one the spreadsheet before the batch holds (draftOf).
  const cell: FakeCell = old ? { ...old } : {};
  for (const path of fields) {
    if (path === 'userEnteredValue') setEntered(cell, source.userEnteredValue);
    else {
      const parts = partsOf(path);
      // setPath changes the objects on the way to a nested field: those are copied first.
      if (parts.length > 1 && old) {
        const top = parts[0] as keyof FakeCell;
        if (cell[top] === old[top] && old[top] !== undefined) (cell as any)[top] = plainCopy(old[top]);
      }
      setPath(cell as any, parts, getPath(source, parts));
    }
  }
  if (isEmptyCell(cell)) delete sheet.cells[k];
  else sheet.cells[k] = cell;
}

/** Every field is one the source leaves empty and the cell does not have (single-part fields only: no pruning to do). */
function clearsNothing(cell: FakeCell | undefined, source: CellData, fields: string[]): boolean {
  for (const path of fields) {
    if (path.includes('.')) return false;
    const f = path as keyof CellData;
    if (source[f] !== undefined && source[f] !== null) return false;
    if (!cell) continue;
    if (cell[path as keyof FakeCell] !== undefined) return false;
    if (path === 'userEnteredValue' && cell.effectiveValue !== undefined) return false;
  }
  return true;
}

function checkInGrid(sheet: FakeSheet, r: number, c: number): void {
  const g = sheet.properties.gridProperties;
  if (r < 0 || c < 0 || r >= g.rowCount || c >= g.columnCount) {
    throw new FakeApiError(
      400,
      `Range ('${sheet.properties.title}'!R${r + 1}C${c + 1}) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`,
    );
  }
}

function bounds(sheet: FakeSheet, range: GridRange): { r0: number; r1: number; c0: number; c1: number } {
  const g = sheet.properties.gridProperties;
  const b = {
    r0: range.startRowIndex ?? 0,
    r1: range.endRowIndex ?? g.rowCount,
    c0: range.startColumnIndex ?? 0,
    c1: range.endColumnIndex ?? g.columnCount,
  };
  if (b.r0 < 0 || b.c0 < 0 || b.r1 < b.r0 || b.c1 < b.c0) throw new FakeApiError(400, 'Invalid range');
  if (b.r1 > g.rowCount || b.c1 > g.columnCount) {
    throw new FakeApiError(400, `Range exceeds grid limits of '${sheet.properties.title}'. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`);
  }
  return b;
}

/** A field path's parts, split once per path (a batch writes thousands of cells with the same few). */
const PARTS = new Map<string, string[]>();
function partsOf(path: string): string[] {
  let parts = PARTS.get(path);
  if (!parts) PARTS.set(path, (parts = path.split('.')));
  return parts;
}

function getPath(obj: any, path: string | string[]): unknown {
  let o = obj;
  for (const part of typeof path === 'string' ? partsOf(path) : path) {
    if (o === null || o === undefined) return undefined;
    o = o[part];
  }
  return o;
}

function setPath(obj: any, path: string | string[], value: unknown): void {
  const parts = typeof path === 'string' ? partsOf(path) : path;
  let o = obj;
  for (const part of parts.slice(0, -1)) {
    if (o[part] === undefined || o[part] === null) {
      if (value === undefined) return;
      o[part] = {};
    }
    o = o[part];
  }
  const last = parts[parts.length - 1]!;
  if (value === undefined || value === null) delete o[last];
  else o[last] = plainCopy(value);
  // Drop objects left empty (a cleared `userEnteredFormat.textFormat.bold`).
  if (value === undefined || value === null) pruneEmpty(obj, parts);
}

function pruneEmpty(obj: any, parts: string[]): void {
  for (let n = parts.length - 1; n >= 1; n--) {
    const holder = n - 1 === 0 ? obj : getPath(obj, parts.slice(0, n - 1).join('.'));
    const name = parts[n - 1]!;
    const child = (holder as any)?.[name];
    if (child && typeof child === 'object' && Object.keys(child).length === 0) delete (holder as any)[name];
    else return;
  }
}
