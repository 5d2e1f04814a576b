/** `thidua new-year FILE.xlsx [--to NEWFILE.xlsx] [--force]` */
import type { Subcommand } from '../command.js';

export const newYear: Subcommand = {
  name: 'new-year',
  summary: { vi: 'tạo bảng tính năm sau: cùng đơn vị, tiêu chí; Lịch sử mang sang', en: 'make next year\'s workbook: the same units and criteria; Lịch sử carried over' },
  description: {
    vi: 'Tạo bảng tính của năm sau từ bảng tính năm nay: cùng đơn vị và tiêu chí, trang của mỗi đơn vị để trống,\n' +
      'trang Lịch sử mang theo kết quả các năm; kèm giao ước thi đua năm mới (.docx, .pdf). Không ghi đè\n' +
      'tệp đã có nếu không có --force.',
    en: 'Makes next year\'s workbook from this year\'s: the same units and criteria, each unit\'s tab empty, the Lịch sử\n' +
      '(history) tab carrying the years\' results; with the new year\'s emulation compact (.docx, .pdf). Does not\n' +
      'overwrite an existing file without --force.',
  },
  args: [{ name: 'FILE.xlsx', description: { vi: 'bảng tính năm nay', en: 'this year\'s workbook' }, required: true }],
  options: ['to', 'force', 'ledger'],
  examples: [
    ['thidua new-year khoi-2023.xlsx', { vi: 'tạo khoi-2024.xlsx cạnh tệp năm nay', en: 'makes khoi-2024.xlsx beside this year\'s file' }],
    ['thidua new-year khoi.xlsx --to khoi-2024.xlsx', { vi: 'chọn tên tệp năm sau', en: 'choose the name of next year\'s file' }],
  ],
  async run([file], o) {
    return (await import('../new-year.js')).newYearCommand(file!, o);
  },
};
