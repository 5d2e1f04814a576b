/** `thidua google setup --from FILE.xlsx [--admin EMAIL]…` */
import type { Subcommand } from '../command.js';
import { CLOUD_LEDGER_HELP } from '../options.js';

export const googleSetup: Subcommand = {
  name: 'google setup',
  summary: { vi: 'tạo Google Sheet của cụm từ một bảng tính .xlsx', en: 'make the cluster\'s Google Sheet from an .xlsx workbook' },
  description: {
    vi: 'Tạo Google Sheet của cụm từ bảng tính (thidua init): đủ các trang, danh sách chọn, vùng bảo vệ\n' +
      'cho từng đơn vị, biểu đồ Tổng điểm; gắn Apps Script (Apps Script API) với địa chỉ các hàm và khóa riêng\n' +
      'của bảng tính; chia sẻ cho Người nhập liệu của từng đơn vị và các quản trị; đăng ký với bản đám mây.\n' +
      'Đăng nhập Google bằng OAuth client của tỉnh (--client-id-file); cần THIDUA_WEBHOOK_SECRET.',
    en: 'Makes the cluster\'s Google Sheet from a workbook (thidua init): every tab, drop-down lists, protected ranges\n' +
      'for each unit, the Tổng điểm chart; attaches the Apps Script (Apps Script API) with the functions\' addresses and\n' +
      'the sheet\'s own key; shares it with each unit\'s Người nhập liệu and the administrators; registers it with the cloud.\n' +
      'Signs in to Google with the province\'s OAuth client (--client-id-file); needs THIDUA_WEBHOOK_SECRET.',
  },
  args: [],
  options: ['from', 'admin', 'clientIdFile', 'functions', 'ledger'],
  optionHelp: { ledger: CLOUD_LEDGER_HELP },
  examples: [
    ['thidua google setup --from khoi.xlsx --client-id-file client.json --admin van.thu@tinh.gov.vn', { vi: 'tạo, gắn tập lệnh, chia sẻ, đăng ký', en: 'make, attach the script, share, register' }],
  ],
  async run(_args, o) {
    return (await import('../google-setup.js')).googleSetupCommand(o);
  },
};
