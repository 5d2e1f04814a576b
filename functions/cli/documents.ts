/**
 * `thidua documents FILE [--out DIR]`: the meeting's documents and the year's compact, as
 * .docx and .pdf, from a read-only evaluation — the workbook is never written. When the
 * results are locked, the documents carry the locked figures (and no "DỰ THẢO").
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Evaluation } from '../core/model.js';
import { describeUnusable, WorkbookUnusableError } from '../core/unusable.js';
import { cliLanguage } from './lang.js';
import { documentEvaluation } from '../documents/evaluation.js';
import { factsFromEvaluation, meetingDocuments, writeDocuments } from '../documents/index.js';
import { openLocal } from '../local.js';
import { XlsxWorkbook } from '../sheets/xlsx/adapter.js';

/** Beside the workbook: `sample.xlsx` → `sample-van-ban/`. */
export function defaultOutDir(file: string): string {
  const path = resolve(file);
  return join(dirname(path), `${basename(path, extname(path))}-van-ban`);
}

/** Where openLocal keeps the ledger (local.ts): --ledger, THIDUA_LEDGER, or `.thidua/ledger.sqlite` beside the workbook. */
function ledgerPath(file: string, given?: string): string {
  return given ?? process.env.THIDUA_LEDGER ?? join(dirname(resolve(file)), '.thidua', 'ledger.sqlite');
}

/** The evaluation a run would make now — with the lock and the carried history of the ledger, when there is one. */
async function evaluateReadOnly(file: string, ledger?: string): Promise<Evaluation> {
  if (!existsSync(ledgerPath(file, ledger))) {
    // No ledger: never locked. Do not create one just to read documents.
    return documentEvaluation({ workbook: new XlsxWorkbook(resolve(file)), ledger: null, cluster: '' });
  }
  const local = openLocal(file, ledger);
  try {
    return await documentEvaluation({ workbook: local.workbook, ledger: local.ledger, cluster: local.cluster });
  } finally {
    await local.ledger.close();
  }
}

export async function documentsCommand(
  file: string, o: { out?: string | undefined; ledger?: string | undefined }, out = process.stdout, err = process.stderr,
): Promise<number> {
  let evaluation: Evaluation;
  try {
    evaluation = await evaluateReadOnly(file, o.ledger);
  } catch (e) {
    if (e instanceof WorkbookUnusableError) {
      err.write(describeUnusable(e.reason, cliLanguage()) + '\n');
      return 2;
    }
    throw e;
  }
  const facts = factsFromEvaluation(evaluation);
  const dir = resolve(o.out ?? defaultOutDir(file));
  const written = await writeDocuments(meetingDocuments(facts), dir);
  const en = cliLanguage() === 'en';
  const list = written.map((p) => `  ${basename(p)}`).join('\n');
  out.write(en ? `Made ${written.length} document files in ${dir}:\n${list}\n` : `Đã tạo ${written.length} tệp văn bản trong ${dir}:\n${list}\n`);
  if (facts.lockedAt === null) {
    out.write(en
      ? 'The results are not locked: the documents say "DỰ THẢO" (draft). Lock them with thidua lock, then make the documents again for the final version.\n'
      : 'Kết quả chưa chốt: các văn bản ghi "DỰ THẢO". Chốt kết quả bằng thidua lock rồi tạo lại để có bản chính thức.\n');
  }
  return 0;
}
