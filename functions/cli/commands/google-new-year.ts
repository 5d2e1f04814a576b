/** `thidua google new-year SPREADSHEET_ID [--admin EMAIL]…` */
import type { Subcommand } from '../command.js';
import { CLOUD_LEDGER_HELP } from '../options.js';

export const googleNewYear: Subcommand = {
  name: 'google new-year',
  summary: { vi: 'tạo Google Sheet năm sau từ Google Sheet năm nay', en: 'make next year\'s Google Sheet from this year\'s' },
  description: {
    vi: 'Đọc Google Sheet năm nay (chỉ đọc), tính kết quả (kết quả đã chốt nếu đã chốt) và tạo Google Sheet\n' +
      'năm sau như thidua new-year: cùng đơn vị và tiêu chí, trang của mỗi đơn vị để trống, Cụm trưởng/Cụm phó\n' +
      'mới, trang Lịch sử mang sang (chỉ quản trị được sửa). Bảng tính mới được dựng như thidua google setup:\n' +
      'vùng bảo vệ, Apps Script gắn kèm với khóa riêng, chia sẻ cho Người nhập liệu và quản trị, đăng ký.\n' +
      'Đã sang năm mới từ bảng tính này thì không tạo thêm, trừ khi có --force.\n' +
      'Đăng nhập Google bằng OAuth client của tỉnh (--client-id-file); cần THIDUA_WEBHOOK_SECRET.',
    en: 'Reads this year\'s Google Sheet (read only), computes the results (the locked ones if locked) and makes next\n' +
      'year\'s Google Sheet as thidua new-year does: the same units and criteria, each unit\'s tab empty, the new\n' +
      'Cụm trưởng/Cụm phó (head and deputy), the Lịch sử tab carried over (only administrators may edit it). The new\n' +
      'sheet is set up as thidua google setup does: protected ranges, its Apps Script with its own key, shared\n' +
      'with each Người nhập liệu and the administrators, registered. Once this sheet has moved to a new year,\n' +
      'no second one is made unless --force is given.\n' +
      'Signs in to Google with the province\'s OAuth client (--client-id-file); needs THIDUA_WEBHOOK_SECRET.',
  },
  args: [{ name: 'SPREADSHEET_ID', description: { vi: 'mã Google Sheet năm nay', en: 'the id of this year\'s Google Sheet' }, required: true }],
  options: ['admin', 'clientIdFile', 'functions', 'force', 'ledger'],
  optionHelp: {
    ledger: CLOUD_LEDGER_HELP,
    // No file is overwritten here: --force makes one more sheet for next year.
    force: {
      vi: 'tạo thêm Google Sheet năm sau dù bảng tính này đã sang năm mới (bảng tính đã tạo trước vẫn giữ nguyên)',
      en: 'make another Google Sheet for next year even though this one has moved to a new year (the one made before stays)',
    },
  },
  examples: [
    ['thidua google new-year 1AbC…xyz --client-id-file client.json --admin van.thu@tinh.gov.vn', { vi: 'tạo bảng tính năm sau', en: 'make next year\'s sheet' }],
  ],
  async run([id], o) {
    return (await import('../google-new-year.js')).googleNewYearCommand(id!, o);
  },
};
