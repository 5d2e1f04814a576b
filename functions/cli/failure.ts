/**
 * Every failure a person sees is one Vietnamese line that says what to do (issue 7):
 * errno codes, SQLite's codes and our own error types mapped here, once, for every
 * command. No English fragment and no stack trace (THIDUA_DEBUG=1 prints the stack).
 */
import { WorkbookReadOnlyError } from '../sheets/xlsx/adapter.js';
import { WorkbookChangedError, WorkbookOpenError } from '../sheets/port.js';
import { LockBusyError } from '../lock.js';

type Coded = Error & { code?: unknown; path?: unknown; dest?: unknown };

const where = (e: Coded): string => (typeof e.dest === 'string' ? e.dest : typeof e.path === 'string' ? e.path : '');
const at = (e: Coded): string => (where(e) ? ` ${where(e)}` : '');

/** System error codes (node's errno names) → what to do. */
const ERRNO: Record<string, (e: Coded) => string> = {
  ENOSPC: (e) => `Ổ đĩa đã đầy, không ghi được${at(e)}. Hãy giải phóng dung lượng rồi chạy lại; bảng tính chưa bị thay đổi`,
  EDQUOT: (e) => `Đã hết hạn mức dung lượng, không ghi được${at(e)}. Hãy giải phóng dung lượng rồi chạy lại; bảng tính chưa bị thay đổi`,
  EROFS: (e) => `Thư mục chỉ đọc, không ghi được${at(e)}. Hãy chép bảng tính sang một thư mục ghi được rồi chạy lại`,
  EACCES: (e) => `Không có quyền ghi hoặc đọc${at(e)}. Hãy cấp quyền cho tài khoản đang chạy thidua (hoặc chép sang thư mục của mình) rồi chạy lại`,
  EPERM: (e) => `Không được phép thay đổi${at(e)} (tệp đang mở trong Excel, bị khoá hoặc chỉ đọc). Hãy đóng tệp, bỏ khoá rồi chạy lại`,
  EBUSY: (e) => `Tệp${at(e)} đang bị khoá (có thể đang mở trong Excel). Hãy đóng tệp rồi chạy lại`,
  ETXTBSY: (e) => `Tệp${at(e)} đang bị chương trình khác dùng. Hãy đóng chương trình đó rồi chạy lại`,
  EMFILE: () => 'Máy đang mở quá nhiều tệp. Hãy đóng bớt chương trình rồi chạy lại',
  ENFILE: () => 'Máy đang mở quá nhiều tệp. Hãy đóng bớt chương trình rồi chạy lại',
  EIO: (e) => `Lỗi đọc/ghi ổ đĩa${at(e)}. Hãy kiểm tra ổ đĩa (hoặc chép bảng tính sang ổ khác) rồi chạy lại`,
  ENOENT: (e) => `Không tìm thấy${at(e)}. Hãy kiểm tra đường dẫn rồi chạy lại`,
  ENOTDIR: (e) => `Đường dẫn${at(e)} không phải thư mục. Hãy kiểm tra đường dẫn rồi chạy lại`,
  EISDIR: (e) => `${where(e) || 'Đường dẫn'} là một thư mục, không phải tệp. Hãy kiểm tra đường dẫn rồi chạy lại`,
  ENAMETOOLONG: () => 'Đường dẫn quá dài. Hãy chép bảng tính vào thư mục có đường dẫn ngắn hơn rồi chạy lại',
  // SQLite (better-sqlite3 reports its result codes as `code`).
  SQLITE_BUSY: () => 'Sổ ghi (.thidua/ledger.sqlite) đang bận vì một lần chạy khác. Hãy đợi một lát rồi chạy lại',
  SQLITE_LOCKED: () => 'Sổ ghi (.thidua/ledger.sqlite) đang bận vì một lần chạy khác. Hãy đợi một lát rồi chạy lại',
  SQLITE_FULL: () => 'Ổ đĩa đã đầy, không ghi được sổ ghi (.thidua). Hãy giải phóng dung lượng rồi chạy lại',
  SQLITE_READONLY: () => 'Sổ ghi (.thidua/ledger.sqlite) chỉ đọc. Hãy cấp quyền ghi cho thư mục .thidua rồi chạy lại',
  SQLITE_CANTOPEN: () => 'Không mở được sổ ghi (.thidua/ledger.sqlite). Hãy kiểm tra quyền ghi của thư mục chứa bảng tính rồi chạy lại',
  SQLITE_CORRUPT: () => 'Sổ ghi (.thidua/ledger.sqlite) bị hỏng. Hãy đổi tên thư mục .thidua (chỉ mất lịch sử chạy, không mất bảng tính) rồi chạy lại',
  SQLITE_NOTADB: () => 'Tệp sổ ghi (.thidua/ledger.sqlite) không phải sổ ghi của thidua. Hãy đổi tên thư mục .thidua rồi chạy lại',
  SQLITE_IOERR: () => 'Lỗi đọc/ghi sổ ghi (.thidua). Hãy kiểm tra ổ đĩa rồi chạy lại',
};

/** Our messages are often "tiếng Việt / English": people read the Vietnamese half. */
function vietnamesePart(message: string): string | null {
  const vi = message.split(' / ')[0]!.trim();
  return /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i.test(vi) ? vi : null;
}

/** The one line for `e`, without a final full stop. */
export function describeFailure(e: unknown): string {
  if (e instanceof WorkbookOpenError) {
    return `Tệp ${e.path} đang mở trong Excel nên chưa ghi được. Hãy đóng tệp rồi chạy lại`;
  }
  if (e instanceof WorkbookReadOnlyError) {
    return `Bảng tính ${e.path} đang được đặt chỉ đọc (read-only) nên thidua không ghi đè. Hãy bỏ chỉ đọc (Properties → bỏ Read-only, hoặc chmod u+w) rồi chạy lại`;
  }
  if (e instanceof LockBusyError) {
    return `Một lần chạy khác của thidua${e.holder ? ` (tiến trình ${e.holder})` : ''} đang dùng bảng tính này quá lâu. Hãy đợi nó xong (hoặc dừng nó) rồi chạy lại`;
  }
  if (e instanceof WorkbookChangedError) {
    return 'Bảng tính liên tục được lưu trong lúc chấm nên chưa ghi được kết quả. Hãy lưu xong rồi chạy lại';
  }
  const err = e as Coded;
  const code = typeof err?.code === 'string' ? err.code : '';
  const base = code.startsWith('SQLITE_IOERR') ? 'SQLITE_IOERR' : code.startsWith('SQLITE_CANTOPEN') ? 'SQLITE_CANTOPEN' : code.startsWith('SQLITE_READONLY') ? 'SQLITE_READONLY' : code;
  const known = ERRNO[base];
  if (known) return known(err);
  const vi = e instanceof Error ? vietnamesePart(e.message) : null;
  if (vi) return vi;
  return 'Gặp lỗi không lường trước. Hãy chạy lại; nếu vẫn lỗi, chạy với THIDUA_DEBUG=1 và gửi nội dung hiện ra cho người quản trị';
}
