/**
 * How every tab looks on screen and on paper: one named font (Vietnamese offices use
 * Times New Roman), A4 with the margins Nghị định 30/2020/NĐ-CP sets for documents, one
 * page wide, the header rows repeated on each page, the cluster and year in the page
 * header and page numbers in the footer.
 */

export const FONT = { name: 'Times New Roman', size: 12, headerSize: 12 } as const;

/** Line height in points of FONT, for rows whose cells wrap. */
export const LINE_HEIGHT = 16;

export const PAGE = {
  /** A4 (paperSize 9 in SpreadsheetML). */
  paperSize: 9,
  /** Millimetres. */
  margins: { left: 30, right: 15, top: 20, bottom: 20, header: 8, footer: 8 },
} as const;

export interface PrintSetup {
  landscape: boolean;
  /** Rows repeated at the top of every printed page (the header). */
  titleRows: number;
  /** Centre of the page header, e.g. "Khối thi đua … — năm 2023". */
  header: string;
}

/** "Trang 1/3" in the page footer. */
export const FOOTER = 'Trang &P/&N';

export function mmToInches(mm: number): number {
  return Math.round((mm / 25.4) * 1000) / 1000;
}

/** The page header text of a cluster's workbook. */
export function printHeader(cluster: string, year: number | string | null): string {
  const name = cluster.trim() || 'Cụm thi đua';
  return year ? `${name} — năm ${year}` : name;
}
