/**
 * The options every subcommand may take, checked with zod after commander parsed them
 * (cli/program.ts), so a bad value gets a clear message (Vietnamese, or English with
 * THIDUA_LANG=en) naming what was typed — not zod's English words, not a stack trace.
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import { z } from 'zod';
import { cliLanguage } from './lang.js';

export class UsageError extends Error {}

/** `20/12/2023` or `2023-12-20` → `2023-12-20`, a day that is on the calendar. */
export function parseDay(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t) ?? null;
  const v = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : v ? [Number(v[3]), Number(v[2]), Number(v[1])] : [NaN, NaN, NaN];
  if (!Number.isInteger(y) || mo < 1 || mo > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A message in the CLI's language (cli/lang.ts), chosen when the value is checked; `typed` is what was given. */
const said = (vi: (typed: string) => string, en: (typed: string) => string) =>
  (issue: { input?: unknown }) => (cliLanguage() === 'en' ? en : vi)(String(issue.input ?? ''));

const Day = z.string().transform((s, ctx) => {
  const day = parseDay(s);
  if (!day) {
    ctx.addIssue({ code: 'custom', message: said(
      (t) => `"${t}" không phải ngày; hãy ghi dd/mm/yyyy (20/12/2023) hoặc yyyy-mm-dd (2023-12-20)`,
      (t) => `"${t}" is not a day; write dd/mm/yyyy (20/12/2023) or yyyy-mm-dd (2023-12-20)`,
    )({ input: s }) });
    return z.NEVER;
  }
  return day;
});

/** A file or folder name given to an option: not empty. */
const Name = z.string().min(1, { error: said(() => 'cần một tên tệp hoặc thư mục, không để trống', () => 'needs a file or folder name, not an empty one') });

/** `--port`: 0–65535 as typed (commander gives text; a caller in code may give a number). */
const Port = z.coerce.string().optional().transform((v, ctx) => {
  if (v === undefined) return 8080;
  const n = /^\s*\d{1,5}\s*$/.test(v) ? Number(v) : NaN;
  if (Number.isInteger(n) && n >= 0 && n <= 65535) return n;
  ctx.addIssue({ code: 'custom', message: said(
    (t) => `"${t}" không phải cổng; hãy ghi một số từ 0 đến 65535, ví dụ 8080`,
    (t) => `"${t}" is not a port; give a number from 0 to 65535, e.g. 8080`,
  )({ input: v }) });
  return z.NEVER;
});

export const Options = z.object({
  json: z.boolean().default(false),
  sample: z.boolean().default(false),
  force: z.boolean().default(false),
  send: z.boolean().default(false),
  /** Where email previews go; by default a folder beside the workbook (outboxFor). */
  outbox: Name.optional(),
  now: Day.optional(),
  smtp: z.string().url({ error: said(
    (t) => `"${t}" không phải địa chỉ máy chủ thư; ví dụ smtp://user:pass@mail.example.vn:587`,
    (t) => `"${t}" is not a mail server address; e.g. smtp://user:pass@mail.example.vn:587`,
  ) }).optional(),
  workbook: z.string().optional(),
  from: z.string().optional(),
  admin: z.array(z.email({ error: said((t) => `"${t}" không phải địa chỉ email`, (t) => `"${t}" is not an email address`) })).default([]),
  port: Port,
  ledger: z.string().optional(),
  to: Name.optional(),
  out: Name.optional(),
  clientIdFile: Name.optional(),
  functions: Name.optional(),
});
export type Options = z.infer<typeof Options>;

/** `--now 2023-12-15` (already checked by Day) → 10:00 that day in Việt Nam; otherwise the real clock. */
export function clock(now: string | undefined): () => number {
  if (!now) return () => Date.now();
  const [y, m, d] = now.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d, 3, 0, 0);
  return () => t;
}

/**
 * The folder email previews go to: `--outbox`, or `<name>-thu` beside the workbook (never
 * the current folder, where another workbook's previews may be).
 */
export function outboxFor(workbook: string, o: Pick<Options, 'outbox'>): string {
  if (o.outbox) return resolve(o.outbox);
  const path = resolve(workbook);
  return join(dirname(path), `${basename(path, extname(path))}-thu`);
}
