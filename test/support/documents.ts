/**
 * Reading our documents back as a person's tools would: the text of a .docx from its
 * word/document.xml (one line per paragraph), the text of a .pdf through pdftotext, pages
 * as PNG through pdftoppm, and a .docx laid out by LibreOffice Writer (as Word users see it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every paragraph's text, in document order (table cells included), joined by newlines. */
export function docxText(bytes: Uint8Array, part = 'word/document.xml'): string {
  const xml = strFromU8(unzipSync(bytes)[part]!);
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join(''))
    .filter((t) => t !== '')
    .join('\n');
}

/** The parts of a .docx (file names inside the zip). */
export function docxParts(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (/\.(xml|rels)$/.test(name)) out[name] = strFromU8(data);
  return out;
}

/** pdftotext's reading of a PDF (in drawing order, so a wrapped table cell reads as one), or of one page. */
export function pdfText(bytes: Uint8Array, page?: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-pdf-'));
  const file = join(dir, 'in.pdf');
  writeFileSync(file, bytes);
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  const r = spawnSync('pdftotext', [...range, '-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext: ${r.stderr}`);
  return r.stdout.normalize('NFC');
}

/** Number of pages, from pdfinfo-free counting of page objects. */
export function pdfPages(bytes: Uint8Array): number {
  return (Buffer.from(bytes).toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}

/** Renders each page to `prefix-N.png` at `dpi`; returns the files in page order. */
export function pdfToPng(pdf: string, prefix: string, dpi = 110, first?: number, last?: number): string[] {
  const range = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : [])];
  const r = spawnSync('pdftoppm', ['-r', String(dpi), '-png', ...range, pdf, prefix], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm: ${r.stderr}`);
  const dir = resolve(prefix, '..');
  const base = prefix.slice(dir.length + 1);
  return readdirSync(dir).filter((f) => f.startsWith(base + '-') && f.endsWith('.png')).sort().map((f) => join(dir, f));
}

/**
 * LibreOffice Writer converting a .docx to PDF, with our bundled Liberation Serif visible to
 * it (the machine's may be an older one without Vietnamese), in a throwaway profile.
 */
export function docxToPdfWithLibreOffice(docx: string, outDir: string): string {
  const work = mkdtempSync(join(tmpdir(), 'thidua-lo-'));
  const conf = join(work, 'fonts.conf');
  writeFileSync(conf, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${resolve('templates/fonts')}</dir>
  <cachedir>${join(work, 'fc-cache')}</cachedir>
</fontconfig>
`);
  const r = spawnSync('soffice', [
    `-env:UserInstallation=file://${join(work, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, docx,
  ], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, FONTCONFIG_FILE: conf } });
  const pdf = join(outDir, docx.replace(/^.*\//, '').replace(/\.docx$/, '.pdf'));
  if (r.status !== 0) throw new Error(`soffice: ${r.stderr || r.error}`);
  readFileSync(pdf);
  return pdf;
}

import { renderDocx } from '../../functions/documents/render-docx.js';
import { renderPdf } from '../../functions/documents/render-pdf.js';
import type { DocumentModel } from '../../functions/documents/model.js';
import { hasProgram, requireProgram } from './system.js';

/** pdftotext is poppler's; where it is absent the PDF half of a test is skipped loudly (failed on CI). */
export function pdfReadable(): boolean {
  return hasProgram('pdftotext') || requireProgram('pdftotext');
}

/** What a reader finds in each format, spaces and line breaks collapsed. */
export async function readBack(m: DocumentModel): Promise<{ format: 'docx' | 'pdf'; text: string }[]> {
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  const out: { format: 'docx' | 'pdf'; text: string }[] = [{ format: 'docx', text: flat(docxText(await renderDocx(m))) }];
  if (pdfReadable()) out.push({ format: 'pdf', text: flat(pdfText(await renderPdf(m))) });
  return out;
}
