/**
 * The open window (issue 9): a person saving from a window opened before a run replaces
 * the run's write; the next run restores rankings, `Điểm` and every `Nhật ký` line the
 * save dropped, in time order, from the ledger.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteLedger } from '../functions/ledger/sqlite.js';
import { runOnce } from '../functions/pipeline.js';
import { createWorkbook } from '../functions/sheets/xlsx/init.js';
import { XlsxWorkbook } from '../functions/sheets/xlsx/adapter.js';
import { readXlsx } from '../functions/sheets/xlsx/read.js';
import { applyEdits } from '../functions/sheets/xlsx/write.js';
import { TAB } from '../sheets-schema/layout.js';
import { SAMPLE } from '../sheets-schema/sample.js';
import { tempDir } from './support/cli.js';

const at = (h: number, m: number) => Date.UTC(2023, 11, 20, h - 7, m);

function logOf(file: string): string[][] {
  const tab = readXlsx(readFileSync(file), 'k').tabs.find((t) => t.name === TAB.log)!;
  return tab.rows.slice(1).map((r) => r.slice(0, 3).map((c) => (c === null ? '' : String(c.v))));
}

describe('runOnce after a stale save from an old window', () => {
  it("puts back every Nhật ký line the save dropped, in time order, then the run's own", async () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    writeFileSync(file, await createWorkbook(SAMPLE));
    const ledger = openSqliteLedger(join(dir, 'ledger.sqlite'));
    const workbook = new XlsxWorkbook(file);
    const run = (h: number, m: number) => runOnce({ workbook, ledger, cluster: 'file:k', trigger: 'cli', now: () => at(h, m) });
    try {
      await run(9, 0);
      const window = readFileSync(file); // a person opens the file in LibreOffice now
      // LDLD's secretary types a new figure in another window and a run scores it.
      const ldldRow = SAMPLE.entries.LDLD!.findIndex((e) => e.code === '2.2') + 1;
      writeFileSync(file, applyEdits(readFileSync(file), { cells: [{ tab: 'LDLD', row: ldldRow, col: 4, value: '7.000' }], tabs: [], append: [], notes: [] }));
      await run(9, 30);
      const before = logOf(file);
      expect(before.some((r) => r[0] === '20/12/2023 09:30')).toBe(true);
      // The first person saves from the window opened at 9:00, with an edit of their own.
      writeFileSync(file, applyEdits(window, { cells: [{ tab: 'HND', row: 3, col: 6, value: 'Báo cáo số 12' }], tabs: [], append: [], notes: [] }));
      expect(logOf(file).some((r) => r[0] === '20/12/2023 09:30')).toBe(false);

      await run(10, 0);
      const after = logOf(file);
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.slice(before.length).every((r) => r[0] === '20/12/2023 10:00')).toBe(true);
      expect(after.length).toBeGreaterThan(before.length);
      const times = after.map((r) => r[0]);
      expect([...times].sort()).toEqual(times);
      // A fourth run restores nothing twice.
      await run(10, 30);
      const again = logOf(file);
      expect(again.slice(0, after.length)).toEqual(after);
      expect(again.slice(after.length).every((r) => r[0] === '20/12/2023 10:30')).toBe(true);
    } finally {
      await ledger.close();
    }
  });
});
