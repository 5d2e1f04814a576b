/**
 * `thidua documents FILE [--out DIR]`: the meeting's documents and the year's compact, as
 * .docx and .pdf, from a read-only evaluation — the workbook is never written.
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import { evaluate } from '../core/evaluate.js';
import { describeUnusable, WorkbookUnusableError } from '../core/unusable.js';
import { factsFromEvaluation, meetingDocuments, writeDocuments } from '../documents/index.js';
import { XlsxWorkbook } from '../sheets/xlsx/adapter.js';

/** Beside the workbook: `sample.xlsx` → `sample-van-ban/`. */
export function defaultOutDir(file: string): string {
  const path = resolve(file);
  return join(dirname(path), `${basename(path, extname(path))}-van-ban`);
}

export async function documentsCommand(file: string, o: { out?: string | undefined }, out = process.stdout, err = process.stderr): Promise<number> {
  let evaluation;
  try {
    const { snapshot } = await new XlsxWorkbook(resolve(file)).read();
    evaluation = evaluate(snapshot).evaluation;
  } catch (e) {
    if (e instanceof WorkbookUnusableError) {
      err.write(describeUnusable(e.reason) + '\n');
      return 2;
    }
    throw e;
  }
  const facts = factsFromEvaluation(evaluation);
  const dir = resolve(o.out ?? defaultOutDir(file));
  const written = await writeDocuments(meetingDocuments(facts), dir);
  out.write(`Đã tạo ${written.length} tệp văn bản trong ${dir}:\n${written.map((p) => `  ${basename(p)}`).join('\n')}\n`);
  if (facts.lockedAt === null) out.write('Kết quả chưa chốt: các văn bản ghi "DỰ THẢO". Chốt kết quả bằng thidua lock rồi tạo lại để có bản chính thức.\n');
  return 0;
}
