/**
 * A system-owned tab's layout (core/cell.ts TabLayout) as Sheets requests, sent in the
 * run's one batch after its values: column widths, the header's notes (cleared elsewhere
 * on the header row), number formats (two decimals, the date-time of `Cập nhật lúc`),
 * wrapping and the header row height. Derived whole each run, like the `.xlsx` tab.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import type { OutValue, TabLayout } from '../../core/cell.js';
import { FORMAT_CODE, type CellFormat } from '../../../sheets-schema/ranking.js';

type Request = sheets_v4.Schema$Request;
type CellFormatData = sheets_v4.Schema$CellFormat;

/** Pixels per character of the default font, as Sheets sizes columns. */
const PX_PER_CHAR = 7;
const PX_PER_POINT = 4 / 3;

function format(f: CellFormat, wrap: boolean, bold = false): CellFormatData {
  const code = FORMAT_CODE[f];
  return {
    ...(code ? { numberFormat: { type: f === 'dateTime' ? 'DATE_TIME' : 'NUMBER', pattern: code } } : { numberFormat: { type: 'TEXT' } }),
    wrapStrategy: wrap ? 'WRAP' : 'OVERFLOW_CELL',
    verticalAlignment: 'MIDDLE',
    ...(bold ? { textFormat: { bold: true } } : {}),
  };
}

export function layoutRequests(sheetId: number, rows: readonly OutValue[][], layout: TabLayout): Request[] {
  const out: Request[] = [];
  layout.columns.forEach((c, col) => {
    out.push({
      updateDimensionProperties: {
        range: { sheetId, dimension: 'COLUMNS', startIndex: col, endIndex: col + 1 },
        properties: { pixelSize: Math.round(c.width * PX_PER_CHAR + 5) },
        fields: 'pixelSize',
      },
    });
  });
  out.push({
    updateDimensionProperties: {
      range: { sheetId, dimension: 'ROWS', startIndex: 0, endIndex: 1 },
      properties: { pixelSize: Math.round(layout.headerHeight * PX_PER_POINT) },
      fields: 'pixelSize',
    },
  });
  // Header row: notes of the layout, none elsewhere; wrapped and bold.
  out.push({
    updateCells: {
      range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: layout.columns.length },
      rows: [{ values: layout.columns.map((c, col) => (col < layout.table.cols ? { note: c.note ?? '', userEnteredFormat: { wrapStrategy: 'WRAP', textFormat: { bold: true }, verticalAlignment: 'MIDDLE' } } : { note: '' })) }],
      fields: 'note,userEnteredFormat.wrapStrategy,userEnteredFormat.textFormat.bold,userEnteredFormat.verticalAlignment',
    },
  });
  // Table body: each column's format.
  if (layout.table.rows > 1) {
    layout.columns.slice(0, layout.table.cols).forEach((c, col) => {
      out.push({
        repeatCell: {
          range: { sheetId, startRowIndex: 1, endRowIndex: layout.table.rows, startColumnIndex: col, endColumnIndex: col + 1 },
          cell: { userEnteredFormat: format(c.format, c.wrap) },
          fields: 'userEnteredFormat.numberFormat,userEnteredFormat.wrapStrategy,userEnteredFormat.verticalAlignment',
        },
      });
    });
  }
  // The lines beside the table.
  for (const f of layout.cellFormats) {
    if (f.row >= rows.length) continue;
    out.push({
      repeatCell: {
        range: { sheetId, startRowIndex: f.row, endRowIndex: f.row + 1, startColumnIndex: f.col, endColumnIndex: f.col + 1 },
        cell: { userEnteredFormat: format(f.format, false, f.bold ?? false) },
        fields: 'userEnteredFormat.numberFormat,userEnteredFormat.wrapStrategy,userEnteredFormat.verticalAlignment,userEnteredFormat.textFormat.bold',
      },
    });
  }
  return out;
}
