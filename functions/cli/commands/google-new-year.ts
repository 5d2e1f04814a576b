/** `thidua google new-year SPREADSHEET_ID [--admin EMAIL]…` */
import type { Subcommand } from '../command.js';
import { CLOUD_LEDGER_HELP } from '../options.js';

export const googleNewYear: Subcommand = {
  name: 'google new-year',
  summary: 'tạo Google Sheet năm sau từ Google Sheet năm nay',
  description:
    'Đọc Google Sheet năm nay (chỉ đọc), tính kết quả (kết quả đã chốt nếu đã chốt) và tạo Google Sheet\n' +
    'năm sau như thidua new-year: cùng đơn vị và tiêu chí, trang của mỗi đơn vị để trống, Cụm trưởng/Cụm phó\n' +
    'mới, trang Lịch sử mang sang (chỉ quản trị được sửa). Bảng tính mới được dựng như thidua google setup:\n' +
    'vùng bảo vệ, Apps Script gắn kèm với khóa riêng, chia sẻ cho Người nhập liệu và quản trị, đăng ký.\n' +
    'Đã sang năm mới từ bảng tính này thì không tạo thêm, trừ khi có --force.\n' +
    'Đăng nhập Google bằng OAuth client của tỉnh (--client-id-file); cần THIDUA_WEBHOOK_SECRET.',
  args: [{ name: 'SPREADSHEET_ID', description: 'mã Google Sheet năm nay', required: true }],
  options: ['admin', 'clientIdFile', 'functions', 'force', 'ledger'],
  optionHelp: { ledger: CLOUD_LEDGER_HELP },
  examples: [
    ['thidua google new-year 1AbC…xyz --client-id-file client.json --admin van.thu@tinh.gov.vn', 'tạo bảng tính năm sau'],
  ],
  async run([id], o) {
    return (await import('../google-new-year.js')).googleNewYearCommand(id!, o);
  },
};
