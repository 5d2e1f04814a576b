/**
 * "Tạo văn bản": the meeting's documents (the same files `thidua documents` writes) made
 * from a read-only evaluation — locked figures once locked — put on the cluster's shelf
 * (the sheet's Drive folder), then one `Nhật ký` line per file with its link, appended
 * (never a rewrite; plain text, as every system write). The scoring places of the sheet are
 * not touched. A failure part-way leaves no log line; asking again updates the same files.
 */
import { formatDateTime } from '../core/format.js';
import { documentEvaluation } from '../documents/evaluation.js';
import { factsFromEvaluation, meetingDocuments, renderDocuments } from '../documents/index.js';
import type { DocumentShelf, PlacedFile } from '../documents/shelf.js';
import type { Ledger } from '../ledger/port.js';
import { WorkbookChangedError, type WorkbookPort } from '../sheets/port.js';
import { LOG_HEADERS, TAB } from '../../sheets-schema/layout.js';
import { appendAfterOwnWrite } from './log-append.js';

export interface MadeDocuments {
  files: PlacedFile[];
  /** Not locked yet: every document says "DỰ THẢO". */
  draft: boolean;
}

export async function makeDocuments(o: {
  /** A fresh port per use (ports keep per-read state). */
  workbook: () => WorkbookPort;
  ledger: Ledger;
  cluster: string;
  shelf: DocumentShelf;
  now: () => number;
}): Promise<MadeDocuments> {
  const ev = await documentEvaluation({ workbook: o.workbook(), ledger: o.ledger, cluster: o.cluster });
  const facts = factsFromEvaluation(ev);
  const files = await o.shelf.put(await renderDocuments(meetingDocuments(facts)));
  const draft = facts.lockedAt === null;
  const vi = ev.settings.language === 'vi';
  const when = formatDateTime(o.now());
  const rows = files.map((f) => {
    const what = vi ? (f.updated ? 'Cập nhật văn bản' : 'Tạo văn bản') : f.updated ? 'Updated document' : 'Created document';
    return [when, vi ? 'Văn bản' : 'Documents', `${what} ${f.name}${draft ? (vi ? ' (dự thảo)' : ' (draft)') : ''}: ${f.link}`];
  });
  await appendLines(o.workbook, rows);
  return { files, draft };
}

/** Appending overwrites nothing: a person's save just before it only means reading again. */
async function appendLines(workbook: () => WorkbookPort, rows: string[][]): Promise<void> {
  const edits = { cells: [], tabs: [], notes: [], append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows }] };
  for (let attempt = 1; ; attempt++) {
    try {
      await appendAfterOwnWrite(workbook()).write(edits, '');
      return;
    } catch (e) {
      if (!(e instanceof WorkbookChangedError) || attempt >= 3) throw e;
    }
  }
}
