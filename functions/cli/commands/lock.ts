/** `thidua lock FILE.xlsx` and `thidua unlock FILE.xlsx` (MEETING.md) */
import type { Subcommand } from '../command.js';

export const lock: Subcommand = {
  name: 'lock',
  summary: { vi: 'chốt kết quả trước khi họp bỏ phiếu', en: 'lock the results before the meeting votes' },
  description: {
    vi: 'Ghi lại kết quả chấm hiện có (điểm, hạng, xếp loại, đề nghị khen thưởng) vào sổ ghi. Từ đó mỗi lần chấm\n' +
      'vẫn kiểm tra số liệu, nhưng kết quả giữ nguyên như lúc chốt; mỗi ô bị sửa sau khi chốt có cảnh báo trong\n' +
      'tab Kiểm tra, và không gửi lại báo cáo vì những sửa đổi đó. Tab Bỏ phiếu vẫn mở: kết quả bỏ phiếu được tính\n' +
      'trên đề nghị đã chốt. Người chốt (biến THIDUA_USER, hoặc tài khoản máy) và thời điểm được ghi vào Nhật ký.',
    en: 'Records the current results (points, ranks, grades, award proposals) in the ledger. From then on every run\n' +
      'still checks the data, but the results stay as locked; each cell edited after the lock gets a warning in the\n' +
      'Kiểm tra tab, and no report is sent again for those edits. The Bỏ phiếu (ballot) tab stays open: the vote is\n' +
      'counted on the locked proposals. Who locked (THIDUA_USER, or the machine account) and when goes to Nhật ký.',
  },
  args: [{ name: 'FILE.xlsx', description: { vi: 'bảng tính của cụm', en: 'the cluster\'s workbook' }, required: true }],
  options: ['json', 'now', 'ledger'],
  examples: [
    ['thidua lock khoi.xlsx', { vi: 'chốt kết quả', en: 'lock the results' }],
    ['thidua run khoi.xlsx', { vi: 'sau khi nhập kết quả kiểm phiếu vào tab Bỏ phiếu', en: 'after entering the vote count in the Bỏ phiếu tab' }],
  ],
  async run([file], o) {
    return (await import('../lock.js')).lockCommand(file!, o);
  },
};

export const unlock: Subcommand = {
  name: 'unlock',
  summary: { vi: 'mở chốt: chấm lại từ số liệu hiện có', en: 'unlock: score again from the current data' },
  description: {
    vi: 'Bỏ kết quả đã chốt; lần chấm này và các lần sau chấm lại từ số liệu hiện có. Người mở chốt và thời điểm\n' +
      'được ghi vào Nhật ký.',
    en: 'Drops the locked results; this run and the next ones score again from the current data. Who unlocked and\n' +
      'when goes to Nhật ký.',
  },
  args: [{ name: 'FILE.xlsx', description: { vi: 'bảng tính của cụm', en: 'the cluster\'s workbook' }, required: true }],
  options: ['json', 'now', 'ledger'],
  examples: [['thidua unlock khoi.xlsx', { vi: 'mở chốt để sửa số liệu và chấm lại', en: 'unlock to correct the data and score again' }]],
  async run([file], o) {
    return (await import('../lock.js')).unlockCommand(file!, o);
  },
};
