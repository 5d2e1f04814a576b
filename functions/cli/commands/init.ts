/** `thidua init FILE.xlsx [--sample] [--force]` */
import { extname, resolve } from 'node:path';
import { UsageError } from '../args.js';
import type { Subcommand } from '../command.js';
import { cliLanguage } from '../lang.js';

export const init: Subcommand = {
  name: 'init',
  summary: { vi: 'tạo bảng tính mới của cụm (.xlsx)', en: 'make a new workbook for the cluster (.xlsx)' },
  description: {
    vi: 'Tạo bảng tính của cụm với đủ các trang: Cấu hình, Đơn vị, Tiêu chí, một trang cho mỗi đơn vị,\n' +
      'Xếp hạng, Kiểm tra, Nhật ký; mỗi tiêu đề cột có ghi chú giải thích. Với --sample, bảng tính\n' +
      'có sẵn số liệu mẫu để thử ngay.',
    en: 'Makes the cluster\'s workbook with every tab: Cấu hình (settings), Đơn vị (units), Tiêu chí (criteria), one tab\n' +
      'per unit, Xếp hạng (ranking), Kiểm tra (checks), Nhật ký (log); each column header has a note explaining it.\n' +
      'With --sample, the workbook has sample data to try at once. The tabs and headers are in Vietnamese, as the\n' +
      'workbook contract names them; Ngôn ngữ = en in Cấu hình makes messages and emails English.',
  },
  args: [{ name: 'FILE.xlsx', description: { vi: 'tên tệp sẽ tạo (phải là .xlsx)', en: 'the file to make (must be .xlsx)' }, required: true }],
  options: ['sample', 'force'],
  examples: [
    ['thidua init khoi-thi-dua-2024.xlsx', { vi: 'bảng tính trống, điền Cấu hình, Đơn vị, Tiêu chí rồi chạy lại init hoặc run', en: 'an empty workbook: fill in Cấu hình, Đơn vị, Tiêu chí, then run thidua init again or thidua run' }],
    ['thidua init thu.xlsx --sample', { vi: 'bảng tính mẫu có số liệu', en: 'a sample workbook with data' }],
  ],
  async run([file], o) {
    const path = file!;
    const en = cliLanguage() === 'en';
    const ext = extname(path).toLowerCase();
    if (ext !== '.xlsx') {
      const hint = `${path.slice(0, path.length - ext.length)}.xlsx`;
      throw new UsageError(en
        ? `thidua makes .xlsx files only${ext ? ` (not ${ext})` : ''}: name it like ${hint}. LibreOffice and Excel both open .xlsx`
        : `thidua chỉ tạo tệp .xlsx${ext ? ` (không tạo ${ext})` : ''}: hãy đặt tên như ${hint}. LibreOffice và Excel đều mở được .xlsx`);
    }
    const { initWorkbook } = await import('../init.js');
    await initWorkbook(path, o);
    const sample = o.sample
      ? en ? ' (the sample workbook of the provincial cluster of political and social organisations, 2023)' : ' (bảng tính mẫu của Khối thi đua các tổ chức chính trị - xã hội tỉnh, năm 2023)'
      : '';
    process.stderr.write(`${en ? 'Made' : 'Đã tạo'} ${resolve(path)}${sample}\n`);
    return 0;
  },
};
