/**
 * The pictures of docs/images/documents-*.png: page 1 of each document of the bundled 2023
 * sample after its meeting (locked, tallies entered), from our PDF through pdftoppm.
 * `npx tsx scripts/document-pictures.ts [DIR]` — needs pdftoppm (poppler-utils).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { factsFromEvaluation, meetingDocuments } from '../functions/documents/index.js';
import { renderPdf } from '../functions/documents/render-pdf.js';
import { pdfToPng } from '../test/support/documents.js';
import { meetingEvaluation } from '../test/support/meeting-sample.js';
import { tempDir } from '../test/support/cli.js';

const out = resolve(process.argv[2] ?? 'docs/images');
mkdirSync(out, { recursive: true });
const facts = factsFromEvaluation(await meetingEvaluation());
const work = tempDir('thidua-pictures-');
for (const m of meetingDocuments({ ...facts, lockedAt: Date.UTC(2023, 11, 20, 2, 30) })) {
  const pdf = join(work, `${m.name}.pdf`);
  writeFileSync(pdf, await renderPdf(m));
  const [first] = pdfToPng(pdf, join(work, m.name), 100, 1, 1);
  const target = join(out, `documents-${m.name.replace(/-\d{4}$/, '').toLowerCase()}.png`);
  renameSync(first!, target);
  console.log(target);
}
