/**
 * A unit's own tab as one definition: its columns (header, width, note, who fills it),
 * the spare rows that still get the system's grey, and the colours. `thidua init` and a
 * run that finds a unit without its tab (WORKBOOK.md, "What a run may write") lay the tab
 * out from here, with core/unit-tab.ts.
 */
import { ENTRY_HEADERS } from './layout.js';

export type EntryKey = keyof typeof ENTRY_HEADERS;

export interface UnitColumn {
  key: EntryKey;
  width: number;
  note: string;
  /** Written by the system only: grey header and cells. */
  system: boolean;
  wrap: boolean;
  /** Numbers right-aligned; `Điểm` with two decimals like Xếp hạng. */
  number?: 'points' | 'plain';
}

const H = ENTRY_HEADERS;

export const UNIT_COLUMNS: UnitColumn[] = [
  { key: 'code', width: 8, system: false, wrap: false, note: 'Mã tiêu chí, khớp với trang Tiêu chí. Dòng được nhận theo mã, không theo vị trí: có thể sắp xếp lại các dòng.' },
  { key: 'content', width: 50, system: false, wrap: true, note: 'Nội dung tiêu chí (để đọc; lấy từ trang Tiêu chí).' },
  { key: 'maxPoints', width: 11, system: false, wrap: false, number: 'plain', note: 'Điểm tối đa của tiêu chí (lấy từ trang Tiêu chí).' },
  { key: 'target', width: 13, system: false, wrap: true, note: 'Chỉ tiêu được giao: số (1.250 hoặc 12,5) hoặc ngày hạn (dd/mm/yyyy) tuỳ cách tính. Có thể do cụm điền sẵn.' },
  { key: 'actual', width: 14, system: false, wrap: true, note: 'Kết quả thực hiện: số (1.250 hoặc 12,5), tỷ lệ (113%), ngày (dd/mm/yyyy) hoặc Đạt/Không đạt tuỳ cách tính.' },
  { key: 'selfScore', width: 10, system: false, wrap: false, number: 'plain', note: 'Điểm đơn vị tự chấm: số từ 0 đến Điểm chuẩn (ví dụ 8 hoặc 7,5).' },
  { key: 'evidence', width: 40, system: false, wrap: true, note: 'Minh chứng: đường dẫn tới văn bản, báo cáo, hình ảnh… hoặc ghi chú ngắn nơi lưu.' },
  { key: 'reviewScore', width: 10, system: false, wrap: false, number: 'plain', note: 'Điểm do cụm (trưởng, phó cụm) chấm lại; khi có sẽ thay cho Tự chấm. Đơn vị không nhập cột này.' },
  { key: 'points', width: 10, system: true, wrap: false, number: 'points', note: 'Điểm hệ thống tính được cho tiêu chí. Hệ thống tự ghi sau mỗi lần chấm; không nhập vào cột này.' },
  { key: 'check', width: 60, system: true, wrap: true, note: 'Lỗi hoặc cảnh báo của dòng này, do hệ thống ghi; dòng có nội dung ở đây được tô màu. Không nhập vào cột này.' },
];

export const UNIT_HEADERS_IN_ORDER = UNIT_COLUMNS.map((c) => H[c.key]);

/** Spare rows below the criteria that still get the grey system columns and the highlight. */
export const SPARE_ROWS = 50;

export const COLOURS = {
  header: 'FFDDEBF7',
  systemHeader: 'FFBFBFBF',
  system: 'FFEDEDED',
  systemText: 'FF595959',
  /** A row whose Kiểm tra cell is not empty. */
  issueRow: 'FFFCE4D6',
} as const;

export const PASS_FAIL = ['Đạt', 'Không đạt'] as const;
