/**
 * A DocumentModel as an editable Word file (the `docx` package): people correct, print and
 * sign it. Times New Roman is named (Word has it; LibreOffice substitutes its metric twin
 * Liberation Serif), sizes in points, A4 in millimetres.
 */
import {
  AlignmentType, BorderStyle, convertMillimetersToTwip, Document, Footer, Header, Packer, PageNumber,
  PageOrientation, Paragraph as DocxParagraph, Table as DocxTable, TableCell, TableLayoutType, TableRow,
  TextRun, VerticalAlign, WidthType,
} from 'docx';
import { printable } from '../core/text.js';
import type { Align, Block, Cell, DocumentModel, Paragraph, Table } from './model.js';

const FONT = 'Times New Roman';
const A4 = { width: 210, height: 297 };

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const satisfies Record<Align, unknown>;

/** Half-points, as Word counts font sizes. */
const half = (pt: number) => Math.round(pt * 2);
/** Twentieths of a point. */
const twip = (pt: number) => Math.round(pt * 20);

export async function renderDocx(doc: DocumentModel): Promise<Buffer> {
  const landscape = doc.orientation === 'landscape';
  const textWidthMm = (landscape ? A4.height : A4.width) - doc.margins.left - doc.margins.right;
  const ctx = { size: doc.size, textWidth: convertMillimetersToTwip(textWidthMm) };
  const children = doc.blocks.flatMap((b) => block(b, ctx));
  const pageNumber = new Header({
    children: [new DocxParagraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: half(13) })] })],
  });
  const word = new Document({
    title: doc.title,
    creator: 'thidua',
    styles: {
      default: {
        document: { run: { font: FONT, size: half(doc.size) }, paragraph: { spacing: { line: 276, lineRule: 'auto' } } },
      },
    },
    sections: [{
      properties: {
        titlePage: doc.pageNumbers,
        page: {
          size: {
            width: convertMillimetersToTwip(A4.width),
            height: convertMillimetersToTwip(A4.height),
            orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: {
            top: convertMillimetersToTwip(doc.margins.top),
            bottom: convertMillimetersToTwip(doc.margins.bottom),
            left: convertMillimetersToTwip(doc.margins.left),
            right: convertMillimetersToTwip(doc.margins.right),
            header: convertMillimetersToTwip(doc.margins.top / 2),
            footer: convertMillimetersToTwip(doc.margins.bottom / 2),
          },
        },
      },
      // Nghị định 30: no number on the first page, centred in the top margin from page 2.
      headers: doc.pageNumbers
        ? { default: pageNumber, first: new Header({ children: [new DocxParagraph({ children: [] })] }) }
        : {},
      footers: { default: new Footer({ children: [new DocxParagraph({ children: [] })] }) },
      children,
    }],
  });
  return Packer.toBuffer(word);
}

interface Ctx {
  size: number;
  textWidth: number;
}

function block(b: Block, ctx: Ctx): (DocxParagraph | DocxTable)[] {
  switch (b.kind) {
    case 'paragraph':
      return [paragraph(b, ctx.size)];
    case 'space':
      return [new DocxParagraph({ spacing: { before: 0, after: 0, line: twip(b.points), lineRule: 'exact' }, children: [] })];
    case 'table':
      // Word needs a paragraph between two tables, or it merges them.
      return [table(b, ctx), new DocxParagraph({ keepNext: b.keepNext ?? false, spacing: { before: 0, after: 0, line: 120, lineRule: 'exact' }, children: [] })];
  }
}

function paragraph(p: Paragraph, size: number, inCell = false): DocxParagraph {
  return new DocxParagraph({
    alignment: ALIGN[p.align ?? 'justify'],
    keepNext: p.keepNext ?? false,
    // 1,15 lines, on each paragraph and with its rule: without `lineRule` LibreOffice sets lines tighter than single.
    spacing: { before: twip(p.before ?? 0), after: twip(p.after ?? (inCell ? 0 : 6)), line: 276, lineRule: 'auto' },
    ...(p.indent ? { indent: { firstLine: convertMillimetersToTwip(12.7) } } : {}),
    children: p.runs.map((r) => new TextRun({
      // A control character typed in a cell would make the file one Word refuses to open.
      text: printable(r.text).replace(/\n/g, ' '),
      bold: r.bold ?? false,
      italics: r.italic ?? false,
      ...(r.underline ? { underline: {} } : {}),
      size: half(r.size ?? size),
      font: FONT,
    })),
  });
}

function table(t: Table, ctx: Ctx): DocxTable {
  const size = t.size ?? ctx.size;
  const sum = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => Math.floor((w / sum) * ctx.textWidth));
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const border = t.ruled ? line : none;
  const row = (cells: Cell[], header: boolean, keepNext = false) => {
    let col = 0;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c) => {
        const span = c.span ?? 1;
        const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        return new TableCell({
          columnSpan: span,
          width: { size: width, type: WidthType.DXA },
          verticalAlign: c.valign === 'top' ? VerticalAlign.TOP : VerticalAlign.CENTER,
          margins: t.ruled ? { top: 40, bottom: 40, left: 80, right: 80 } : { top: 0, bottom: 0, left: 40, right: 40 },
          children: c.paragraphs.map((p, i) => {
            const last = i === c.paragraphs.length - 1;
            // In a signature table every line but the last stays with the next: one block, one page.
            return paragraph((t.keepTogether && !last) || keepNext ? { ...p, keepNext: true } : p, size, true);
          }),
        });
      }),
    });
  };
  return new DocxTable({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [...t.header.map((r) => row(r, true)), ...t.rows.map((r, i) => row(r, false, t.keepNext === true && i === t.rows.length - 1))],
  });
}
