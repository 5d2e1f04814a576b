/**
 * A document as both renderers see it: paragraphs of styled runs and tables, on A4 pages.
 * Nothing here knows about thidua — the document modules fill it, render-docx.ts and
 * render-pdf.ts draw it, so the .docx and the .pdf cannot say different things.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Points; the document's body size when absent. */
  size?: number;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Paragraph {
  kind: 'paragraph';
  runs: Run[];
  align?: Align;
  /** First-line indent (Nghị định 30: 1–1,27 cm). */
  indent?: boolean;
  /** Space before / after, in points. */
  before?: number;
  after?: number;
  /** Keep on the same page as what follows (headings, the line before a table). */
  keepNext?: boolean;
}

export interface Cell {
  paragraphs: Paragraph[];
  /** Columns this cell covers (default 1). */
  span?: number;
  /** Vertical alignment in its row. */
  valign?: 'top' | 'middle';
}

export interface Table {
  kind: 'table';
  /** Relative column widths (any unit; they are scaled to the text width). */
  widths: number[];
  /** Rows repeated at the top of every page the table runs onto. */
  header: Cell[][];
  rows: Cell[][];
  /** Ruled grid (a data table) or none (letterheads, signatures). */
  ruled: boolean;
  /** Points; smaller than the body for wide tables. */
  size?: number;
  /** The whole table stays on one page when it fits (signature blocks). */
  keepTogether?: boolean;
  /** Its last row stays on the page of what follows (a table just before the signatures). */
  keepNext?: boolean;
}

/** Extra vertical space, in points (room for a signature). */
export interface Space {
  kind: 'space';
  points: number;
}

export type Block = Paragraph | Table | Space;

export interface DocumentModel {
  /** File name without extension, e.g. "Bien-ban-hop-2023". */
  name: string;
  /** Title shown in the file's properties. */
  title: string;
  orientation: 'portrait' | 'landscape';
  /** Body size in points. */
  size: number;
  /** Page margins in millimetres. */
  margins: { top: number; bottom: number; left: number; right: number };
  /** Page numbers at the top centre from page 2 on (Nghị định 30). */
  pageNumbers: boolean;
  blocks: Block[];
}

// Small constructors, so the document modules read like the documents they make.

export function para(runs: Run[] | string, o: Omit<Paragraph, 'kind' | 'runs'> = {}): Paragraph {
  return { kind: 'paragraph', runs: typeof runs === 'string' ? [{ text: runs }] : runs, ...o };
}

export function cell(content: string | Run[] | Paragraph[], o: { align?: Align; bold?: boolean; span?: number; valign?: 'top' | 'middle' } = {}): Cell {
  const paragraphs = typeof content === 'string'
    ? [para([{ text: content, ...(o.bold ? { bold: true } : {}) }], { align: o.align ?? 'left' })]
    : content.length && 'kind' in content[0]!
      ? (content as Paragraph[])
      : [para(content as Run[], { align: o.align ?? 'left' })];
  return { paragraphs, ...(o.span ? { span: o.span } : {}), ...(o.valign ? { valign: o.valign } : {}) };
}

export function space(points: number): Space {
  return { kind: 'space', points };
}
