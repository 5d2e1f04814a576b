/** Why a workbook cannot be used at all. A run then writes nothing and `thidua run` exits 2. */
export type UnusableReason =
  | { code: 'not-found'; path: string }
  | { code: 'not-a-workbook'; path: string; detail?: string }
  | { code: 'missing-tab'; tab: string }
  | { code: 'missing-header'; tab: string; header: string };

export class WorkbookUnusableError extends Error {
  constructor(readonly reason: UnusableReason) {
    super(`workbook unusable: ${JSON.stringify(reason)}`);
    this.name = 'WorkbookUnusableError';
  }
}

/** The one-line reason people read on stderr. */
export function describeUnusable(r: UnusableReason, lang: 'vi' | 'en' = 'vi'): string {
  if (lang === 'en') {
    switch (r.code) {
      case 'not-found': return `No such file: ${r.path}`;
      case 'not-a-workbook': return `Not an .xlsx workbook: ${r.path}${r.detail ? ` (${r.detail})` : ''}`;
      case 'missing-tab': return `The workbook has no "${r.tab}" tab; create it as the workbook contract says (thidua init makes a template).`;
      case 'missing-header': return `Tab "${r.tab}" has no "${r.header}" column in its header row (row 1).`;
    }
  }
  switch (r.code) {
    case 'not-found': return `Không tìm thấy tệp: ${r.path}`;
    case 'not-a-workbook': return `Tệp không phải là bảng tính .xlsx: ${r.path}${r.detail ? ` (${r.detail})` : ''}`;
    case 'missing-tab': return `Bảng tính thiếu tab "${r.tab}"; hãy tạo tab này theo mẫu (lệnh thidua init tạo sẵn mẫu).`;
    case 'missing-header': return `Tab "${r.tab}" thiếu cột "${r.header}" ở dòng tiêu đề (dòng 1).`;
  }
}
