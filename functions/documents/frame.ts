/**
 * The frame every document shares, as Nghị định 30/2020/NĐ-CP (Phụ lục I) lays out an
 * administrative document: A4, margins, the issuing body top-left and the national title
 * and motto top-right, the place and date in italics, the title, "DỰ THẢO" until the
 * results are locked, page numbers from page 2.
 */
import { cell, para, type Block, type DocumentModel, type Run, type Table } from './model.js';

/** Millimetres: top and bottom 20–25, left 30–35, right 15–20. */
export const MARGINS = { top: 20, bottom: 20, left: 30, right: 15 } as const;
/** Body text: 13–14 pt. */
export const BODY = 14;

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const DRAFT = 'DỰ THẢO';
/** What a person fills in by hand. */
export const BLANK = '……';

export interface FrameInput {
  name: string;
  orientation?: 'portrait' | 'landscape';
  /** The issuing body's lines, e.g. the cluster's name (printed in capitals). */
  issuer: string;
  /** "Số: …/TTr-…", or null for documents without a number. */
  number: string | null;
  place: string | null;
  /** Title (capitals) and the line under it. */
  title: string;
  subtitle: string | null;
  draft: boolean;
  body: Block[];
  size?: number;
}

/** "Phú Yên, ngày … tháng … năm …": the date is written by hand on the day it is signed. */
export function dateLine(place: string | null): string {
  return `${place?.trim() || BLANK}, ngày ${BLANK} tháng ${BLANK} năm ${BLANK}`;
}

/** Capitals, and a dash between words never starts or ends a line ("CHÍNH TRỊ - XÃ HỘI"). */
function issuerText(name: string): string {
  return name.toLocaleUpperCase('vi').replace(/ ([-–]) /g, '\u00a0$1\u00a0');
}

export function frame(f: FrameInput): DocumentModel {
  const landscape = f.orientation === 'landscape';
  const left = [
    para([{ text: issuerText(f.issuer), bold: true, size: 13 }], { align: 'center' }),
    ...(f.number ? [para([{ text: f.number, size: 13 }], { align: 'center', before: 6 })] : []),
  ];
  const right = [
    para([{ text: NATIONAL_TITLE, bold: true, size: 12 }], { align: 'center' }),
    para([{ text: MOTTO, bold: true, underline: true, size: 13 }], { align: 'center' }),
    para([{ text: dateLine(f.place), italic: true, size: 13 }], { align: 'center', before: 10 }),
  ];
  const letterhead: Table = {
    kind: 'table', ruled: false, keepTogether: true,
    widths: landscape ? [40, 60] : [38, 62],
    header: [],
    rows: [[cell(left, { valign: 'top' }), cell(right, { valign: 'top' })]],
  };
  const titleRuns: Run[] = [{ text: f.title.toLocaleUpperCase('vi'), bold: true }];
  const heading: Block[] = [
    para(titleRuns, { align: 'center', before: 12, after: 2, keepNext: true }),
    ...(f.subtitle ? [para([{ text: f.subtitle, bold: true }], { align: 'center', after: 2, keepNext: true })] : []),
    ...(f.draft ? [para([{ text: DRAFT, bold: true }], { align: 'center', before: 4, after: 2, keepNext: true })] : []),
  ];
  const last = heading[heading.length - 1] as { after?: number };
  last.after = 14;
  return {
    name: f.name,
    title: [f.title, f.subtitle].filter(Boolean).join(' — '),
    orientation: landscape ? 'landscape' : 'portrait',
    size: f.size ?? BODY,
    margins: { ...MARGINS },
    pageNumbers: true,
    blocks: [letterhead, ...heading, ...f.body],
  };
}
