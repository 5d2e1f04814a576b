/** Every failure a person sees is one Vietnamese line saying what to do (functions/cli/failure.ts). */
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../functions/cli/failure.js';
import { LockBusyError } from '../../functions/lock.js';
import { WorkbookChangedError } from '../../functions/sheets/port.js';
import { WorkbookReadOnlyError } from '../../functions/sheets/xlsx/adapter.js';

const errno = (code: string, path = '/srv/thi-dua/cum.xlsx') => Object.assign(new Error(`${code}: something in English, open '${path}'`), { code, path });
const VI = /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/i;
const ENGLISH = /something in English|Error|errno|open '/;

describe('describeFailure', () => {
  it.each([
    ['ENOSPC', /Ổ đĩa đã đầy.*giải phóng dung lượng/],
    ['EDQUOT', /hạn mức dung lượng/],
    ['EROFS', /Thư mục chỉ đọc.*chép bảng tính sang/],
    ['EACCES', /Không có quyền.*cấp quyền/],
    ['EPERM', /Không được phép.*đóng tệp/],
    ['EBUSY', /đang bị khoá.*Excel.*đóng tệp/],
    ['EMFILE', /quá nhiều tệp/],
    ['EIO', /Lỗi đọc\/ghi ổ đĩa/],
    ['ENAMETOOLONG', /Đường dẫn quá dài/],
    ['SQLITE_BUSY', /Sổ ghi.*đang bận/],
    ['SQLITE_FULL', /Ổ đĩa đã đầy/],
    ['SQLITE_READONLY_DIRECTORY', /Sổ ghi.*chỉ đọc/],
    ['SQLITE_CANTOPEN', /Không mở được sổ ghi/],
    ['SQLITE_CORRUPT', /bị hỏng.*đổi tên thư mục \.thidua/],
    ['SQLITE_NOTADB', /không phải sổ ghi/],
    ['SQLITE_IOERR_WRITE', /Lỗi đọc\/ghi sổ ghi/],
  ])('%s: one Vietnamese line with what to do, no English', (code, says) => {
    const line = describeFailure(errno(code));
    expect(line).toMatch(says);
    expect(line).toMatch(VI);
    expect(line).not.toMatch(ENGLISH);
    expect(line).not.toContain('\n');
  });

  it('names the file concerned', () => {
    expect(describeFailure(errno('ENOSPC', '/srv/a.xlsx'))).toContain('/srv/a.xlsx');
  });

  it('a read-only workbook, a busy lock and a workbook that keeps changing say what to do', () => {
    expect(describeFailure(new WorkbookReadOnlyError('/srv/a.xlsx'))).toMatch(/chỉ đọc.*bỏ chỉ đọc/);
    expect(describeFailure(new LockBusyError('/srv/.thidua/ledger.sqlite.lock', 4242))).toMatch(/tiến trình 4242.*đợi/);
    expect(describeFailure(new WorkbookChangedError())).toMatch(/lưu xong rồi chạy lại/);
  });

  it('our bilingual messages keep their Vietnamese half; anything else becomes a Vietnamese line, never English', () => {
    expect(describeFailure(new Error('Sổ ghi: không tìm thấy thư x / ledger: x not found'))).toBe('Sổ ghi: không tìm thấy thư x');
    const line = describeFailure(new TypeError("Cannot read properties of undefined (reading 'v')"));
    expect(line).toMatch(VI);
    expect(line).not.toMatch(/Cannot|undefined/);
    expect(describeFailure('a thrown string')).toMatch(VI);
  });

  it('in English (THIDUA_LANG=en) the same line says the same in English, with no Vietnamese', () => {
    for (const code of ['ENOSPC', 'EBUSY', 'ENOENT', 'SQLITE_BUSY', 'SQLITE_CORRUPT']) {
      const line = describeFailure(errno(code), 'en');
      expect(line, code).not.toMatch(VI);
      expect(line, code).not.toMatch(ENGLISH);
      expect(line, code).toMatch(/run again/);
    }
    expect(describeFailure(errno('ENOSPC', '/srv/a.xlsx'), 'en')).toBe('The disk is full, could not write /srv/a.xlsx. Free some space and run again; the workbook was not changed');
    expect(describeFailure(new LockBusyError('/srv/.thidua/ledger.sqlite.lock', 4242), 'en')).toMatch(/process 4242.*Wait/);
    expect(describeFailure(new Error('Sổ ghi: không tìm thấy thư x / ledger: x not found'), 'en')).toBe('ledger: x not found');
    // An unknown error's own words are never shown, in either language.
    expect(describeFailure(new TypeError("Cannot read properties of undefined (reading 'v')"), 'en')).toMatch(/^Something unexpected went wrong/);
  });
});
