/**
 * A system-owned tab written whole from its layout (core/cell.ts TabLayout): values with
 * their number formats, column widths, the header's notes, row heights, print setup and
 * the chart's anchor. Nothing of an earlier layout survives, so a group column removed
 * from `Tiêu chí` leaves no header, width or note behind.
 */
import type { OutValue, TabLayout } from '../../core/cell.js';
import { a1, columnName } from '../../core/a1.js';
import { FOOTER, mmToInches, PAGE } from '../../../sheets-schema/page.js';
import { FORMAT_CODE, type CellFormat } from '../../../sheets-schema/ranking.js';
import type { XfSpec } from './style-sheet.js';
import { encodeOoxmlText, escapeAttr, escapeText } from './xml.js';

const HEADER_FILL = 'FFBFBFBF';

/** The styles a layout needs, by key; the writer turns them into `cellXfs` ids. */
export function layoutStyles(layout: TabLayout): Map<string, XfSpec> {
  const out = new Map<string, XfSpec>();
  const border = layout.borders !== false;
  // An input tab reads top-down (long contents wrap); the printed ranking is centred.
  const vertical = border ? 'center' : 'top';
  layout.columns.forEach((c, i) => {
    const fill = layout.headerFills?.[i] ?? HEADER_FILL;
    out.set(`header${i}`, { bold: true, fill, wrap: true, align: border ? 'center' : 'left', vertical: 'center', border });
    const system = layout.systemColumns?.find((x) => x.col === i);
    out.set(`col${i}`, {
      numFmt: FORMAT_CODE[c.format], wrap: c.wrap, align: c.align, vertical, border,
      ...(system ? { fill: system.fill, color: system.color } : {}),
    });
  });
  for (const f of layout.cellFormats) out.set(cellKey(f.format, f.bold ?? false), asideSpec(f.format, f.bold ?? false));
  return out;
}

function cellKey(format: CellFormat, bold: boolean): string {
  return `cell:${format}:${bold ? 'b' : ''}`;
}

function asideSpec(format: CellFormat, bold: boolean): XfSpec {
  return { numFmt: FORMAT_CODE[format], bold, align: 'left', vertical: 'center', wrap: format === 'text' && !bold };
}

export interface OwnedParts {
  /** r:id of the drawing holding the chart, and of the legacy drawing of the notes. */
  drawing?: string;
  /** `dxfs` index of the highlight's fill. */
  highlightDxf?: number;
  legacyDrawing?: string;
  relNs: string;
}

/**
 * The worksheet part. `styleId(key)` gives the `s` of a style from layoutStyles;
 * `table` is the size of the table (header included); the lines beside it keep their
 * own formats.
 */
export function ownedSheetXml(ns: string, rows: OutValue[][], layout: TabLayout, styleId: (key: string) => number, parts: OwnedParts, table: { rows: number; cols: number }): string {
  const special = new Map<string, string>();
  for (const f of layout.cellFormats) special.set(`${f.row}:${f.col}`, cellKey(f.format, f.bold ?? false));
  let lastRow = 0;
  let lastCol = 0;
  const body: string[] = [];
  const systemCols = new Set((layout.systemColumns ?? []).map((x) => x.col));
  const bodyRows = Math.max(rows.length, layout.bodyRows ?? 0);
  const allRows: OutValue[][] = Array.from({ length: systemCols.size ? bodyRows : rows.length }, (_, r) => rows[r] ?? []);
  allRows.forEach((values, r) => {
    const cells: string[] = [];
    const width = Math.max(values.length, r < table.rows ? table.cols : 0, systemCols.size ? table.cols : 0);
    for (let c = 0; c < width; c++) {
      const v = values[c] ?? null;
      const inTable = c < table.cols && (r < table.rows || (systemCols.has(c) && r < bodyRows));
      const key = special.get(`${r}:${c}`) ?? (inTable ? (r === 0 ? `header${c}` : `col${c}`) : undefined);
      if (v === null && key === undefined) continue;
      cells.push(cellXml(r, c, v, key === undefined ? undefined : styleId(key)));
      if (v !== null) {
        lastRow = Math.max(lastRow, r);
        lastCol = Math.max(lastCol, c);
      }
    }
    const height = r === 0 ? layout.headerHeight : layout.rowHeights[r] ?? null;
    const ht = height ? ` ht="${height}" customHeight="1"` : '';
    if (cells.length || ht) body.push(`<row r="${r + 1}"${ht}>${cells.join('')}</row>`);
  });
  const hl = layout.highlight;
  const conditional = hl && parts.highlightDxf !== undefined
    ? `<conditionalFormatting sqref="A2:${a1(hl.lastRow, hl.lastCol)}"><cfRule type="expression" dxfId="${parts.highlightDxf}" priority="1"><formula>${escapeText(hl.formula)}</formula></cfRule></conditionalFormatting>`
    : '';
  const lists = (layout.validations ?? []).filter((v) => v.rows.length);
  const validations = lists.length
    ? `<dataValidations count="${lists.length}">${lists.map((v) =>
      `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="warning" errorTitle="Giá trị không có trong danh sách" error="${escapeAttr(v.error)}" sqref="${v.rows.map((r) => a1(r, v.col)).join(' ')}">` +
      `<formula1>${escapeText(`"${v.list.join(',')}"`)}</formula1></dataValidation>`).join('')}</dataValidations>`
    : '';
  const cols = layout.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
    .join('');
  const m = PAGE.margins;
  const p = layout.print;
  const header = p.header ? `<oddHeader>${escapeText(`&C&"Times New Roman,Bold"&11${p.header.replace(/&/g, '&&')}`)}</oddHeader>` : '';
  const footer = `<oddFooter>${escapeText(`&C&"Times New Roman,Regular"&10${FOOTER}`)}</oddFooter>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${escapeAttr(ns)}" xmlns:r="${escapeAttr(parts.relNs)}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="${lastRow === 0 && lastCol === 0 ? 'A1' : `A1:${a1(lastRow, lastCol)}`}"/>` +
    '<sheetViews><sheetView workbookViewId="0">' +
    `<pane ySplit="${p.titleRows}" topLeftCell="A${p.titleRows + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${p.titleRows + 1}" sqref="A${p.titleRows + 1}"/>` +
    '</sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="16" customHeight="1"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${body.join('')}</sheetData>` +
    conditional +
    validations +
    '<printOptions horizontalCentered="1"/>' +
    `<pageMargins left="${mmToInches(m.left)}" right="${mmToInches(m.right)}" top="${mmToInches(m.top)}" bottom="${mmToInches(m.bottom)}" header="${mmToInches(m.header)}" footer="${mmToInches(m.footer)}"/>` +
    `<pageSetup paperSize="${PAGE.paperSize}" orientation="${p.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter>${header}${footer}</headerFooter>` +
    (parts.drawing ? `<drawing r:id="${parts.drawing}"/>` : '') +
    (parts.legacyDrawing ? `<legacyDrawing r:id="${parts.legacyDrawing}"/>` : '') +
    '</worksheet>'
  );
}

function cellXml(r: number, c: number, v: OutValue, s: number | undefined): string {
  const style = s === undefined ? '' : ` s="${s}"`;
  if (v === null) return `<c r="${a1(r, c)}"${style}/>`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} to a cell`);
    return `<c r="${a1(r, c)}"${style}><v>${Object.is(v, -0) ? 0 : v}</v></c>`;
  }
  return `<c r="${a1(r, c)}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeText(encodeOoxmlText(v))}</t></is></c>`;
}

/** `'Xếp hạng'!$1:$1`: the rows printed on top of every page. */
export function printTitlesRef(sheetName: string, rows: number): string {
  return `'${sheetName.replace(/'/g, "''")}'!$1:$${rows}`;
}

/** `'Xếp hạng'!$B$2:$B$7` */
export function columnRef(sheetName: string, col: number, fromRow: number, toRow: number): string {
  const c = columnName(col);
  return `'${sheetName.replace(/'/g, "''")}'!$${c}$${fromRow + 1}:$${c}$${toRow + 1}`;
}
