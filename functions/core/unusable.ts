/** Why a workbook cannot be used at all. A run then writes nothing and `thidua run` exits 2. */
export type UnusableReason =
  | { code: 'not-found'; path: string }
  | { code: 'not-a-workbook'; path: string; detail?: string }
  /** Beyond one of the reader's limits (functions/sheets/xlsx/limits.ts): refused whole. */
  | { code: 'too-large'; path: string; limit: TooLargeLimit; max: number }
  | { code: 'missing-tab'; tab: string }
  | { code: 'missing-header'; tab: string; header: string };

export class WorkbookUnusableError extends Error {
  constructor(readonly reason: UnusableReason) {
    super(`workbook unusable: ${JSON.stringify(reason)}`);
    this.name = 'WorkbookUnusableError';
  }
}

export type TooLargeLimit =
  | 'partBytes' | 'totalBytes' | 'entries' | 'elements' | 'tabs' | 'cellsPerTab' | 'cells' | 'stringLength' | 'columns' | 'rows' | 'totalRows'
  | 'textChars' | 'issues' | 'unitTabElements' | 'unitTabBytes';

/** What each limit counts, in words (Vietnamese, English). */
const LIMIT_WORDS: Record<TooLargeLimit, [string, string]> = {
  partBytes: ['một phần của tệp khi giải nén vượt quá', 'one part of the file, uncompressed, is over'],
  totalBytes: ['dữ liệu giải nén vượt quá', 'the uncompressed data is over'],
  entries: ['số thành phần trong tệp vượt quá', 'the file has more parts than'],
  elements: ['một trang tính có quá nhiều thành phần (quá', 'one sheet has too many elements (over'],
  tabs: ['số tab vượt quá', 'the workbook has more tabs than'],
  cellsPerTab: ['một tab có số ô chứa dữ liệu vượt quá', 'one tab has more filled cells than'],
  cells: ['tổng số ô chứa dữ liệu của các tab vượt quá', 'the tabs together have more filled cells than'],
  stringLength: ['một ô có nội dung dài quá', 'one cell holds text longer than'],
  columns: ['có ô nằm ngoài cột XFD (số cột tối đa', 'a cell lies beyond column XFD (at most'],
  rows: ['có ô nằm ngoài dòng 1.048.576 (số dòng tối đa', 'a cell lies beyond row 1,048,576 (at most'],
  totalRows: ['tổng số dòng của các tab vượt quá', 'the tabs together have more rows than'],
  textChars: ['tổng số ký tự chữ trong các ô vượt quá', 'the cells together hold more characters of text than'],
  issues: ['số lỗi và cảnh báo cần ghi vào tab Kiểm tra vượt quá', 'the issues to write to the Kiểm tra tab are more than'],
  unitTabElements: ['một tab đơn vị có quá nhiều dòng và ô (quá', 'one unit tab has too many rows and cells (over'],
  unitTabBytes: ['một tab đơn vị khi giải nén vượt quá', 'one unit tab, uncompressed, is over'],
};

function limitText(limit: TooLargeLimit, max: number, lang: 'vi' | 'en'): string {
  const bytes = limit === 'partBytes' || limit === 'totalBytes' || limit === 'unitTabBytes';
  const n = bytes ? Math.round(max / 1048576) : max;
  const shown = lang === 'vi' ? n.toLocaleString('de-DE') : n.toLocaleString('en-US');
  const unit = bytes ? ' MB' : limit === 'stringLength' || limit === 'textChars' ? (lang === 'vi' ? ' ký tự' : ' characters') : '';
  const words = LIMIT_WORDS[limit][lang === 'vi' ? 0 : 1];
  return `${words} ${shown}${unit}${words.includes('(') ? ')' : ''}`;
}

/** The one-line reason people read on stderr. */
export function describeUnusable(r: UnusableReason, lang: 'vi' | 'en' = 'vi'): string {
  if (lang === 'en') {
    switch (r.code) {
      case 'not-found': return `No such file: ${r.path}`;
      case 'not-a-workbook': return `Not an .xlsx workbook: ${r.path}${r.detail ? ` (${r.detail})` : ''}`;
      case 'too-large': return `The workbook cannot be used: ${limitText(r.limit, r.max, 'en')} — ${r.path}. Remove the extra data in Excel or LibreOffice (or check the file is the cluster's workbook), save and run again.`;
      case 'missing-tab': return `The workbook has no "${r.tab}" tab; create it as the workbook contract says (thidua init makes a template).`;
      case 'missing-header': return `Tab "${r.tab}" has no "${r.header}" column in its header row (row 1).`;
    }
  }
  switch (r.code) {
    case 'not-found': return `Không tìm thấy tệp: ${r.path}`;
    // The detail (why the bytes could not be read) is for the ledger's log, in English; people read what to do.
    case 'not-a-workbook': return r.detail === 'a folder'
      ? `Đây là một thư mục, không phải bảng tính .xlsx: ${r.path}`
      : `Tệp không phải là bảng tính .xlsx đọc được: ${r.path}. Tệp có thể bị hỏng, là tệp .xls cũ hoặc có mật khẩu: hãy mở bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi chạy lại.`;
    case 'too-large': return `Không dùng được bảng tính: ${limitText(r.limit, r.max, 'vi')} — ${r.path}. Hãy xoá bớt dữ liệu thừa bằng Excel hoặc LibreOffice (hoặc kiểm tra đúng tệp của cụm), lưu lại rồi chạy lại.`;
    case 'missing-tab': return `Bảng tính thiếu tab "${r.tab}"; hãy tạo tab này theo mẫu (lệnh thidua init tạo sẵn mẫu).`;
    case 'missing-header': return `Tab "${r.tab}" thiếu cột "${r.header}" ở dòng tiêu đề (dòng 1).`;
  }
}
