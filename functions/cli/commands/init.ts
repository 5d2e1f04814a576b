/** `thidua init FILE.xlsx [--sample] [--force]` */
import { extname, resolve } from 'node:path';
import { UsageError } from '../args.js';
import type { Subcommand } from '../command.js';

export const init: Subcommand = {
  name: 'init',
  summary: 'tạo bảng tính mới của cụm (.xlsx)',
  description:
    'Tạo bảng tính của cụm với đủ các trang: Cấu hình, Đơn vị, Tiêu chí, một trang cho mỗi đơn vị,\n' +
    'Xếp hạng, Kiểm tra, Nhật ký; mỗi tiêu đề cột có ghi chú giải thích. Với --sample, bảng tính\n' +
    'có sẵn số liệu mẫu để thử ngay.',
  args: [{ name: 'FILE.xlsx', description: 'tên tệp sẽ tạo (phải là .xlsx)', required: true }],
  options: ['sample', 'force'],
  examples: [
    ['thidua init khoi-thi-dua-2024.xlsx', 'bảng tính trống, điền Cấu hình, Đơn vị, Tiêu chí rồi chạy lại init hoặc run'],
    ['thidua init thu.xlsx --sample', 'bảng tính mẫu có số liệu'],
  ],
  async run([file], o) {
    const path = file!;
    const ext = extname(path).toLowerCase();
    if (ext !== '.xlsx') {
      const hint = `${path.slice(0, path.length - ext.length)}.xlsx`;
      throw new UsageError(`thidua chỉ tạo tệp .xlsx${ext ? ` (không tạo ${ext})` : ''}: hãy đặt tên như ${hint}. LibreOffice và Excel đều mở được .xlsx`);
    }
    const { initWorkbook } = await import('../init.js');
    await initWorkbook(path, o);
    process.stderr.write(`Đã tạo ${resolve(path)}${o.sample ? ' (bảng tính mẫu của Khối thi đua các tổ chức chính trị - xã hội tỉnh, năm 2023)' : ''}\n`);
    return 0;
  },
};
