/**
 * `thidua lock FILE` / `thidua unlock FILE` (MEETING.md): lock the cluster's results before
 * the meeting votes, unlock to score afresh. Exit 0 when done, 1 when there was nothing to
 * do (already locked, not locked), 2 when the workbook cannot be used.
 */
import { userInfo } from 'node:os';
import { formatDateTime } from '../core/format.js';
import { jsonReport } from '../core/report.js';
import { describeUnusable } from '../core/unusable.js';
import { cliLanguage } from './lang.js';
import { openLocal } from '../local.js';
import { lockResults, unlockResults } from '../meeting/lock.js';
import { clock, type Options } from './args.js';

/** Who acts, for Nhật ký: THIDUA_USER, else the account on this machine. */
function actor(): string {
  if (process.env.THIDUA_USER) return process.env.THIDUA_USER;
  try {
    return userInfo().username;
  } catch {
    return 'không rõ';
  }
}

export async function lockCommand(file: string, o: Options, out = process.stdout, err = process.stderr): Promise<number> {
  const local = openLocal(file, o.ledger);
  try {
    const r = await local.exclusive(() => lockResults({
      workbook: local.workbook, ledger: local.ledger, cluster: local.cluster, trigger: 'cli', now: clock(o.now), by: actor(),
    }));
    if (r.outcome === 'unusable') {
      err.write(describeUnusable(r.error.reason, cliLanguage()) + '\n');
      return 2;
    }
    if (r.outcome === 'already-locked') {
      err.write(cliLanguage() === 'en'
        ? `The results were locked at ${formatDateTime(r.lock.at)} (by ${r.lock.by}). To score again, unlock first: thidua unlock ${file}\n`
        : `Kết quả đã được chốt lúc ${formatDateTime(r.lock.at)} (người chốt: ${r.lock.by}). Muốn chấm lại thì mở chốt trước: thidua unlock ${file}\n`);
      return 1;
    }
    if (o.json) out.write(JSON.stringify(jsonReport(r.run.evaluation, []), null, 2) + '\n');
    else if (cliLanguage() === 'en') {
      out.write(`Results locked at ${formatDateTime(r.lock.at)} (inputs ${r.lock.inputHash.slice(0, 12)}).\n`);
      out.write(`From now on points, ranks, grades and award proposals stay as they are; every change to the data gets a warning in the Kiểm tra tab.\n`);
      out.write(`Enter the vote count in the Bỏ phiếu tab, then run thidua run ${file}. To unlock: thidua unlock ${file}\n`);
    } else {
      out.write(`Đã chốt kết quả lúc ${formatDateTime(r.lock.at)} (mã số liệu ${r.lock.inputHash.slice(0, 12)}).\n`);
      out.write(`Từ nay điểm, hạng, xếp loại và đề nghị khen thưởng được giữ nguyên; mọi sửa đổi số liệu được cảnh báo trong tab Kiểm tra.\n`);
      out.write(`Nhập kết quả kiểm phiếu vào tab Bỏ phiếu rồi chạy thidua run ${file}. Mở chốt: thidua unlock ${file}\n`);
    }
    return 0;
  } finally {
    await local.ledger.close();
  }
}

export async function unlockCommand(file: string, o: Options, out = process.stdout, err = process.stderr): Promise<number> {
  const local = openLocal(file, o.ledger);
  try {
    const r = await local.exclusive(() => unlockResults({
      workbook: local.workbook, ledger: local.ledger, cluster: local.cluster, trigger: 'cli', now: clock(o.now), by: actor(),
    }));
    if (r.outcome === 'not-locked') {
      err.write(cliLanguage() === 'en' ? `The results of ${file} are not locked; nothing to unlock.\n` : `Kết quả của ${file} chưa được chốt; không có gì để mở.\n`);
      return 1;
    }
    if (r.run.outcome === 'unusable') {
      err.write(cliLanguage() === 'en'
        ? `Unlocked, but could not score again: ${describeUnusable(r.run.error.reason, 'en')}\n`
        : `Đã mở chốt, nhưng chưa chấm lại được: ${describeUnusable(r.run.error.reason)}\n`);
      return 2;
    }
    if (o.json) out.write(JSON.stringify(jsonReport(r.run.evaluation, []), null, 2) + '\n');
    else {
      out.write(cliLanguage() === 'en'
        ? `Results unlocked (locked at ${formatDateTime(r.lock.at)}); scored again from the current data.\n`
        : `Đã mở chốt kết quả (chốt lúc ${formatDateTime(r.lock.at)}); đã chấm lại từ số liệu hiện có.\n`);
    }
    return 0;
  } finally {
    await local.ledger.close();
  }
}
