/**
 * Locking and unlocking a cluster's results (MEETING.md, `thidua lock` / `thidua unlock`,
 * on a Google Sheet "Chốt kết quả" / "Mở chốt"): the ledger keeps the locked evaluation;
 * then a run writes the sheet, so `Xếp hạng` shows "Đã chốt lúc …" and `Nhật ký` the line.
 * The same for both ends: the caller brings the workbook, the ledger and who acts.
 */
import { evaluate } from '../core/evaluate.js';
import { formatDateTime } from '../core/format.js';
import { lockContent } from '../core/lock/payload.js';
import type { Evaluation } from '../core/model.js';
import { WorkbookUnusableError } from '../core/unusable.js';
import type { LockRecord } from '../ledger/port.js';
import { runOnce, type RunOptions, type RunResult } from '../pipeline.js';
import { WorkbookOpenError } from '../sheets/port.js';

export interface LockOptions extends Omit<RunOptions, 'mail' | 'log'> {
  /** Who locks or unlocks: an account, or the user name on this machine. */
  by: string;
}

export type LockResult =
  | { outcome: 'locked'; lock: LockRecord; run: RunResult & { outcome: 'ok' } }
  | { outcome: 'already-locked'; lock: LockRecord }
  | { outcome: 'unusable'; error: WorkbookUnusableError };

export async function lockResults(o: LockOptions): Promise<LockResult> {
  const held = await o.ledger.getLock(o.cluster);
  if (held) return { outcome: 'already-locked', lock: held };
  const { snapshot } = await o.workbook.read();
  let content;
  let ev: Evaluation;
  try {
    const carried = await o.ledger.getCarriedHistory(o.cluster);
    const detail = evaluate(snapshot, { carriedHistory: carried?.rows ?? null });
    content = lockContent(detail);
    ev = detail.evaluation;
  } catch (e) {
    if (e instanceof WorkbookUnusableError) return { outcome: 'unusable', error: e };
    throw e;
  }
  const lock: LockRecord = { at: o.now(), by: o.by, ...content };
  if ((await o.ledger.putLock(o.cluster, lock)) === 'already-locked') {
    return { outcome: 'already-locked', lock: (await o.ledger.getLock(o.cluster)) ?? lock };
  }
  const line = ev.settings.language === 'vi'
    ? `Đã chốt kết quả lúc ${formatDateTime(lock.at)} (người chốt: ${o.by}; mã số liệu ${lock.inputHash.slice(0, 12)}). Sau khi chốt, điểm, hạng, xếp loại và đề nghị khen thưởng được giữ nguyên; trang Bỏ phiếu vẫn mở.`
    : `Results locked at ${formatDateTime(lock.at)} (by ${o.by}; inputs ${lock.inputHash.slice(0, 12)}). Scores, ranks, grades and proposals now stay as locked; Bỏ phiếu stays open.`;
  try {
    const run = await runOnce({ ...o, log: [line] });
    if (run.outcome === 'open') {
      // Open in Excel: nothing was written, so nothing is locked either.
      await o.ledger.removeLock(o.cluster);
      throw new WorkbookOpenError(o.cluster.replace(/^file:/, ''));
    }
    if (run.outcome === 'unusable') {
      // The sheet broke between the two reads: no lock on results nobody could see.
      await o.ledger.removeLock(o.cluster);
      return run;
    }
    return { outcome: 'locked', lock, run };
  } catch (e) {
    await o.ledger.removeLock(o.cluster);
    throw e;
  }
}

export type UnlockResult =
  | { outcome: 'unlocked'; lock: LockRecord; run: RunResult }
  | { outcome: 'not-locked' };

export async function unlockResults(o: LockOptions): Promise<UnlockResult> {
  const lock = await o.ledger.removeLock(o.cluster);
  if (!lock) return { outcome: 'not-locked' };
  const run = await runOnce({
    ...o,
    // In the sheet's language, as the lock's line (known once the run has read the sheet).
    log: (ev) => [ev.settings.language === 'vi'
      ? `Đã mở chốt kết quả lúc ${formatDateTime(o.now())} (người mở: ${o.by}; đã chốt lúc ${formatDateTime(lock.at)}). Lần chấm này và các lần sau chấm lại từ số liệu hiện có.`
      : `Results unlocked at ${formatDateTime(o.now())} (by ${o.by}; locked at ${formatDateTime(lock.at)}). This run and the next ones score again from the current data.`],
  });
  return { outcome: 'unlocked', lock, run };
}
