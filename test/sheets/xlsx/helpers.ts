/**
 * Test helpers for the `.xlsx` adapter, built on independent tools so that the adapter
 * is not checked by itself: fflate zips and unzips, @xmldom/xmldom parses (strictly).
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import type { Cell } from '../../../functions/core/cell.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface HandmadeSheet {
  name: string;
  /** Children of `<worksheet>` (must include `<sheetData>`). */
  body: string;
  /** The whole part instead, as some producer writes it (then `body` is ignored). */
  xml?: string;
  /** Zip path of the part (default xl/worksheets/sheetN.xml). */
  part?: string;
  /** Target as written in workbook.xml.rels (default relative). */
  target?: string;
}

export interface Handmade {
  sheets: HandmadeSheet[];
  /** `<si>` items of sharedStrings.xml. */
  strings?: string[];
  /** Content of styles.xml's `<styleSheet>` (numFmts, cellXfs…). */
  styles?: string;
  workbookPr?: string;
  /** Extra zip entries, written as given. */
  extra?: Record<string, string | Uint8Array>;
  /** Extra workbook relationships (raw `<Relationship>` elements). */
  extraRels?: string;
  /** Extra `[Content_Types].xml` entries. */
  extraTypes?: string;
}

/** A small `.xlsx` written by hand, the way different producers write them. */
export function handmadeXlsx(h: Handmade): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const sheetTags: string[] = [];
  const rels: string[] = [];
  const types: string[] = [];
  h.sheets.forEach((s, i) => {
    const part = s.part ?? `xl/worksheets/sheet${i + 1}.xml`;
    files[part] = strToU8(s.xml ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${s.body}</worksheet>`);
    sheetTags.push(`<sheet name="${s.name}" sheetId="${i + 1}" r:id="rIdS${i + 1}"/>`);
    rels.push(`<Relationship Id="rIdS${i + 1}" Type="${REL}/worksheet" Target="${s.target ?? part.replace(/^xl\//, '')}"/>`);
    types.push(`<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  });
  if (h.strings) {
    files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN}" count="${h.strings.length}" uniqueCount="${h.strings.length}">${h.strings.join('')}</sst>`);
    rels.push(`<Relationship Id="rIdSST" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
    types.push('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>');
  }
  if (h.styles) {
    files['xl/styles.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="${MAIN}">${h.styles}</styleSheet>`);
    rels.push(`<Relationship Id="rIdST" Type="${REL}/styles" Target="styles.xml"/>`);
    types.push('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>');
  }
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}">${h.workbookPr ?? ''}<sheets>${sheetTags.join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}${h.extraRels ?? ''}</Relationships>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['[Content_Types].xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      `${types.join('')}${h.extraTypes ?? ''}</Types>`,
  );
  for (const [name, content] of Object.entries(h.extra ?? {})) files[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files);
}

/** Every zip entry, uncompressed (by fflate, not by the adapter's reader). */
export function entries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export function entryText(bytes: Uint8Array, name: string): string {
  const data = entries(bytes)[name];
  if (!data) throw new Error(`no entry ${name}`);
  return strFromU8(data);
}

/** Parses strictly: any XML error throws. */
export function parseStrict(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`XML ${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}

export interface CellXml {
  s: string | null;
  t: string | null;
  f: string | null;
  v: string | null;
  is: string | null;
}

/** Each cell of a worksheet by its reference: attributes and content as stored. */
export function cellsOf(xml: string): Map<string, CellXml> {
  const doc = parseStrict(xml);
  const out = new Map<string, CellXml>();
  const cells = doc.getElementsByTagNameNS(MAIN, 'c');
  for (let i = 0; i < cells.length; i++) {
    const c = cells.item(i)!;
    const kid = (name: string): string | null => {
      const k = c.getElementsByTagNameNS(MAIN, name).item(0);
      return k ? k.textContent : null;
    };
    const f: Element | null = c.getElementsByTagNameNS(MAIN, 'f').item(0);
    out.set(c.getAttribute('r')!, {
      s: c.getAttribute('s'),
      t: c.getAttribute('t'),
      f: f ? `${f.getAttribute('t') ?? ''}|${f.getAttribute('si') ?? ''}|${f.getAttribute('ref') ?? ''}|${f.textContent}` : null,
      v: kid('v'),
      is: kid('is'),
    });
  }
  return out;
}

/** The worksheet part of tab `name`, found through workbook.xml and its relationships (xmldom). */
export function sheetPart(bytes: Uint8Array, name: string): string {
  const book = parseStrict(entryText(bytes, 'xl/workbook.xml'));
  const rels = parseStrict(entryText(bytes, 'xl/_rels/workbook.xml.rels'));
  const sheets = book.getElementsByTagNameNS(MAIN, 'sheet');
  for (let i = 0; i < sheets.length; i++) {
    const s = sheets.item(i)!;
    if (s.getAttribute('name') !== name) continue;
    const id = s.getAttributeNS(REL, 'id');
    const list = rels.getElementsByTagName('Relationship');
    for (let k = 0; k < list.length; k++) {
      const r = list.item(k)!;
      if (r.getAttribute('Id') === id) {
        const target = r.getAttribute('Target')!;
        return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      }
    }
  }
  throw new Error(`no tab ${name}`);
}

/** The first `n` cells of each row, without trailing empties: a unit's inputs (A–H) are `n = 8`. */
export function leading(rows: Cell[][], n: number): Cell[][] {
  return rows.map((row) => {
    const out = row.slice(0, n);
    while (out.length && out[out.length - 1] === null) out.pop();
    return out;
  });
}
