/** Command-line arguments, checked with zod so a typo gets a clear message, not a stack trace. */
import { parseArgs } from 'node:util';
import { z } from 'zod';

export class UsageError extends Error {}

export const USAGE = `Cách dùng / usage:
  thidua init FILE.xlsx [--sample] [--force]     tạo bảng tính mẫu của cụm
  thidua run FILE.xlsx [--json] [--outbox DIR] [--now YYYY-MM-DD] [--send] [--smtp URL]
                                                 chấm điểm một lần, ghi kết quả vào bảng tính
  thidua watch FILE.xlsx [--outbox DIR]          chấm lại mỗi khi tệp được lưu (Ctrl-C để dừng)
  thidua remind FILE.xlsx [--send] [--now YYYY-MM-DD]
                                                 nhắc các đơn vị chưa nộp hoặc còn lỗi
  thidua lock FILE.xlsx [--json]                 chốt kết quả trước khi họp bỏ phiếu (giữ nguyên điểm, hạng)
  thidua unlock FILE.xlsx [--json]               mở chốt: chấm lại từ số liệu hiện có
  thidua serve --workbook FILE.xlsx [--port N]   các hàm HTTP (sheetEdited, reconcile, …) trên máy
  thidua google setup --from FILE.xlsx [--admin EMAIL]…
                                                 tạo Google Sheet của cụm từ bảng tính mẫu
  thidua start [FILE.xlsx]                       tạo bảng tính mẫu nếu chưa có, chấm, rồi theo dõi`;

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày dạng YYYY-MM-DD');

export const Options = z.object({
  json: z.boolean().default(false),
  sample: z.boolean().default(false),
  force: z.boolean().default(false),
  send: z.boolean().default(false),
  outbox: z.string().min(1).default('outbox'),
  now: Day.optional(),
  smtp: z.string().url().optional(),
  workbook: z.string().optional(),
  from: z.string().optional(),
  admin: z.array(z.email()).default([]),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  ledger: z.string().optional(),
});
export type Options = z.infer<typeof Options>;

export function parse(argv: string[]): { positionals: string[]; options: Options } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        sample: { type: 'boolean' },
        force: { type: 'boolean' },
        send: { type: 'boolean' },
        outbox: { type: 'string' },
        now: { type: 'string' },
        smtp: { type: 'string' },
        workbook: { type: 'string' },
        from: { type: 'string' },
        admin: { type: 'string', multiple: true },
        port: { type: 'string' },
        ledger: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const r = Options.safeParse(parsed.values);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return { positionals: parsed.positionals, options: r.data };
}

/** `--now 2023-12-15` → 10:00 that day in Việt Nam; otherwise the real clock. */
export function clock(now: string | undefined): () => number {
  if (!now) return () => Date.now();
  const [y, m, d] = now.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d, 3, 0, 0);
  return () => t;
}
