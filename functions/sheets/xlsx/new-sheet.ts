/**
 * A worksheet part for a system tab the workbook does not have yet: first row frozen,
 * columns wide enough for what is written.
 */
import type { OutValue } from '../../core/cell.js';
import { escapeAttr } from './xml.js';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** An empty worksheet in namespace `ns`; the rows are then written with `replaceRows`. */
export function emptySheetXml(ns: string, rows: OutValue[][]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${escapeAttr(ns)}">` +
    '<dimension ref="A1"/>' +
    '<sheetViews><sheetView workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
    '</sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    columns(rows) +
    '<sheetData/>' +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '</worksheet>'
  );
}

/** Widths from the longest text per column (in characters), between 8 and 60. */
function columns(rows: OutValue[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((v, c) => {
      const len = v === null ? 0 : Math.max(...String(v).split('\n').map((l) => l.length));
      widths[c] = Math.max(widths[c] ?? 0, len);
    });
  }
  if (widths.length === 0) return '';
  const cols = Array.from(widths, (w, c) => {
    const width = Math.min(60, Math.max(8, (w ?? 0) + 2));
    return `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`;
  });
  return `<cols>${cols.join('')}</cols>`;
}
