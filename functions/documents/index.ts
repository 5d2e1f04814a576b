/**
 * The four documents of a cluster's year from one set of facts, each written as .docx and
 * .pdf. Files are written beside each other under a temporary name and renamed, so a folder
 * never holds half a document.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isFullYear } from '../core/period.js';
import { bangTongHop } from './bang-tong-hop.js';
import { bienBan } from './bien-ban.js';
import type { DocumentFacts } from './facts.js';
import { giaoUoc } from './giao-uoc.js';
import type { DocumentModel } from './model.js';
import { renderDocx } from './render-docx.js';
import { renderPdf } from './render-pdf.js';
import { toTrinh } from './to-trinh.js';

/**
 * The meeting's three documents and the compact, in the order they are read. A mid-year
 * review (`Kỳ đánh giá` 6 tháng, 9 tháng) holds no meeting and proposes nobody: its score table only.
 */
export function meetingDocuments(f: DocumentFacts): DocumentModel[] {
  if (!isFullYear(f.period)) return [bangTongHop(f)];
  return [bangTongHop(f), bienBan(f), toTrinh(f), giaoUoc(f)];
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';

export interface RenderedFile {
  name: string;
  type: typeof DOCX_TYPE | typeof PDF_TYPE;
  bytes: Buffer;
}

/** Each model as NAME.docx and NAME.pdf, in memory (for a folder, or a Drive upload). */
export async function renderDocuments(models: DocumentModel[]): Promise<RenderedFile[]> {
  const rendered = await Promise.all(models.map(async (m): Promise<RenderedFile[]> => [
    { name: `${m.name}.docx`, type: DOCX_TYPE, bytes: await renderDocx(m) },
    { name: `${m.name}.pdf`, type: PDF_TYPE, bytes: await renderPdf(m) },
  ]));
  return rendered.flat();
}

/** Writes each model as NAME.docx and NAME.pdf into `dir`; returns the paths written. */
export async function writeDocuments(models: DocumentModel[], dir: string): Promise<string[]> {
  return writeFiles(await renderDocuments(models), dir);
}

/** Rendered files into `dir`, each under a temporary name first; returns the paths written. */
export async function writeFiles(rendered: readonly RenderedFile[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = rendered.map((f) => [f.name, f.bytes] as const);
  const tag = `.${process.pid}-${Date.now()}.tmp`;
  await Promise.all(files.map(([name, bytes]) => writeFile(join(dir, name + tag), bytes)));
  await Promise.all(files.map(([name]) => rename(join(dir, name + tag), join(dir, name))));
  return files.map(([name]) => join(dir, name));
}

export { bangTongHop, bienBan, giaoUoc, toTrinh };
export { factsFromEvaluation, type DocumentFacts } from './facts.js';
