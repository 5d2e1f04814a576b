/**
 * What people see: each document's pages rendered to PNG from our PDF (pdftoppm), and our
 * .docx laid out by LibreOffice Writer (as a Word user would see it) and rendered the same way.
 * The pictures in docs/images come from scripts/document-pictures.ts, which does the same.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { factsFromEvaluation, meetingDocuments } from '../../functions/documents/index.js';
import { renderDocx } from '../../functions/documents/render-docx.js';
import { renderPdf } from '../../functions/documents/render-pdf.js';
import type { DocumentModel } from '../../functions/documents/model.js';
import { docxToPdfWithLibreOffice, pdfPages, pdfText, pdfToPng } from '../support/documents.js';
import { meetingEvaluation } from '../support/meeting-sample.js';
import { tempDir } from '../support/cli.js';
import { hasProgram, requireProgram } from '../support/system.js';

const poppler = requireProgram('pdftoppm') && requireProgram('pdffonts');
const office = hasProgram('soffice') || requireProgram('soffice');

/** Width × height of a PNG, from its IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

function fontsOf(pdf: string): string[] {
  const r = spawnSync('pdffonts', [pdf], { encoding: 'utf8' });
  return r.stdout.split('\n').slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
}

describe.skipIf(!poppler)('the documents as pictures', () => {
  const dir = tempDir('thidua-pictures-');
  let models: DocumentModel[] = [];
  beforeAll(async () => {
    const facts = factsFromEvaluation(await meetingEvaluation());
    models = meetingDocuments({ ...facts, lockedAt: Date.UTC(2023, 11, 20, 2, 30) });
    for (const m of models) {
      writeFileSync(join(dir, `${m.name}.pdf`), await renderPdf(m));
      writeFileSync(join(dir, `${m.name}.docx`), await renderDocx(m));
    }
  });

  it('renders every page of our PDFs, A4 in the orientation of each document', () => {
    for (const m of models) {
      const pngs = pdfToPng(join(dir, `${m.name}.pdf`), join(dir, `${m.name}-pdf`), 40);
      expect(pngs.length, m.name).toBe(pdfPages(readFileSync(join(dir, `${m.name}.pdf`))));
      for (const p of pngs) {
        const [w, h] = pngSize(p);
        const ratio = m.orientation === 'landscape' ? w / h : h / w;
        expect(ratio, p).toBeCloseTo(297 / 210, 1);
        expect(statSync(p).size, p).toBeGreaterThan(5_000);
      }
    }
  });

  it.skipIf(!office)('LibreOffice lays our .docx out with Liberation Serif alone, the same text, about the same pages', () => {
    for (const m of models) {
      const pdf = docxToPdfWithLibreOffice(join(dir, `${m.name}.docx`), join(dir, 'lo'));
      // Any other font would be a fallback for a letter the document font lacks.
      expect(fontsOf(pdf).every((f) => f.startsWith('LiberationSerif')), `${m.name}: ${fontsOf(pdf).join(', ')}`).toBe(true);
      const word = pdfText(readFileSync(pdf)).replace(/\s+/g, ' ');
      const ours = pdfText(readFileSync(join(dir, `${m.name}.pdf`))).replace(/\s+/g, ' ');
      for (const phrase of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Phú Yên, ngày …… tháng …… năm ……']) {
        expect(word, m.name).toContain(phrase);
        expect(ours, m.name).toContain(phrase);
      }
      // Word's pages differ from ours by at most one (fonts are the same, line breaking is not).
      expect(Math.abs(pdfPages(readFileSync(pdf)) - pdfPages(readFileSync(join(dir, `${m.name}.pdf`)))), m.name).toBeLessThanOrEqual(1);
      const pngs = pdfToPng(pdf, join(dir, 'lo', `${m.name}-word`), 40, 1, 1);
      expect(pngs.length).toBe(1);
    }
  });
});
