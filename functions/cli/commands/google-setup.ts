/** `thidua google setup --from FILE.xlsx [--admin EMAIL]…` */
import type { Subcommand } from '../command.js';

export const googleSetup: Subcommand = {
  name: 'google setup',
  summary: 'tạo Google Sheet của cụm từ một bảng tính .xlsx',
  description:
    'Tạo Google Sheet của cụm từ bảng tính (thidua init): đủ các trang, danh sách chọn, vùng bảo vệ\n' +
    'cho từng đơn vị, biểu đồ Tổng điểm; chia sẻ cho các quản trị; đăng ký với bản đám mây.\n' +
    'Cần đăng nhập Google (gcloud auth application-default login).',
  args: [],
  options: ['from', 'admin', 'ledger'],
  examples: [['thidua google setup --from khoi.xlsx --admin van.thu@tinh.gov.vn', 'tạo Google Sheet và chia sẻ cho văn thư']],
  async run(_args, o) {
    return (await import('../google-setup.js')).googleSetupCommand(o);
  },
};
