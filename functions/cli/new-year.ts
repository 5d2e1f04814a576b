/**
 * `thidua new-year FILE [--to NEWFILE] [--force]` (MEETING.md, "A new year"): next
 * year's workbook, laid out by the same code as `thidua init`, with `Lịch sử` carried.
 * The ledger keeps the rows written, so that a run on the new workbook can tell a hand
 * edit of `Lịch sử`. Nothing is written, nowhere, when the target exists without --force.
 */
import { createHash } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { evaluate } from '../core/evaluate.js';
import { formatDate, formatDateTime } from '../core/format.js';
import { planNewYear, type NextYearContent } from '../core/new-year.js';
import { describeUnusable, WorkbookUnusableError } from '../core/unusable.js';
import { cliLanguage } from './lang.js';
import { openLocal } from '../local.js';
import { heldLock } from '../pipeline.js';
import { factsFromEvaluation, giaoUoc, writeDocuments } from '../documents/index.js';
import { XlsxWorkbook } from '../sheets/xlsx/adapter.js';
import { createWorkbook } from '../sheets/xlsx/init.js';
import { TAB } from '../../sheets-schema/layout.js';
import type { WorkbookSnapshot } from '../core/cell.js';
import type { CarriedHistory, Ledger } from '../ledger/port.js';
import type { Options } from './args.js';
import { defaultOutDir } from './documents.js';
import { exists, FileExistsError } from './init.js';

export async function newYearCommand(file: string, o: Options & { to?: string }, out = process.stdout, err = process.stderr): Promise<number> {
  const source = openLocal(file, o.ledger);
  try {
    // Holding the workbook's lock: no run of this workbook interleaves with the turn of the year.
    return await source.exclusive(async () => {
      let plan: NextYearContent;
      try {
        plan = await planNextYear((await source.workbook.read()).snapshot, source.ledger, source.cluster);
      } catch (e) {
        if (!(e instanceof WorkbookUnusableError)) throw e;
        err.write(describeUnusable(e.reason, cliLanguage()) + '\n');
        return 2;
      }
      const target = resolve(o.to ?? defaultTarget(file, plan.report.from));
      if (target === source.path) throw new Error(`tệp năm ${plan.year} không thể trùng với tệp năm ${plan.report.from}; hãy chọn tên khác bằng --to`);
      if (!o.force && (await exists(target))) throw new FileExistsError(target);
      await writeNextYear(target, plan, source.cluster, o.ledger);
      out.write(describeNextYear(target, plan) + '\n');
      out.write(await compact(target, plan.year) + '\n');
      return 0;
    });
  } finally {
    await source.ledger.close();
  }
}

/**
 * Next year's content from this year's workbook, as a run of it shows the results: with the
 * ledger's carried Lịch sử and, when locked, the locked results (and the vote on top).
 * Shared by the local and the Google Sheet new-year (cli/google-new-year.ts).
 */
export async function planNextYear(snapshot: WorkbookSnapshot, ledger: Ledger, cluster: string): Promise<NextYearContent> {
  const carried = await ledger.getCarriedHistory(cluster);
  const lock = await heldLock(ledger, cluster);
  return planNewYear(snapshot, evaluate(snapshot, { carriedHistory: carried?.rows ?? null, lock }).evaluation);
}

/** The ledger's record of the Lịch sử rows written, so a run can tell a hand edit. */
export function carriedRecord(plan: NextYearContent, from: string): CarriedHistory {
  return { rows: plan.history, hash: createHash('sha256').update(JSON.stringify(plan.history)).digest('hex'), from, carriedAt: Date.now() };
}

/** The workbook beside the target, then renamed: never half a workbook. The ledger learns the rows before the file appears. */
async function writeNextYear(target: string, plan: NextYearContent, from: string, ledgerPath: string | undefined): Promise<void> {
  const bytes = await createWorkbook({ settings: plan.settings, units: plan.units, criteria: plan.criteria, entries: {}, history: plan.history });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  await writeFile(temp, bytes);
  const next = openLocal(target, ledgerPath);
  try {
    await next.ledger.putCarriedHistory(next.cluster, carriedRecord(plan, from));
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  } finally {
    await next.ledger.close();
  }
}

/**
 * The new year's compact (Giao-uoc-<năm>.docx and .pdf), from the new workbook as written,
 * beside it as `thidua documents` puts it. The workbook stands even if this fails.
 */
async function compact(target: string, year: number): Promise<string> {
  try {
    const { snapshot } = await new XlsxWorkbook(target).read();
    const dir = defaultOutDir(target);
    const files = await writeDocuments([giaoUoc(factsFromEvaluation(evaluate(snapshot).evaluation))], dir);
    return `Giao ước thi đua năm ${year} để các đơn vị ký: ${files.join(', ')}`;
  } catch (e) {
    return `Chưa tạo được giao ước thi đua năm ${year} (${e instanceof Error ? e.message : String(e)}); tạo lại bằng: thidua documents ${target}`;
  }
}

/** `khoi-2023.xlsx` → `khoi-2024.xlsx`; a name without the year gets it appended: `khoi.xlsx` → `khoi-2024.xlsx`. */
export function defaultTarget(file: string, year: number): string {
  const ext = extname(file) || '.xlsx';
  const name = basename(file, extname(file));
  const matches = [...name.matchAll(new RegExp(`(?<!\\d)${year}(?!\\d)`, 'g'))];
  const last = matches.at(-1);
  const next = last
    ? name.slice(0, last.index) + String(year + 1) + name.slice(last.index! + String(year).length)
    : `${name}-${year + 1}`;
  return join(dirname(file), next + ext);
}

/** What was carried and what was left, in Vietnamese, for the person who asked; `target` is the new file or sheet. */
export function describeNextYear(target: string, p: NextYearContent): string {
  const r = p.report;
  const roles = [
    r.head ? `Cụm trưởng ${r.head}` : null,
    r.deputy ? `Cụm phó ${r.deputy}` : null,
  ].filter(Boolean).join(', ');
  const lines = [
    `Đã tạo ${target}: năm ${p.year}.`,
    'Mang sang:',
    `  - ${TAB.settings}: Năm ${p.year}${r.deadline ? `, Hạn nộp ${formatDate(r.deadline)}` : ''}${roles ? `, ${roles}${r.by === 'vote' ? ' (theo kết quả bầu)' : r.by === 'rotation' ? ' (luân phiên)' : ''}` : ''}; các mục khác giữ nguyên.`,
    `  - ${p.units.length} đơn vị của tab ${TAB.units} và ${p.criteria.length} dòng của tab ${TAB.criteria}; mỗi đơn vị một tab, một dòng cho mỗi tiêu chí.`,
    `  - ${TAB.history}: ${r.thisYearRows} dòng năm ${r.from}${r.locked !== null ? ` (kết quả đã chốt lúc ${formatDateTime(r.locked)})` : ''}` +
      (r.oldRows ? ` và ${r.oldRows} dòng các năm trước.` : '.'),
    'Không mang sang:',
    `  - Số liệu của các đơn vị (Chỉ tiêu, Thực hiện, Tự chấm, Minh chứng, Cụm chấm): để trống, chỉ tiêu được giao lại hằng năm.`,
    `  - ${TAB.ballot} (để trống), ${TAB.ranking}, ${TAB.issues}, ${TAB.log}: lần chấm đầu tiên sẽ ghi lại.`,
  ];
  if (r.notes.length) lines.push('Cần xem lại:', ...r.notes.map((n) => `  - ${n}`));
  return lines.join('\n');
}
