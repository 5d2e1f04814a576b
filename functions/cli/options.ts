/**
 * Every option of the command, once: its flags and its Vietnamese help. Values are
 * checked by the zod schema in args.ts (Options). Adding an option: a line here and its
 * field there.
 */
export interface OptionSpec {
  flags: string;
  description: string;
  /** May be given several times (`--admin a --admin b`). */
  repeat?: boolean;
}

export const OPTIONS = {
  json: { flags: '--json', description: 'in kết quả dạng JSON (WORKBOOK.md) thay cho bảng' },
  sample: { flags: '--sample', description: 'tạo bảng tính mẫu có sẵn số liệu (Khối thi đua các tổ chức chính trị - xã hội tỉnh, năm 2023)' },
  force: { flags: '--force', description: 'ghi đè nếu tệp đã có' },
  send: { flags: '--send', description: 'gửi thư thật (qua SMTP); không có: chỉ tạo bản xem trước' },
  outbox: { flags: '--outbox <thư-mục>', description: 'nơi lưu thư xem trước (.eml, .html); mặc định: thư mục <tên-tệp>-thu cạnh bảng tính' },
  now: { flags: '--now <ngày>', description: 'coi như hôm nay là ngày này: dd/mm/yyyy hoặc yyyy-mm-dd (để thử hạn nộp, nhắc hạn)' },
  smtp: { flags: '--smtp <url>', description: 'máy chủ thư, ví dụ smtp://user:pass@mail.example.vn:587 (hoặc biến môi trường THIDUA_SMTP_URL)' },
  workbook: { flags: '--workbook <tệp.xlsx>', description: 'bảng tính được phục vụ' },
  from: { flags: '--from <tệp.xlsx>', description: 'bảng tính làm mẫu (tạo bằng thidua init)' },
  admin: { flags: '--admin <email>', description: 'tài khoản quản trị, được sửa mọi trang (có thể ghi nhiều lần)', repeat: true },
  port: { flags: '--port <số>', description: 'cổng HTTP (mặc định 8080)' },
  ledger: { flags: '--ledger <tệp.sqlite>', description: 'sổ ghi SQLite (mặc định .thidua/ledger.sqlite cạnh bảng tính, hoặc biến môi trường THIDUA_LEDGER)' },
  to: { flags: '--to <tệp-mới.xlsx>', description: 'tên bảng tính năm sau (mặc định: tên hiện tại với năm sau)' },
  clientIdFile: { flags: '--client-id-file <tệp.json>', description: 'OAuth client (loại Desktop app) của tỉnh, tải từ Google Cloud Console: đăng nhập Google bằng trình duyệt' },
  functions: { flags: '--functions <tệp.json>', description: 'địa chỉ các hàm (scripts/deploy.sh ghi vào .thidua/functions.json)' },
  out: { flags: '--out <thư-mục>', description: 'nơi lưu văn bản (mặc định: thư mục <tên-tệp>-van-ban cạnh bảng tính)' },
} satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/**
 * `--ledger` of the Google commands (google setup, google new-year): there is no workbook
 * file to sit beside; without the option they use the project's Firestore ledger, the one
 * the cloud functions read (cloud/deps.ts openCloudLedger).
 */
export const CLOUD_LEDGER_HELP =
  'dùng sổ ghi SQLite này thay cho sổ ghi Firestore của dự án Google Cloud (GOOGLE_CLOUD_PROJECT), nơi các hàm đám mây đọc; ' +
  'mặc định: sổ ghi Firestore';
