/**
 * What the HTTP functions accept, checked with zod before anything is looked up. A ping's
 * content is only a reason to look: the run re-reads the sheet and never uses it.
 */
import { z } from 'zod';

/** Google spreadsheet ids are URL-safe base64-ish; `local` is `thidua serve`'s workbook. */
export const SpreadsheetId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'mã bảng tính không hợp lệ');

/** The Apps Script trigger's ping (scripts/apps-script/Code.gs). */
export const EditPing = z.object({
  spreadsheetId: SpreadsheetId,
  sheet: z.string().max(200),
  range: z.string().max(200),
  /** The editor's email when Apps Script knows it, else empty. */
  user: z.string().max(320),
  /** When the edit happened, epoch ms. */
  ts: z.number().int().nonnegative(),
});
export type EditPing = z.infer<typeof EditPing>;

/** `reconcile`: all registered spreadsheets, or one; `force` runs even when unchanged ("Chấm điểm ngay"). */
export const ReconcileRequest = z.object({
  spreadsheetId: SpreadsheetId.optional(),
  force: z.boolean().default(false),
  /** When it was asked, epoch ms: two clicks make two different signed requests (the same bytes again are a replay). */
  ts: z.number().int().nonnegative().optional(),
});

/** `sendReports`: one spreadsheet on demand ("Gửi báo cáo"), or every one on the daily schedule. */
export const SendReportsRequest = z.object({
  spreadsheetId: SpreadsheetId.optional(),
  mode: z.enum(['reports', 'scheduled']).optional(),
  ts: z.number().int().nonnegative().optional(),
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** JSON of the raw body (an empty body is `{}` where `emptyIsObject`), validated by `schema`. */
export function parseBody<T>(raw: Uint8Array, schema: z.ZodType<T>, emptyIsObject = false): Parsed<T> {
  const text = Buffer.from(raw).toString('utf8');
  let json: unknown;
  if (text.trim() === '' && emptyIsObject) json = {};
  else {
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, message: 'Nội dung yêu cầu không phải JSON hợp lệ' };
    }
  }
  const r = schema.safeParse(json);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues.map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`).join('; ') };
}

/** `lock` / `unlock` ("Chốt kết quả" / "Mở chốt"): one spreadsheet, an admin's act. */
export const LockRequest = z.object({
  spreadsheetId: SpreadsheetId,
  ts: z.number().int().nonnegative().optional(),
});

/** `makeDocuments` ("Tạo văn bản"): one spreadsheet, an admin's act, like the lock. */
export const DocumentsRequest = LockRequest;
