/**
 * Every option of the command, once: its flags and its help (Vietnamese, English). Values are
 * checked by the zod schema in args.ts (Options). Adding an option: a line here and its
 * field there.
 */
import type { Words } from './lang.js';

export interface OptionSpec {
  flags: string;
  description: Words;
  /** May be given several times (`--admin a --admin b`). */
  repeat?: boolean;
}

export const OPTIONS = {
  json: { flags: '--json', description: { vi: 'in kết quả dạng JSON (WORKBOOK.md) thay cho bảng', en: 'print the results as JSON (WORKBOOK.md) instead of a table' } },
  sample: { flags: '--sample', description: { vi: 'tạo bảng tính mẫu có sẵn số liệu (Khối thi đua các tổ chức chính trị - xã hội tỉnh, năm 2023)', en: 'make a sample workbook with data filled in (the provincial cluster of political and social organisations, 2023)' } },
  force: { flags: '--force', description: { vi: 'ghi đè nếu tệp đã có', en: 'overwrite the file if it exists' } },
  send: { flags: '--send', description: { vi: 'gửi thư thật (qua SMTP); không có: chỉ tạo bản xem trước', en: 'send the emails for real (over SMTP); without it: previews only' } },
  outbox: { flags: '--outbox <thư-mục>', description: { vi: 'nơi lưu thư xem trước (.eml, .html); mặc định: thư mục <tên-tệp>-thu cạnh bảng tính', en: 'where email previews go (.eml, .html); default: the folder <file-name>-thu beside the workbook' } },
  now: { flags: '--now <ngày>', description: { vi: 'coi như hôm nay là ngày này: dd/mm/yyyy hoặc yyyy-mm-dd (để thử hạn nộp, nhắc hạn)', en: 'take today to be this day: dd/mm/yyyy or yyyy-mm-dd (to try deadlines and reminders)' } },
  smtp: { flags: '--smtp <url>', description: { vi: 'máy chủ thư, ví dụ smtp://user:pass@mail.example.vn:587 (hoặc biến môi trường THIDUA_SMTP_URL)', en: 'the mail server, e.g. smtp://user:pass@mail.example.vn:587 (or the environment variable THIDUA_SMTP_URL)' } },
  workbook: { flags: '--workbook <tệp.xlsx>', description: { vi: 'bảng tính được phục vụ', en: 'the workbook served' } },
  from: { flags: '--from <tệp.xlsx>', description: { vi: 'bảng tính làm mẫu (tạo bằng thidua init)', en: 'the workbook to start from (made by thidua init)' } },
  admin: { flags: '--admin <email>', description: { vi: 'tài khoản quản trị, được sửa mọi trang (có thể ghi nhiều lần)', en: 'an administrator account, allowed to edit every tab (may be given several times)' }, repeat: true },
  port: { flags: '--port <số>', description: { vi: 'cổng HTTP (mặc định 8080)', en: 'the HTTP port (default 8080)' } },
  ledger: { flags: '--ledger <tệp.sqlite>', description: { vi: 'sổ ghi SQLite (mặc định .thidua/ledger.sqlite cạnh bảng tính, hoặc biến môi trường THIDUA_LEDGER)', en: 'the SQLite ledger (default .thidua/ledger.sqlite beside the workbook, or the environment variable THIDUA_LEDGER)' } },
  to: { flags: '--to <tệp-mới.xlsx>', description: { vi: 'tên bảng tính năm sau (mặc định: tên hiện tại với năm sau)', en: 'the name of next year\'s workbook (default: the current name with next year)' } },
  clientIdFile: { flags: '--client-id-file <tệp.json>', description: { vi: 'OAuth client (loại Desktop app) của tỉnh, tải từ Google Cloud Console: đăng nhập Google bằng trình duyệt', en: 'the province\'s OAuth client (Desktop app type), downloaded from Google Cloud Console: sign in to Google in the browser' } },
  functions: { flags: '--functions <tệp.json>', description: { vi: 'địa chỉ các hàm (scripts/deploy.sh ghi vào .thidua/functions.json)', en: 'the functions\' addresses (scripts/deploy.sh writes them to .thidua/functions.json)' } },
  out: { flags: '--out <thư-mục>', description: { vi: 'nơi lưu văn bản (mặc định: thư mục <tên-tệp>-van-ban cạnh bảng tính)', en: 'where the documents go (default: the folder <file-name>-van-ban beside the workbook)' } },
} satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/**
 * `--ledger` of the Google commands (google setup, google new-year): there is no workbook
 * file to sit beside; without the option they use the project's Firestore ledger, the one
 * the cloud functions read (cloud/deps.ts openCloudLedger).
 */
export const CLOUD_LEDGER_HELP: Words = {
  vi: 'dùng sổ ghi SQLite này thay cho sổ ghi Firestore của dự án Google Cloud (GOOGLE_CLOUD_PROJECT), nơi các hàm đám mây đọc; ' +
    'mặc định: sổ ghi Firestore',
  en: 'use this SQLite ledger instead of the Google Cloud project\'s Firestore ledger (GOOGLE_CLOUD_PROJECT), the one the cloud functions read; ' +
    'default: the Firestore ledger',
};
