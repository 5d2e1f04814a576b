import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SheetEdits } from '../../../functions/core/cell.js';
import { WorkbookChangedError, WorkbookUnusableError } from '../../../functions/sheets/port.js';
import { WorkbookReadOnlyError, XlsxWorkbook } from '../../../functions/sheets/xlsx/adapter.js';
import { createWorkbook } from '../../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../../functions/sheets/xlsx/read.js';
import { SMALL_CLUSTER } from '../../fixtures/small-cluster.js';

const EDITS: SheetEdits = {
  cells: [{ tab: 'HND', row: 1, col: 8, value: 40 }],
  tabs: [{ name: 'Xếp hạng', rows: [['Hạng', 'Mã'], [1, 'HND']] }],
  append: [],
  notes: [],
};

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let initBytes: Buffer;
let dir: string;
let file: string;

beforeAll(async () => {
  initBytes = await createWorkbook(SMALL_CLUSTER);
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'thidua-xlsx-'));
  file = join(dir, 'Khối chính trị - xã hội 2023.xlsx');
  writeFileSync(file, initBytes);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function unusable(f: () => Promise<unknown>): Promise<WorkbookUnusableError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof WorkbookUnusableError) return e;
    throw e;
  }
  throw new Error('expected WorkbookUnusableError');
}

describe('XlsxWorkbook', () => {
  it('never replaces a workbook its owner made read-only: file, mode and folder unchanged', async () => {
    chmodSync(file, 0o444);
    const wb = new XlsxWorkbook(file);
    const { version } = await wb.read();
    await expect(wb.write(EDITS, version)).rejects.toBeInstanceOf(WorkbookReadOnlyError);
    expect(sha256(readFileSync(file))).toBe(sha256(initBytes));
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(readdirSync(dir)).toEqual([file.split('/').pop()]);
  });

  it('removes temp files a killed write left (its process gone), and keeps those of a live one', async () => {
    const name = file.split('/').pop()!;
    const dead = `.${name}.${2 ** 22 - 3}-0badc0de.tmp`;
    const live = `.${name}.${process.ppid}-0badc0de.tmp`;
    writeFileSync(join(dir, dead), 'half');
    writeFileSync(join(dir, live), 'in progress');
    const wb = new XlsxWorkbook(file);
    await wb.write(EDITS, (await wb.read()).version);
    expect(readdirSync(dir).sort()).toEqual([live, name].sort());
  });

  it('reads the file once: its content, named after the file, at the version of its bytes', async () => {
    const wb = new XlsxWorkbook(file);
    const { snapshot, version } = await wb.read();
    expect(snapshot.title).toBe('Khối chính trị - xã hội 2023');
    expect(snapshot.tabs.map((t) => t.name)).toContain('HND');
    expect(version).toBe(sha256(initBytes));
    expect(await wb.version()).toBe(version);
  });

  it('writes the edits in place, returns the new version, keeps the file mode and leaves no temp file', async () => {
    chmodSync(file, 0o640);
    const wb = new XlsxWorkbook(file);
    const { version } = await wb.read();
    const next = await wb.write(EDITS, version);
    const bytes = readFileSync(file);
    expect(next).toBe(sha256(bytes));
    expect(await wb.version()).toBe(next);
    expect(readXlsx(bytes, 'x').tabs.find((t) => t.name === 'HND')!.rows[1]![8]).toEqual({ t: 'n', v: 40 });
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['Khối chính trị - xã hội 2023.xlsx']);
  });

  it('refuses to write when the file changed since it was read, and leaves the newer file alone', async () => {
    const wb = new XlsxWorkbook(file);
    const { version } = await wb.read();
    // Someone saves in between.
    const changed = await createWorkbook({ ...SMALL_CLUSTER, settings: [['Tên cụm', 'Khối đã sửa']] });
    writeFileSync(file, changed);
    await expect(wb.write(EDITS, version)).rejects.toBeInstanceOf(WorkbookChangedError);
    expect(sha256(readFileSync(file))).toBe(sha256(changed));
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('says not-found for a missing file, for every operation, and creates nothing', async () => {
    const missing = join(dir, 'khong-co.xlsx');
    const wb = new XlsxWorkbook(missing);
    for (const op of [() => wb.read(), () => wb.version(), () => wb.write(EDITS, 'x')]) {
      expect((await unusable(op)).reason).toEqual({ code: 'not-found', path: missing });
    }
    expect(readdirSync(dir)).toEqual(['Khối chính trị - xã hội 2023.xlsx']);
  });

  it('says not-a-workbook for a file that is not one, and leaves it byte-identical', async () => {
    const csv = join(dir, 'cum.xlsx');
    writeFileSync(csv, 'Mã,Tên đơn vị\nHND,Hội Nông dân tỉnh\n');
    const before = readFileSync(csv);
    const wb = new XlsxWorkbook(csv);
    expect((await unusable(() => wb.read())).reason).toMatchObject({ code: 'not-a-workbook', path: csv });
    expect((await unusable(() => wb.write(EDITS, sha256(before)))).reason).toMatchObject({ code: 'not-a-workbook', path: csv });
    expect(readFileSync(csv).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['Khối chính trị - xã hội 2023.xlsx', 'cum.xlsx']);
  });

  it('says not-a-workbook for a folder', async () => {
    const folder = join(dir, 'thu-muc.xlsx');
    mkdirSync(folder);
    expect((await unusable(() => new XlsxWorkbook(folder).read())).reason).toMatchObject({ code: 'not-a-workbook', path: folder });
  });

  it('writes nothing when the edits cannot be applied', async () => {
    const wb = new XlsxWorkbook(file);
    const { version } = await wb.read();
    await expect(wb.write({ ...EDITS, cells: [{ tab: 'KHONGCO', row: 1, col: 8, value: 1 }] }, version)).rejects.toThrow(/KHONGCO/);
    expect(sha256(readFileSync(file))).toBe(version);
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
