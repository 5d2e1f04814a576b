/** `thidua remind FILE.xlsx [--send] [--now DAY]` */
import type { Subcommand } from '../command.js';

export const remind: Subcommand = {
  name: 'remind',
  summary: { vi: 'nhắc các đơn vị chưa nộp hoặc còn lỗi', en: 'remind the units that have not submitted or still have errors' },
  description: {
    vi: 'Từ "Nhắc trước (ngày)" ngày trước Hạn nộp đến hết hạn: mỗi ngày một thư nhắc cho đơn vị chưa nộp\n' +
      'hoặc còn lỗi. Sau hạn nộp: gửi báo cáo một lần. Không ghi lại điểm; việc gửi được ghi vào Nhật ký.',
    en: 'From "Nhắc trước (ngày)" days before Hạn nộp (the deadline) until it: one reminder a day to each unit that has\n' +
      'not submitted or still has errors. After the deadline: the report, once. Writes no points; what was sent goes to Nhật ký.',
  },
  args: [{ name: 'FILE.xlsx', description: { vi: 'bảng tính của cụm', en: 'the cluster\'s workbook' }, required: true }],
  options: ['send', 'now', 'outbox', 'smtp', 'ledger'],
  examples: [
    ['thidua remind khoi.xlsx', { vi: 'xem trước thư nhắc hôm nay', en: 'preview today\'s reminders' }],
    ['thidua remind khoi.xlsx --send --now 13/12/2023', { vi: 'gửi thư nhắc như thể hôm nay là 13/12/2023', en: 'send the reminders as if today were 13/12/2023' }],
  ],
  async run([file], o) {
    return (await import('../remind.js')).remindCommand(file!, o);
  },
};
