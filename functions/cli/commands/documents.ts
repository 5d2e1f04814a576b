/** `thidua documents FILE.xlsx [--out DIR]` */
import type { Subcommand } from '../command.js';

export const documents: Subcommand = {
  name: 'documents',
  summary: { vi: 'tạo biên bản, tờ trình, bảng tổng hợp, giao ước (.docx, .pdf)', en: 'make the minutes, proposal, score table and compact (.docx, .pdf)' },
  description: {
    vi: 'Tạo các văn bản của cuộc họp bình xét (biên bản, tờ trình, bảng tổng hợp điểm) và giao ước thi đua,\n' +
      'dạng .docx và .pdf, từ kết quả chấm. Không ghi vào bảng tính. Trước khi chốt kết quả, văn bản ghi "DỰ THẢO".',
    en: 'Makes the review meeting\'s documents (minutes, proposal, score table) and the emulation compact,\n' +
      'as .docx and .pdf, from the results. Writes nothing to the workbook. Before the results are locked, the documents say "DỰ THẢO" (draft).',
  },
  args: [{ name: 'FILE.xlsx', description: { vi: 'bảng tính của cụm', en: 'the cluster\'s workbook' }, required: true }],
  options: ['out', 'ledger'],
  examples: [
    ['thidua documents khoi.xlsx', { vi: 'văn bản vào thư mục khoi-van-ban cạnh bảng tính', en: 'documents into the folder khoi-van-ban beside the workbook' }],
    ['thidua documents khoi.xlsx --out van-ban', { vi: 'chọn thư mục', en: 'choose the folder' }],
  ],
  async run([file], o) {
    return (await import('../documents.js')).documentsCommand(file!, o);
  },
};
