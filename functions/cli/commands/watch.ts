/** `thidua watch FILE.xlsx` and `thidua start [FILE.xlsx]` */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Options } from '../args.js';
import type { Subcommand } from '../command.js';
import { cliLanguage } from '../lang.js';

export const watch: Subcommand = {
  name: 'watch',
  summary: { vi: 'chấm lại mỗi khi bảng tính được lưu (Ctrl-C để dừng)', en: 'score again whenever the workbook is saved (Ctrl-C to stop)' },
  description: {
    vi: 'Chấm điểm ngay, rồi chấm lại mỗi lần bảng tính được lưu (từ Excel, LibreOffice…), in những gì\n' +
      'đã thay đổi so với lần trước. Chỉ tạo thư xem trước, không gửi. Ctrl-C để dừng.',
    en: 'Scores now, then again each time the workbook is saved (from Excel, LibreOffice…), printing what changed\n' +
      'since the last time. Makes email previews only, never sends. Ctrl-C to stop.',
  },
  args: [{ name: 'FILE.xlsx', description: { vi: 'bảng tính của cụm', en: 'the cluster\'s workbook' }, required: true }],
  options: ['outbox', 'now', 'ledger'],
  examples: [['thidua watch khoi.xlsx', { vi: 'mở khoi.xlsx bằng Excel, sửa, lưu: kết quả hiện ở đây và trong bảng tính', en: 'open khoi.xlsx in Excel, edit, save: the results show here and in the workbook' }]],
  async run([file], o) {
    return watchUntilInterrupted(file!, o);
  },
};

export const start: Subcommand = {
  name: 'start',
  summary: { vi: 'tạo bảng tính mẫu nếu chưa có, chấm, rồi theo dõi', en: 'make the sample workbook if missing, score, then watch' },
  description: {
    vi: 'Cách nhanh nhất để thử: tạo bảng tính mẫu (nếu chưa có), chấm điểm, rồi theo dõi như thidua watch.',
    en: 'The quickest way to try: makes the sample workbook (if missing), scores, then watches as thidua watch does.',
  },
  args: [{ name: 'FILE.xlsx', description: { vi: 'bảng tính (mặc định sample.xlsx)', en: 'the workbook (default sample.xlsx)' }, required: false }],
  options: ['outbox', 'now', 'ledger'],
  examples: [
    ['thidua start', { vi: 'tạo sample.xlsx và theo dõi', en: 'make sample.xlsx and watch it' }],
    ['npm start', { vi: 'như trên, trong thư mục mã nguồn', en: 'the same, in the source folder' }],
  ],
  async run([given], o) {
    const file = given ?? 'sample.xlsx';
    if (!(await access(file).then(() => true, () => false))) {
      await (await import('../init.js')).initWorkbook(file, { sample: true, force: false });
      process.stderr.write(cliLanguage() === 'en'
        ? `Made the sample workbook ${resolve(file)} — open it in Excel or LibreOffice, edit the data and save: it is scored again.\n`
        : `Đã tạo bảng tính mẫu ${resolve(file)} — mở bằng Excel hoặc LibreOffice, sửa số liệu và lưu: kết quả được chấm lại.\n`);
    }
    return watchUntilInterrupted(file, o);
  },
};

/** Runs now, then on every save, until Ctrl-C (SIGINT) or SIGTERM. */
async function watchUntilInterrupted(file: string, options: Options): Promise<number> {
  const log = (s: string) => process.stdout.write(s + '\n');
  const { startWatching } = await import('../watch.js');
  const w = startWatching(file, options, log);
  await w.trigger();
  const en = cliLanguage() === 'en';
  log(en ? `\nWatching ${resolve(file)} — save the file to score again; Ctrl-C to stop.` : `\nĐang theo dõi ${resolve(file)} — lưu tệp để chấm lại; Ctrl-C để dừng.`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await w.stop();
  log(en ? 'Stopped.' : 'Đã dừng.');
  return 0;
}
