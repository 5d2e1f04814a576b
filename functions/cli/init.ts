/** `thidua init FILE [--sample] [--force]`: a new cluster workbook with every tab and header. */
import { access, rename, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { createWorkbook, type InitContent } from '../sheets/xlsx/init.js';
import { SAMPLE } from '../../sheets-schema/sample.js';

/** An empty cluster: the settings keys with their defaults, ready to fill in. */
export const BLANK: InitContent = {
  settings: [
    ['Tên cụm', ''],
    ['Năm', new Date().getFullYear()],
    ['Kỳ đánh giá', 'Cả năm'],
    ['Hạn nộp', ''],
    ['Thang điểm', ''],
    ['Điểm thưởng tối đa', ''],
    ['Mức Xuất sắc', '90%'],
    ['Mức Tốt', '70%'],
    ['Mức Hoàn thành', '50%'],
    ['Hình thức Cờ', 'Cờ thi đua'],
    ['Hình thức Bằng khen', 'Bằng khen'],
    ['Số Bằng khen', 2],
    ['Email nhận báo cáo', ''],
    ['Nhắc trước (ngày)', 3],
    ['Ngôn ngữ', 'vi'],
  ],
  units: [],
  criteria: [],
  entries: {},
};

export class FileExistsError extends Error {
  override name = 'FileExistsError';
}

export async function initWorkbook(path: string, o: { sample: boolean; force: boolean }): Promise<void> {
  if (!o.force && (await exists(path))) throw new FileExistsError(path);
  const bytes = await createWorkbook(o.sample ? SAMPLE : BLANK);
  // Written beside the target and renamed: never a half-written workbook.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temp, bytes);
  await rename(temp, path);
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
