/** `thidua remind FILE.xlsx [--send] [--now DAY]` */
import type { Subcommand } from '../command.js';

export const remind: Subcommand = {
  name: 'remind',
  summary: 'nhắc các đơn vị chưa nộp hoặc còn lỗi',
  description:
    'Từ "Nhắc trước (ngày)" ngày trước Hạn nộp đến hết hạn: mỗi ngày một thư nhắc cho đơn vị chưa nộp\n' +
    'hoặc còn lỗi. Sau hạn nộp: gửi báo cáo một lần. Không ghi lại điểm; việc gửi được ghi vào Nhật ký.',
  args: [{ name: 'FILE.xlsx', description: 'bảng tính của cụm', required: true }],
  options: ['send', 'now', 'outbox', 'smtp', 'ledger'],
  examples: [
    ['thidua remind khoi.xlsx', 'xem trước thư nhắc hôm nay'],
    ['thidua remind khoi.xlsx --send --now 13/12/2023', 'gửi thư nhắc như thể hôm nay là 13/12/2023'],
  ],
  async run([file], o) {
    return (await import('../remind.js')).remindCommand(file!, o);
  },
};
