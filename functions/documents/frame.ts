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

/**
 * The issuing body in capitals, in balanced lines of at most `max` characters, never broken
 * next to a dash ("CHÍNH TRỊ - XÃ HỘI"): "KHỐI THI ĐUA CÁC TỔ CHỨC / CHÍNH TRỊ - XÃ HỘI TỈNH",
 * as a clerk would set it, rather than wherever the column happens to end.
 */
export function issuerLines(name: string, max: number): string[] {
  const words = name.toLocaleUpperCase('vi').trim().split(/\s+/);
  // A dash is glued to the words on both sides: a line neither starts nor ends with one.
  const dash = (w: string | undefined) => w !== undefined && /^[-–]$/.test(w);
  const tokens: string[] = [];
  words.forEach((w, i) => {
    if (tokens.length && (dash(w) || dash(words[i - 1]))) tokens[tokens.length - 1] += ` ${w}`;
    else tokens.push(w);
  });
  const text = tokens.join(' ');
  const count = Math.ceil(text.length / max);
  if (count <= 1 || tokens.length < 2) return [text];
  // Fewest lines, then the shortest longest line: small search, names have a dozen words.
  const best = (from: number, lines: number): { longest: number; lines: string[] } => {
    if (lines === 1) {
      const line = tokens.slice(from).join(' ');
      return { longest: line.length, lines: [line] };
    }
    let out = { longest: Infinity, lines: [] as string[] };
    for (let cut = from + 1; cut <= tokens.length - lines + 1; cut++) {
      const head = tokens.slice(from, cut).join(' ');
      const rest = best(cut, lines - 1);
      const longest = Math.max(head.length, rest.longest);
      if (longest < out.longest) out = { longest, lines: [head, ...rest.lines] };
    }
    return out;
  };
  return best(0, Math.min(count, tokens.length, 4)).lines;
}

/** A short rule under the issuing body (Nghị định 30: a third to a half of the line), drawn as underlined spaces. */
const rule = (chars: number) => para([{ text: '\u00a0'.repeat(chars), underline: true, size: 8 }], { align: 'center' });

export function frame(f: FrameInput): DocumentModel {
  const landscape = f.orientation === 'landscape';
  const issuer = issuerLines(f.issuer, landscape ? 40 : 25);
  const left = [
    ...issuer.map((text) => para([{ text, bold: true, size: 12 }], { align: 'center' })),
    rule(Math.round(Math.max(...issuer.map((l) => l.length)) * 0.8)),
    ...(f.number ? [para([{ text: f.number, size: 13 }], { align: 'center', before: 6 })] : []),
  ];
  const right = [
    para([{ text: NATIONAL_TITLE, bold: true, size: 12 }], { align: 'center' }),
    para([{ text: MOTTO, bold: true, underline: true, size: 13 }], { align: 'center' }),
    para([{ text: dateLine(f.place), italic: true, size: 13 }], { align: 'center', before: 8 }),
  ];
  const letterhead: Table = {
    kind: 'table', ruled: false, keepTogether: true,
    widths: landscape ? [42, 58] : [40, 60],
    header: [],
    rows: [[cell(left, { valign: 'top' }), cell(right, { valign: 'top' })]],
  };
  const titleRuns: Run[] = [{ text: f.title.toLocaleUpperCase('vi'), bold: true }];
  const heading: Block[] = [
    para(titleRuns, { align: 'center', before: 8, after: 2, keepNext: true }),
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
