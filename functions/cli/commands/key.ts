/** `thidua key SPREADSHEET_ID`: the key of one spreadsheet, for its Apps Script (functions/triggers/signature.ts). */
import type { Subcommand } from '../command.js';

export const key: Subcommand = {
  name: 'key',
  summary: 'in khóa riêng của một bảng tính (cho Apps Script của bảng tính đó)',
  description:
    'Khóa của bảng tính S = HMAC-SHA256(THIDUA_WEBHOOK_SECRET, S), viết dạng hex. Apps Script của bảng tính\n' +
    'ký mỗi yêu cầu bằng khóa này; khóa chỉ có giá trị cho đúng bảng tính đó (thidua google setup tự ghi khóa\n' +
    'vào tập lệnh). Với thidua serve, mã bảng tính là "local".',
  args: [{ name: 'SPREADSHEET_ID', description: 'mã bảng tính (phần sau /d/ trong địa chỉ), hoặc cả địa chỉ', required: true }],
  options: [],
  examples: [
    ['thidua key local', 'khóa để ký yêu cầu gửi tới thidua serve'],
    ['thidua key 1AbC…xyz', 'khóa cho Apps Script của một Google Sheet'],
  ],
  async run([id]) {
    const { printKey } = await import('../key.js');
    return printKey(id!);
  },
};
