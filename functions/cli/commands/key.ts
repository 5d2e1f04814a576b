/** `thidua key SPREADSHEET_ID`: the key of one spreadsheet, for its Apps Script (functions/triggers/signature.ts). */
import type { Subcommand } from '../command.js';

export const key: Subcommand = {
  name: 'key',
  summary: { vi: 'in khóa riêng của một bảng tính (cho Apps Script của bảng tính đó)', en: 'print one spreadsheet\'s own key (for that spreadsheet\'s Apps Script)' },
  description: {
    vi: 'Khóa của bảng tính S = HMAC-SHA256(THIDUA_WEBHOOK_SECRET, S), viết dạng hex. Apps Script của bảng tính\n' +
      'ký mỗi yêu cầu bằng khóa này; khóa chỉ có giá trị cho đúng bảng tính đó (thidua google setup tự ghi khóa\n' +
      'vào tập lệnh). Với thidua serve, mã bảng tính là "local".',
    en: 'The key of spreadsheet S = HMAC-SHA256(THIDUA_WEBHOOK_SECRET, S), in hex. The spreadsheet\'s Apps Script signs\n' +
      'every request with it; the key is good for that spreadsheet only (thidua google setup writes it into the\n' +
      'script itself). For thidua serve, the spreadsheet id is "local".',
  },
  args: [{ name: 'SPREADSHEET_ID', description: { vi: 'mã bảng tính (phần sau /d/ trong địa chỉ), hoặc cả địa chỉ', en: 'the spreadsheet\'s id (the part after /d/ in its address), or the whole address' }, required: true }],
  options: [],
  examples: [
    ['thidua key local', { vi: 'khóa để ký yêu cầu gửi tới thidua serve', en: 'the key to sign requests to thidua serve' }],
    ['thidua key 1AbC…xyz', { vi: 'khóa cho Apps Script của một Google Sheet', en: 'the key for one Google Sheet\'s Apps Script' }],
  ],
  async run([id]) {
    const { printKey } = await import('../key.js');
    return printKey(id!);
  },
};
