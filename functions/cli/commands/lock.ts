/** `thidua lock FILE.xlsx` and `thidua unlock FILE.xlsx` (MEETING.md) */
import type { Subcommand } from '../command.js';

export const lock: Subcommand = {
  name: 'lock',
  summary: 'chốt kết quả trước khi họp bỏ phiếu',
  description:
    'Ghi lại kết quả chấm hiện có (điểm, hạng, xếp loại, đề nghị khen thưởng) vào sổ ghi. Từ đó mỗi lần chấm\n' +
    'vẫn kiểm tra số liệu, nhưng kết quả giữ nguyên như lúc chốt; mỗi ô bị sửa sau khi chốt có cảnh báo trong\n' +
    'tab Kiểm tra, và không gửi lại báo cáo vì những sửa đổi đó. Tab Bỏ phiếu vẫn mở: kết quả bỏ phiếu được tính\n' +
    'trên đề nghị đã chốt. Người chốt (biến THIDUA_USER, hoặc tài khoản máy) và thời điểm được ghi vào Nhật ký.',
  args: [{ name: 'FILE.xlsx', description: 'bảng tính của cụm', required: true }],
  options: ['json', 'now', 'ledger'],
  examples: [
    ['thidua lock khoi.xlsx', 'chốt kết quả'],
    ['thidua run khoi.xlsx', 'sau khi nhập kết quả kiểm phiếu vào tab Bỏ phiếu'],
  ],
  async run([file], o) {
    return (await import('../lock.js')).lockCommand(file!, o);
  },
};

export const unlock: Subcommand = {
  name: 'unlock',
  summary: 'mở chốt: chấm lại từ số liệu hiện có',
  description:
    'Bỏ kết quả đã chốt; lần chấm này và các lần sau chấm lại từ số liệu hiện có. Người mở chốt và thời điểm\n' +
    'được ghi vào Nhật ký.',
  args: [{ name: 'FILE.xlsx', description: 'bảng tính của cụm', required: true }],
  options: ['json', 'now', 'ledger'],
  examples: [['thidua unlock khoi.xlsx', 'mở chốt để sửa số liệu và chấm lại']],
  async run([file], o) {
    return (await import('../lock.js')).unlockCommand(file!, o);
  },
};
