/** `thidua documents FILE.xlsx [--out DIR]` */
import type { Subcommand } from '../command.js';

export const documents: Subcommand = {
  name: 'documents',
  summary: 'tạo biên bản, tờ trình, bảng tổng hợp, giao ước (.docx, .pdf)',
  description:
    'Tạo các văn bản của cuộc họp bình xét (biên bản, tờ trình, bảng tổng hợp điểm) và giao ước thi đua,\n' +
    'dạng .docx và .pdf, từ kết quả chấm. Không ghi vào bảng tính. Trước khi chốt kết quả, văn bản ghi "DỰ THẢO".',
  args: [{ name: 'FILE.xlsx', description: 'bảng tính của cụm', required: true }],
  options: ['out', 'ledger'],
  examples: [
    ['thidua documents khoi.xlsx', 'văn bản vào thư mục khoi-van-ban cạnh bảng tính'],
    ['thidua documents khoi.xlsx --out van-ban', 'chọn thư mục'],
  ],
  async run([file], o) {
    return (await import('../documents.js')).documentsCommand(file!, o);
  },
};
