/**
 * The reader reads each sheet in one pass (read.ts: scanXml, one cell's elements at a
 * time) and hands each part over without keeping it (zip.ts: keep = false). What a person
 * sees must not depend on that: the reason a workbook is refused is the one reading the
 * whole tree first gave (malformed XML, then the sheet's structure, then its cells), and a
 * part read again counts again against the bytes read in all.
 */
import { describe, expect, it } from 'vitest';
import { WorkbookUnusableError } from '../../../functions/sheets/port.js';
import { LIMITS } from '../../../functions/sheets/xlsx/limits.js';
import { readXlsx } from '../../../functions/sheets/xlsx/read.js';
import { handmadeXlsx } from './helpers.js';

function reason(bytes: Uint8Array): unknown {
  try {
    readXlsx(bytes, 'x');
    return 'read';
  } catch (e) {
    if (e instanceof WorkbookUnusableError) return e.reason;
    throw e;
  }
}

const long = `<row r="1"><c r="A1" t="inlineStr"><is><t>${'ư'.repeat(LIMITS.stringLength + 1)}</t></is></c></row>`;

describe('readXlsx refuses for the same reason as when it read the whole tree', () => {
  it('a row beyond the grid after a too-long text: the grid is reported, not the text', () => {
    const body = `<sheetData>${long}<row r="1048577"><c><v>1</v></c></row></sheetData>`;
    expect(reason(handmadeXlsx({ sheets: [{ name: 'A', body }] }))).toMatchObject({ code: 'too-large', limit: 'rows' });
  });

  it('a column beyond XFD in a row without r, after a too-long text: the grid is reported', () => {
    const body = `<sheetData>${long}<row><c r="XFE2"><v>1</v></c></row></sheetData>`;
    expect(reason(handmadeXlsx({ sheets: [{ name: 'A', body }] }))).toMatchObject({ code: 'too-large', limit: 'columns' });
  });

  it('malformed XML after a row beyond the grid: not a workbook (the XML is checked first)', () => {
    const body = `<sheetData><row r="1048577"><c><v>1</v></c></row><row><c><v>1</v></row></sheetData>`;
    expect(reason(handmadeXlsx({ sheets: [{ name: 'A', body }] }))).toMatchObject({ code: 'not-a-workbook' });
  });

  it('a bad row number after a too-long text: not a workbook', () => {
    const body = `<sheetData>${long}<row r="abc"><c><v>1</v></c></row></sheetData>`;
    expect(reason(handmadeXlsx({ sheets: [{ name: 'A', body }] }))).toMatchObject({ code: 'not-a-workbook' });
  });

  it('the text alone: its length is reported', () => {
    expect(reason(handmadeXlsx({ sheets: [{ name: 'A', body: `<sheetData>${long}</sheetData>` }] }))).toMatchObject({ code: 'too-large', limit: 'stringLength' });
  });

  it('a worksheet without sheetData, whatever its rows elsewhere: not a workbook', () => {
    expect(reason(handmadeXlsx({ sheets: [{ name: 'A', body: '<x><sheetData><row r="1"><c><v>1</v></c></row></sheetData></x>' }] }))).toMatchObject({ code: 'not-a-workbook' });
  });
});

describe('readXlsx counts every reading of a part', () => {
  it('four tabs naming one 30 MB part are over the bytes read in all (the part is not kept and read once)', () => {
    const body = `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>${' '.repeat(30 * 1024 * 1024)}`;
    const sheets = ['A', 'B', 'C', 'D'].map((name) => ({ name, body, part: 'xl/worksheets/same.xml' }));
    expect(reason(handmadeXlsx({ sheets }))).toMatchObject({ code: 'too-large', limit: 'totalBytes' });
    expect(reason(handmadeXlsx({ sheets: sheets.slice(0, 3) }))).toBe('read');
  });
});
