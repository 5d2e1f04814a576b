/** `thidua run FILE.xlsx [--json] [--outbox DIR] [--now DAY] [--send] [--smtp URL]` */
import type { Subcommand } from '../command.js';

export const run: Subcommand = {
  name: 'run',
  summary: { vi: 'chấm điểm một lần, ghi kết quả vào bảng tính', en: 'score once and write the results into the workbook' },
  description: {
    vi: 'Đọc bảng tính, kiểm tra và chấm điểm số liệu của từng đơn vị, xếp hạng, rồi ghi vào các cột\n' +
      'Điểm, Kiểm tra và các trang Xếp hạng, Kiểm tra, Nhật ký (không sửa ô nhập liệu nào). Tạo thư\n' +
      'báo cáo và phiếu điểm để xem trước; --send gửi thật. Thoát với mã 0 khi chấm xong (dù số liệu\n' +
      'còn lỗi), 2 khi không dùng được bảng tính.',
    en: 'Reads the workbook, checks and scores each unit\'s data, ranks, then writes the Điểm and Kiểm tra columns\n' +
      'and the Xếp hạng, Kiểm tra and Nhật ký tabs (no input cell is changed). Makes the report and scorecard\n' +
      'emails as previews; --send sends them. Exits with 0 when scored (even if the data has errors), 2 when\n' +
      'the workbook cannot be used.',
  },
  args: [{ name: 'FILE.xlsx', description: { vi: 'bảng tính của cụm', en: 'the cluster\'s workbook' }, required: true }],
  options: ['json', 'outbox', 'now', 'send', 'smtp', 'ledger'],
  examples: [
    ['thidua run khoi.xlsx', { vi: 'chấm và in bảng xếp hạng', en: 'score and print the ranking' }],
    ['thidua run khoi.xlsx --json', { vi: 'kết quả dạng JSON cho chương trình khác', en: 'the results as JSON for another program' }],
    ['thidua run khoi.xlsx --now 20/12/2023 --send', { vi: 'coi như hôm nay là 20/12/2023 và gửi thư', en: 'take today to be 20/12/2023 and send the emails' }],
  ],
  async run([file], o) {
    return (await import('../run.js')).runCommand(file!, o);
  },
};
