/**
 * Every failure a person sees is one line that says what to do (issue 7), in Vietnamese —
 * or English with THIDUA_LANG=en (cli/lang.ts): errno codes, SQLite's codes and our own
 * error types mapped here, once, for every command. No fragment of a raw error message and
 * no stack trace (THIDUA_DEBUG=1 prints the stack).
 */
import { WorkbookReadOnlyError } from '../sheets/xlsx/adapter.js';
import { WorkbookChangedError, WorkbookOpenError } from '../sheets/port.js';
import { LockBusyError } from '../lock.js';
import type { Lang } from '../core/model.js';

type Coded = Error & { code?: unknown; path?: unknown; dest?: unknown };

const where = (e: Coded): string => (typeof e.dest === 'string' ? e.dest : typeof e.path === 'string' ? e.path : '');
const at = (e: Coded): string => (where(e) ? ` ${where(e)}` : '');

/** System error codes (node's errno names) → what to do: [Vietnamese, English]. */
const ERRNO: Record<string, (e: Coded) => [string, string]> = {
  ENOSPC: (e) => [`Ổ đĩa đã đầy, không ghi được${at(e)}. Hãy giải phóng dung lượng rồi chạy lại; bảng tính chưa bị thay đổi`, `The disk is full, could not write${at(e)}. Free some space and run again; the workbook was not changed`],
  EDQUOT: (e) => [`Đã hết hạn mức dung lượng, không ghi được${at(e)}. Hãy giải phóng dung lượng rồi chạy lại; bảng tính chưa bị thay đổi`, `The disk quota is used up, could not write${at(e)}. Free some space and run again; the workbook was not changed`],
  EROFS: (e) => [`Thư mục chỉ đọc, không ghi được${at(e)}. Hãy chép bảng tính sang một thư mục ghi được rồi chạy lại`, `The folder is read-only, could not write${at(e)}. Copy the workbook to a folder you can write to and run again`],
  EACCES: (e) => [`Không có quyền ghi hoặc đọc${at(e)}. Hãy cấp quyền cho tài khoản đang chạy thidua (hoặc chép sang thư mục của mình) rồi chạy lại`, `No permission to read or write${at(e)}. Give the account running thidua the permission (or copy it to a folder of your own) and run again`],
  EPERM: (e) => [`Không được phép thay đổi${at(e)} (tệp đang mở trong Excel, bị khoá hoặc chỉ đọc). Hãy đóng tệp, bỏ khoá rồi chạy lại`, `Not allowed to change${at(e)} (the file is open in Excel, locked or read-only). Close the file, unlock it and run again`],
  EBUSY: (e) => [`Tệp${at(e)} đang bị khoá (có thể đang mở trong Excel). Hãy đóng tệp rồi chạy lại`, `The file${at(e)} is locked (perhaps open in Excel). Close it and run again`],
  ETXTBSY: (e) => [`Tệp${at(e)} đang bị chương trình khác dùng. Hãy đóng chương trình đó rồi chạy lại`, `The file${at(e)} is in use by another program. Close that program and run again`],
  EMFILE: () => ['Máy đang mở quá nhiều tệp. Hãy đóng bớt chương trình rồi chạy lại', 'The machine has too many files open. Close some programs and run again'],
  ENFILE: () => ['Máy đang mở quá nhiều tệp. Hãy đóng bớt chương trình rồi chạy lại', 'The machine has too many files open. Close some programs and run again'],
  EIO: (e) => [`Lỗi đọc/ghi ổ đĩa${at(e)}. Hãy kiểm tra ổ đĩa (hoặc chép bảng tính sang ổ khác) rồi chạy lại`, `A disk read/write error${at(e)}. Check the disk (or copy the workbook to another one) and run again`],
  ENOENT: (e) => [`Không tìm thấy${at(e)}. Hãy kiểm tra đường dẫn rồi chạy lại`, `Not found${where(e) ? `: ${where(e)}` : ''}. Check the path and run again`],
  ENOTDIR: (e) => [`Đường dẫn${at(e)} không phải thư mục. Hãy kiểm tra đường dẫn rồi chạy lại`, `The path${at(e)} is not a folder. Check the path and run again`],
  EISDIR: (e) => [`${where(e) || 'Đường dẫn'} là một thư mục, không phải tệp. Hãy kiểm tra đường dẫn rồi chạy lại`, `${where(e) || 'The path'} is a folder, not a file. Check the path and run again`],
  ENAMETOOLONG: () => ['Đường dẫn quá dài. Hãy chép bảng tính vào thư mục có đường dẫn ngắn hơn rồi chạy lại', 'The path is too long. Copy the workbook to a folder with a shorter path and run again'],
  // SQLite (better-sqlite3 reports its result codes as `code`).
  SQLITE_BUSY: () => ['Sổ ghi (.thidua/ledger.sqlite) đang bận vì một lần chạy khác. Hãy đợi một lát rồi chạy lại', 'The ledger (.thidua/ledger.sqlite) is busy with another run. Wait a moment and run again'],
  SQLITE_LOCKED: () => ['Sổ ghi (.thidua/ledger.sqlite) đang bận vì một lần chạy khác. Hãy đợi một lát rồi chạy lại', 'The ledger (.thidua/ledger.sqlite) is busy with another run. Wait a moment and run again'],
  SQLITE_FULL: () => ['Ổ đĩa đã đầy, không ghi được sổ ghi (.thidua). Hãy giải phóng dung lượng rồi chạy lại', 'The disk is full, could not write the ledger (.thidua). Free some space and run again'],
  SQLITE_READONLY: () => ['Sổ ghi (.thidua/ledger.sqlite) chỉ đọc. Hãy cấp quyền ghi cho thư mục .thidua rồi chạy lại', 'The ledger (.thidua/ledger.sqlite) is read-only. Allow writing to the .thidua folder and run again'],
  SQLITE_CANTOPEN: () => ['Không mở được sổ ghi (.thidua/ledger.sqlite). Hãy kiểm tra quyền ghi của thư mục chứa bảng tính rồi chạy lại', 'Could not open the ledger (.thidua/ledger.sqlite). Check that the workbook\'s folder can be written to and run again'],
  SQLITE_CORRUPT: () => ['Sổ ghi (.thidua/ledger.sqlite) bị hỏng. Hãy đổi tên thư mục .thidua (chỉ mất lịch sử chạy, không mất bảng tính) rồi chạy lại', 'The ledger (.thidua/ledger.sqlite) is damaged. Rename the .thidua folder (only the run history is lost, not the workbook) and run again'],
  SQLITE_NOTADB: () => ['Tệp sổ ghi (.thidua/ledger.sqlite) không phải sổ ghi của thidua. Hãy đổi tên thư mục .thidua rồi chạy lại', 'The ledger file (.thidua/ledger.sqlite) is not a thidua ledger. Rename the .thidua folder and run again'],
  SQLITE_IOERR: () => ['Lỗi đọc/ghi sổ ghi (.thidua). Hãy kiểm tra ổ đĩa rồi chạy lại', 'A read/write error on the ledger (.thidua). Check the disk and run again'],
};

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

/** Our messages are often "tiếng Việt / English": people read the half of their language. */
function ourPart(message: string, lang: Lang): string | null {
  const [vi, ...rest] = message.split(' / ');
  if (!VIETNAMESE.test(vi!.trim())) return null;
  if (lang === 'vi') return vi!.trim();
  const en = rest.join(' / ').trim();
  return en && !VIETNAMESE.test(en) ? en : null;
}

/** The one line for `e`, without a final full stop, in `lang` (the CLI's: cli/lang.ts). */
export function describeFailure(e: unknown, lang: Lang = 'vi'): string {
  const en = lang === 'en';
  if (e instanceof WorkbookOpenError) {
    return en ? `${e.path} is open in Excel, so it could not be written yet. Close it and run again` : `Tệp ${e.path} đang mở trong Excel nên chưa ghi được. Hãy đóng tệp rồi chạy lại`;
  }
  if (e instanceof WorkbookReadOnlyError) {
    return en
      ? `The workbook ${e.path} is set read-only, so thidua does not overwrite it. Clear read-only (Properties → untick Read-only, or chmod u+w) and run again`
      : `Bảng tính ${e.path} đang được đặt chỉ đọc (read-only) nên thidua không ghi đè. Hãy bỏ chỉ đọc (Properties → bỏ Read-only, hoặc chmod u+w) rồi chạy lại`;
  }
  if (e instanceof LockBusyError) {
    return en
      ? `Another thidua run${e.holder ? ` (process ${e.holder})` : ''} has been using this workbook too long. Wait for it to finish (or stop it) and run again`
      : `Một lần chạy khác của thidua${e.holder ? ` (tiến trình ${e.holder})` : ''} đang dùng bảng tính này quá lâu. Hãy đợi nó xong (hoặc dừng nó) rồi chạy lại`;
  }
  if (e instanceof WorkbookChangedError) {
    return en
      ? 'The workbook kept being saved while it was scored, so the results were not written yet. Finish saving and run again'
      : 'Bảng tính liên tục được lưu trong lúc chấm nên chưa ghi được kết quả. Hãy lưu xong rồi chạy lại';
  }
  const err = e as Coded;
  const code = typeof err?.code === 'string' ? err.code : '';
  const base = code.startsWith('SQLITE_IOERR') ? 'SQLITE_IOERR' : code.startsWith('SQLITE_CANTOPEN') ? 'SQLITE_CANTOPEN' : code.startsWith('SQLITE_READONLY') ? 'SQLITE_READONLY' : code;
  const known = ERRNO[base];
  if (known) return known(err)[en ? 1 : 0];
  const ours = e instanceof Error ? ourPart(e.message, lang) : null;
  if (ours) return ours;
  return en
    ? 'Something unexpected went wrong. Run again; if it persists, run with THIDUA_DEBUG=1 and send what it prints to your administrator'
    : 'Gặp lỗi không lường trước. Hãy chạy lại; nếu vẫn lỗi, chạy với THIDUA_DEBUG=1 và gửi nội dung hiện ra cho người quản trị';
}
