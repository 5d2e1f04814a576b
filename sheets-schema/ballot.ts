/**
 * The `Bỏ phiếu` tab as `thidua init` and `google setup` create it (MEETING.md): its
 * header, a note on each column, the dropdown of `Nội dung`, and widths. One definition,
 * so both ends lay the tab out alike.
 */
import { BALLOT_HEADERS, ROLE, TAB } from './layout.js';

export interface BallotColumn {
  label: string;
  note: string;
  width: number;
}

export const BALLOT_TAB = {
  name: TAB.ballot,
  columns: [
    {
      label: BALLOT_HEADERS.subject,
      note: 'Nội dung bỏ phiếu, chọn trong danh sách: hình thức Cờ, hình thức Bằng khen (đúng như trang Cấu hình), Cụm trưởng hoặc Cụm phó (của năm sau). Mỗi đơn vị được bầu một dòng.',
      width: 36,
    },
    { label: BALLOT_HEADERS.code, note: 'Mã của đơn vị được bỏ phiếu, như ở trang Đơn vị (ví dụ HND).', width: 12 },
    { label: BALLOT_HEADERS.for, note: 'Số phiếu đồng ý sau khi kiểm phiếu: số nguyên từ 0 đến Phiếu hợp lệ.', width: 12 },
    {
      label: BALLOT_HEADERS.valid,
      note: 'Số phiếu hợp lệ của lần bỏ phiếu này: số nguyên lớn hơn 0. Đạt khi Đồng ý / Phiếu hợp lệ từ Tỷ lệ phiếu tối thiểu trở lên (mặc định: quá một nửa).',
      width: 14,
    },
  ] satisfies BallotColumn[],
  /** Rows below the header that get the dropdown. */
  rows: 60,
} as const;

/** The choices of the `Nội dung` dropdown: the two award labels of `Cấu hình`, then the roles. */
export function ballotSubjects(flagLabel: string, certificateLabel: string): string[] {
  return [flagLabel, certificateLabel, ROLE.head, ROLE.deputy];
}
