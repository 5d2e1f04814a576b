/**
 * Notes (comments) on cells of a tab the system writes whole: the comments part and the
 * legacy VML drawing Excel needs to show them (LibreOffice reads either).
 */
import { a1 } from '../../core/a1.js';
import { escapeAttr, escapeText } from './xml.js';

export interface Note {
  row: number;
  col: number;
  text: string;
}

export const COMMENTS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
export const VML_TYPE = 'application/vnd.openxmlformats-officedocument.vmlDrawing';

export function commentsXml(ns: string, notes: readonly Note[]): string {
  const list = notes
    .map((n) => `<comment ref="${a1(n.row, n.col)}" authorId="0"><text><r><rPr><sz val="10"/><rFont val="Times New Roman"/><family val="1"/></rPr><t xml:space="preserve">${escapeText(n.text)}</t></r></text></comment>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${escapeAttr(ns)}"><authors><author>thidua</author></authors><commentList>${list}</commentList></comments>`;
}

/** One hidden note box per comment, anchored beside its cell. */
export function vmlXml(notes: readonly Note[], shapeBase = 1025): string {
  const shapes = notes.map((n, i) =>
    `<v:shape id="_x0000_s${shapeBase + i}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:180pt;height:70pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${n.col + 1}, 15, ${n.row}, 2, ${n.col + 4}, 15, ${n.row + 5}, 2</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`,
  ).join('');
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${Math.floor(shapeBase / 1024)}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    shapes +
    '</xml>'
  );
}
