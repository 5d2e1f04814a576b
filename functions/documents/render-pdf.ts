/**
 * A DocumentModel as a PDF (pdfkit) with Liberation Serif embedded — the metric twin of Times
 * New Roman, with every Vietnamese letter — so a PDF is made on any machine, LibreOffice or
 * not. pdfkit only draws lines of text; this file does the page layout: paragraphs, ruled
 * tables whose header rows repeat on each page, blocks kept on one page, page numbers.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { printable } from '../core/text.js';
import type { Block, Cell, DocumentModel, Paragraph, Run, Table } from './model.js';

const MM = 72 / 25.4;
/** Line spacing as in the .docx (1,15 lines). */
const LINE = 0.15;
const CELL_PAD = { x: 4, y: 2.5 };

/** templates/fonts beside the sources (functions/documents → ../..) or the build (dist/… → ../../..). */
export function fontsDir(): string {
  const base = process.env.THIDUA_TEMPLATES;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = base ? [join(base, 'fonts')] : ['../..', '../../..'].map((up) => join(here, up, 'templates', 'fonts'));
  for (const dir of candidates) if (existsSync(join(dir, 'LiberationSerif-Regular.ttf'))) return dir;
  throw new Error(`Không tìm thấy phông chữ Liberation Serif trong templates/fonts / font not found near ${here}`);
}

const FACES = { R: 'Regular', B: 'Bold', I: 'Italic', BI: 'BoldItalic' } as const;
type Face = keyof typeof FACES;
const face = (r: Pick<Run, 'bold' | 'italic'>): Face => (r.bold ? (r.italic ? 'BI' : 'B') : r.italic ? 'I' : 'R');

type Pdf = PDFKit.PDFDocument;

export async function renderPdf(doc: DocumentModel): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: doc.orientation,
    margins: {
      top: doc.margins.top * MM, bottom: doc.margins.bottom * MM,
      left: doc.margins.left * MM, right: doc.margins.right * MM,
    },
    bufferPages: true,
    info: { Title: doc.title, Creator: 'thidua', Producer: 'thidua' },
    lang: 'vi-VN',
  });
  const fonts = fontsDir();
  for (const [k, file] of Object.entries(FACES)) pdf.registerFont(k, join(fonts, `LiberationSerif-${file}.ttf`));
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const layout = new Layout(pdf, doc.size);
  doc.blocks.forEach((b, i) => layout.block(b, doc.blocks[i + 1]));
  if (doc.pageNumbers) layout.numberPages();
  pdf.end();
  return done;
}

class Layout {
  y: number;
  constructor(readonly pdf: Pdf, readonly size: number) {
    this.y = pdf.page.margins.top;
  }

  get left() { return this.pdf.page.margins.left; }
  get width() { return this.pdf.page.width - this.pdf.page.margins.left - this.pdf.page.margins.right; }
  get bottom() { return this.pdf.page.height - this.pdf.page.margins.bottom; }
  get pageHeight() { return this.bottom - this.pdf.page.margins.top; }

  newPage(): void {
    this.pdf.addPage();
    this.y = this.pdf.page.margins.top;
  }

  block(b: Block, next: Block | undefined): void {
    if (b.kind === 'space') {
      this.y = Math.min(this.y + b.points, this.bottom);
    } else if (b.kind === 'paragraph') {
      const h = this.paragraphHeight(b, this.width, this.size);
      const keep = b.keepNext && next ? this.leadOf(next) : 0;
      if (this.y + h + keep > this.bottom && h + keep <= this.pageHeight && this.y > this.pdf.page.margins.top) this.newPage();
      this.paragraph(b, this.left, this.width, this.size);
    } else {
      this.table(b, b.keepNext && next ? this.leadOf(next) : 0);
    }
  }

  /** What must stay with the paragraph before it: two lines of text, a table's first row, a kept table whole. */
  leadOf(b: Block): number {
    if (b.kind === 'space') return b.points;
    if (b.kind === 'paragraph') return (b.before ?? 0) + this.lineHeight(this.size) * 2;
    const m = this.measureTable(b);
    return b.keepTogether ? m.total : m.headerHeight + (m.rows[0]?.height ?? 0);
  }

  lineHeight(size: number): number {
    this.pdf.font('R').fontSize(size);
    return this.pdf.currentLineHeight(true) + size * LINE;
  }

  /** Height of a paragraph, measured in its heaviest face (bold wraps first). */
  paragraphHeight(p: Paragraph, width: number, size: number, inCell = false): number {
    const before = p.before ?? 0;
    const after = p.after ?? (inCell ? 0 : 6);
    const text = p.runs.map((r) => printable(r.text).replace(/\n/g, ' ')).join('');
    const big = Math.max(size, ...p.runs.map((r) => r.size ?? size));
    if (text === '') return before + after + this.lineHeight(big);
    const heavy = p.runs.some((r) => r.bold) ? 'B' : p.runs.some((r) => r.italic) ? 'I' : 'R';
    this.pdf.font(heavy).fontSize(big);
    const h = this.pdf.heightOfString(text, { width, lineGap: big * LINE, ...(p.indent ? { indent: 12.7 * MM } : {}) });
    return before + h + after;
  }

  /** Draws at (x, this.y) and moves this.y below it. */
  paragraph(p: Paragraph, x: number, width: number, size: number, inCell = false): void {
    const before = p.before ?? 0;
    const after = p.after ?? (inCell ? 0 : 6);
    const runs = p.runs.map((r) => ({ ...r, text: printable(r.text).replace(/\n/g, ' ') })).filter((r) => r.text !== '');
    if (!runs.length) {
      this.y += before + this.lineHeight(size) + after;
      return;
    }
    const big = Math.max(size, ...runs.map((r) => r.size ?? size));
    this.y += before;
    const start = this.y;
    const page = this.pdf.page;
    runs.forEach((r, i) => {
      this.pdf.font(face(r)).fontSize(r.size ?? size);
      const opts: PDFKit.Mixins.TextOptions = {
        width,
        align: p.align ?? 'justify',
        lineGap: big * LINE,
        underline: r.underline ?? false,
        continued: i < runs.length - 1,
        // In a cell pdfkit must never open a page (the table decides); a body paragraph longer
        // than what is left flows on, rather than losing its end.
        ...(inCell ? { height: Math.max(this.bottom - start + size * 2, size * 2) } : {}),
        ...(p.indent ? { indent: 12.7 * MM } : {}),
      };
      if (i === 0) this.pdf.text(r.text, x, start, opts);
      else this.pdf.text(r.text, opts);
    });
    this.y = (this.pdf.page === page ? Math.max(this.pdf.y, start) : this.pdf.y) + after;
  }

  cellHeight(c: Cell, width: number, size: number): number {
    return c.paragraphs.reduce((h, p) => h + this.paragraphHeight(p, width, size, true), 0);
  }

  measureTable(t: Table) {
    const size = t.size ?? this.size;
    const sum = t.widths.reduce((a, b) => a + b, 0);
    const widths = t.widths.map((w) => (w / sum) * this.width);
    const pad = t.ruled ? CELL_PAD : { x: 2, y: 0 };
    const measure = (row: Cell[]) => {
      let col = 0;
      const cells = row.map((c) => {
        const span = c.span ?? 1;
        const x = this.left + widths.slice(0, col).reduce((a, b) => a + b, 0);
        const w = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        return { c, x, w, h: this.cellHeight(c, w - 2 * pad.x, size) };
      });
      return { cells, height: Math.max(0, ...cells.map((c) => c.h)) + 2 * pad.y };
    };
    const header = t.header.map(measure);
    const rows = t.rows.map(measure);
    const headerHeight = header.reduce((a, r) => a + r.height, 0);
    const total = headerHeight + rows.reduce((a, r) => a + r.height, 0);
    return { size, pad, header, rows, headerHeight, total };
  }

  /** `lead`: what must follow the last row on its page. */
  table(t: Table, lead = 0): void {
    const { size, pad, header, rows, headerHeight, total } = this.measureTable(t);
    type Row = (typeof rows)[number];

    const draw = (r: Row) => {
      const top = this.y;
      for (const { c, x, w, h } of r.cells) {
        if (t.ruled) this.pdf.lineWidth(0.5).rect(x, top, w, r.height).stroke();
        this.y = top + pad.y + (c.valign === 'top' ? 0 : (r.height - 2 * pad.y - h) / 2);
        for (const p of c.paragraphs) this.paragraph(p, x + pad.x, w - 2 * pad.x, size, true);
      }
      this.y = top + r.height;
    };
    const fits = (h: number) => this.y + h <= this.bottom + 0.5;

    if ((t.keepTogether && total <= this.pageHeight && !fits(total)) || (rows[0] && !fits(headerHeight + rows[0].height))) {
      this.newPage();
    }
    header.forEach(draw);
    rows.forEach((r, i) => {
      const need = r.height + (i === rows.length - 1 ? lead : 0);
      if (!fits(need) && need + headerHeight <= this.pageHeight && this.y > this.pdf.page.margins.top + headerHeight) {
        this.newPage();
        header.forEach(draw);
      }
      draw(r);
    });
    this.y += t.ruled ? 6 : 2;
  }

  /** Page numbers at the top centre, from page 2 on (Nghị định 30). */
  numberPages(): void {
    const range = this.pdf.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      this.pdf.switchToPage(i);
      const { margins, width } = this.pdf.page;
      this.pdf.font('R').fontSize(13).text(String(i - range.start + 1), margins.left, margins.top / 2 - 6, {
        width: width - margins.left - margins.right, align: 'center', lineBreak: false,
      });
    }
  }
}
