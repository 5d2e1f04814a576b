/** `thidua new-year FILE.xlsx [--to NEWFILE.xlsx] [--force]` */
import type { Subcommand } from '../command.js';

export const newYear: Subcommand = {
  name: 'new-year',
  summary: 'tạo bảng tính năm sau: cùng đơn vị, tiêu chí; Lịch sử mang sang',
  description:
    'Tạo bảng tính của năm sau từ bảng tính năm nay: cùng đơn vị và tiêu chí, trang của mỗi đơn vị để trống,\n' +
    'trang Lịch sử mang theo kết quả các năm; kèm giao ước thi đua năm mới (.docx, .pdf). Không ghi đè\n' +
    'tệp đã có nếu không có --force.',
  args: [{ name: 'FILE.xlsx', description: 'bảng tính năm nay', required: true }],
  options: ['to', 'force', 'ledger'],
  examples: [
    ['thidua new-year khoi-2023.xlsx', 'tạo khoi-2024.xlsx cạnh tệp năm nay'],
    ['thidua new-year khoi.xlsx --to khoi-2024.xlsx', 'chọn tên tệp năm sau'],
  ],
  async run([file], o) {
    return (await import('../new-year.js')).newYearCommand(file!, o);
  },
};
