/** `thidua run FILE.xlsx [--json] [--outbox DIR] [--now DAY] [--send] [--smtp URL]` */
import type { Subcommand } from '../command.js';

export const run: Subcommand = {
  name: 'run',
  summary: 'chấm điểm một lần, ghi kết quả vào bảng tính',
  description:
    'Đọc bảng tính, kiểm tra và chấm điểm số liệu của từng đơn vị, xếp hạng, rồi ghi vào các cột\n' +
    'Điểm, Kiểm tra và các trang Xếp hạng, Kiểm tra, Nhật ký (không sửa ô nhập liệu nào). Tạo thư\n' +
    'báo cáo và phiếu điểm để xem trước; --send gửi thật. Thoát với mã 0 khi chấm xong (dù số liệu\n' +
    'còn lỗi), 2 khi không dùng được bảng tính.',
  args: [{ name: 'FILE.xlsx', description: 'bảng tính của cụm', required: true }],
  options: ['json', 'outbox', 'now', 'send', 'smtp', 'ledger'],
  examples: [
    ['thidua run khoi.xlsx', 'chấm và in bảng xếp hạng'],
    ['thidua run khoi.xlsx --json', 'kết quả dạng JSON cho chương trình khác'],
    ['thidua run khoi.xlsx --now 20/12/2023 --send', 'coi như hôm nay là 20/12/2023 và gửi thư'],
  ],
  async run([file], o) {
    return (await import('../run.js')).runCommand(file!, o);
  },
};
