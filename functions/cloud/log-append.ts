/**
 * The pipeline appends delivery lines to `Nhật ký` in a second write, passing the version
 * its first write returned. A Google Sheet cannot tell that version without another call
 * (its write returns ''), and its port refuses a write not based on a fresh read. For such
 * an append-only write this reads again first: appending rows overwrites nothing, so the
 * fresh read is only for the tabs' ids. Costs two Sheets calls, only on runs that sent mail.
 */
import type { WorkbookPort } from '../sheets/port.js';

export function appendAfterOwnWrite(workbook: WorkbookPort): WorkbookPort {
  return {
    read: () => workbook.read(),
    version: () => workbook.version(),
    ...(workbook.prepareWrite ? { prepareWrite: () => workbook.prepareWrite!() } : {}),
    async write(edits, version) {
      const appendOnly = edits.cells.length === 0 && edits.tabs.length === 0 && edits.notes.length === 0;
      if (version !== '' || !appendOnly) return workbook.write(edits, version);
      const fresh = await workbook.read();
      return workbook.write(edits, fresh.version);
    },
  };
}
