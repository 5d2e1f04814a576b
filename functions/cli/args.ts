/**
 * The options every subcommand may take, checked with zod after commander parsed them
 * (cli/program.ts), so a bad value gets a clear Vietnamese message, not a stack trace.
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import { z } from 'zod';

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

const Day = z.string().transform((s, ctx) => {
  const day = parseDay(s);
  if (!day) {
    ctx.addIssue({ code: 'custom', message: `"${s}" không phải ngày; hãy ghi dd/mm/yyyy (20/12/2023) hoặc yyyy-mm-dd (2023-12-20)` });
    return z.NEVER;
  }
  return day;
});

export const Options = z.object({
  json: z.boolean().default(false),
  sample: z.boolean().default(false),
  force: z.boolean().default(false),
  send: z.boolean().default(false),
  /** Where email previews go; by default a folder beside the workbook (outboxFor). */
  outbox: z.string().min(1).optional(),
  now: Day.optional(),
  smtp: z.string().url().optional(),
  workbook: z.string().optional(),
  from: z.string().optional(),
  admin: z.array(z.email()).default([]),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  ledger: z.string().optional(),
  to: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  clientIdFile: z.string().min(1).optional(),
  functions: z.string().min(1).optional(),
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
