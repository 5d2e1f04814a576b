/**
 * Workbooks as LibreOffice writes them, and our writes as LibreOffice reads them.
 * The fixture (test/fixtures/libreoffice-cluster.xlsx, made by
 * scripts/fixtures/make-libreoffice-fixture.py) holds what people add to a cluster
 * workbook: a chart, an image, a comment, a formula in an input cell, a tab of their own.
 * Two LibreOffice starts in this file: one UNO session inspecting both files, one
 * `--convert-to`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, SheetEdits, WorkbookSnapshot } from '../../../functions/core/cell.js';
import { createWorkbook } from '../../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../../functions/sheets/xlsx/write.js';
import { ISSUE_HEADERS, LOG_HEADERS, TAB } from '../../../sheets-schema/layout.js';
import { SMALL_CLUSTER } from '../../fixtures/small-cluster.js';
import { hasProgram, requireSystem } from '../../support/system.js';
import { entries, entryText, handmadeXlsx, leading, sheetPart } from './helpers.js';

const run = promisify(execFile);
const FIXTURE = new URL('../../fixtures/libreoffice-cluster.xlsx', import.meta.url);
const INSPECT = new URL('../../../scripts/fixtures/inspect-with-libreoffice.py', import.meta.url);
/** Debian's python, the one with python3-uno (not the first python3 on PATH). */
const PYTHON = '/usr/bin/python3';

const libreOffice = requireSystem(
  'LibreOffice (soffice) với python3-uno',
  hasProgram('soffice') && spawnSync(PYTHON, ['-c', 'import uno'], { stdio: 'ignore' }).status === 0,
);

const UNITS = ['HND', 'LDLD', 'CCB'];
/** What a run writes: Điểm (I) and Kiểm tra (J) of unit tabs, the system tabs, a log line. */
const RUN: SheetEdits = {
  cells: UNITS.flatMap((tab) => [
    ...[1, 2, 3, 4, 5].map((row) => ({ tab, row, col: 8, value: row * 1.25 })),
    { tab, row: 1, col: 9, value: 'Ô F2 (tiêu chí 1.1): thiếu minh chứng.' },
  ]),
  tabs: [
    { name: TAB.ranking, rows: [['Hạng', 'Mã', 'Tên đơn vị', 'Tổng điểm'], [1, 'HND', 'Hội Nông dân tỉnh', 97.5], [2, 'LDLD', 'Liên đoàn Lao động tỉnh', 74.73], [3, 'CCB', 'Hội Cựu chiến binh tỉnh', 51.25]] },
    { name: TAB.issues, rows: [[...ISSUE_HEADERS], ['HND', 'F2', '1.1', 'Cảnh báo', 'Thiếu minh chứng']] },
  ],
  append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: [['08/01/2024 09:00', 'cli', 'Chấm lần đầu']] }],
  notes: [],
};

let dir: string;
let fixture: Uint8Array;
let patched: Uint8Array;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'thidua-lo-test-'));
  fixture = new Uint8Array(readFileSync(FIXTURE));
  patched = applyEdits(fixture, RUN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rows(s: WorkbookSnapshot, name: string): Cell[][] {
  const t = s.tabs.find((x) => x.name === name);
  if (!t) throw new Error(`no tab ${name}`);
  return t.rows;
}

/** Relationship targets of a part, resolved to zip entry names. */
function targets(bytes: Uint8Array, part: string): Map<string, string> {
  const dirOf = part.slice(0, part.lastIndexOf('/'));
  const rels = entryText(bytes, `${dirOf}/_rels/${part.slice(dirOf.length + 1)}.rels`);
  const out = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)) {
    const segs = dirOf.split('/');
    for (const s of m[2]!.split('/')) s === '..' ? segs.pop() : segs.push(s);
    out.set(m[1]!, segs.join('/'));
  }
  return out;
}

describe('a LibreOffice-saved cluster workbook, after a run writes to it', () => {
  it('the fixture is what the script makes: a chart and an image on HND, a formula, a comment, an extra tab', () => {
    const names = Object.keys(entries(fixture));
    expect(names.some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/media\/image\d+\.png$/.test(n))).toBe(true);
    const s = readXlsx(fixture, 'x');
    expect(rows(s, 'LDLD')[1]![4]).toEqual({ t: 'n', v: 113, f: true });
    // LibreOffice's own date format (DD/MM/YYYY) is read as a date; its formula keeps its result.
    expect(rows(s, 'Ghi chú của cụm')[1]![0]).toEqual({ t: 'd', v: '2024-01-08' });
    expect(rows(s, 'Ghi chú của cụm')[3]![2]).toEqual({ t: 'n', v: 77, f: true });
  });

  it('keeps every part it does not own byte-identical: chart, drawing, image, comments, styles, the extra tab', () => {
    const a = entries(fixture);
    const b = entries(patched);
    const owned = new Set([...UNITS, TAB.ranking, TAB.issues, TAB.log].map((t) => sheetPart(fixture, t)));
    owned.add('xl/workbook.xml');
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const name of Object.keys(a)) {
      if (owned.has(name)) continue;
      expect(Buffer.from(b[name]!).equals(Buffer.from(a[name]!)), name).toBe(true);
    }
  });

  it('still references the drawing (chart and image) and the comments from the HND sheet', () => {
    const part = sheetPart(patched, 'HND');
    const xml = entryText(patched, part);
    const rels = targets(patched, part);
    const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(xml)?.[1];
    const legacyId = /<legacyDrawing r:id="([^"]+)"\/>/.exec(xml)?.[1];
    expect(drawingId && rels.get(drawingId)).toMatch(/^xl\/drawings\/drawing\d+\.xml$/);
    expect(legacyId && rels.get(legacyId)).toMatch(/^xl\/drawings\/vmlDrawing\d+\.vml$/);
    expect([...rels.values()].some((t) => /comments\d*\.xml$/.test(t))).toBe(true);
    const drawing = rels.get(drawingId!)!;
    const inDrawing = [...targets(patched, drawing).values()];
    const all = entries(patched);
    expect(inDrawing.some((t) => /charts\/chart\d+\.xml$/.test(t) && all[t])).toBe(true);
    expect(inDrawing.some((t) => /media\/image\d+\.png$/.test(t) && all[t])).toBe(true);
  });

  it('keeps the formula input, the extra tab and every input; reads back what the run wrote', () => {
    const a = readXlsx(fixture, 'x');
    const b = readXlsx(patched, 'x');
    expect(rows(b, 'LDLD')[1]![4]).toEqual({ t: 'n', v: 113, f: true });
    expect(rows(b, 'Ghi chú của cụm')).toEqual(rows(a, 'Ghi chú của cụm'));
    for (const tab of UNITS) {
      expect(leading(rows(b, tab), 8)).toEqual(leading(rows(a, tab), 8));
      expect(rows(b, tab)[5]![8]).toEqual({ t: 'n', v: 6.25 });
    }
    expect(rows(b, TAB.ranking)[3]).toEqual([{ t: 'n', v: 3 }, { t: 's', v: 'CCB' }, { t: 's', v: 'Hội Cựu chiến binh tỉnh' }, { t: 'n', v: 51.25 }]);
  });
});

interface LoTab {
  name: string;
  charts: number;
  shapes: string[];
  annotations: { cell: string; text: string }[];
  formulas: Record<string, string>;
  values: Record<string, string>;
}

describe.runIf(libreOffice)('LibreOffice opens what we write', () => {
  let seen: Record<string, { tabs: LoTab[] } | null>;
  const fixturePath = () => join(dir, 'fixture.xlsx');
  const patchedPath = () => join(dir, 'patched.xlsx');
  /** A workbook without system tabs: the run creates them. */
  const createdPath = () => join(dir, 'created.xlsx');

  beforeAll(async () => {
    writeFileSync(fixturePath(), fixture);
    writeFileSync(patchedPath(), patched);
    const bare = handmadeXlsx({ sheets: [{ name: 'HND', body: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c></row></sheetData>' }] });
    writeFileSync(createdPath(), applyEdits(bare, { ...RUN, cells: [{ tab: 'HND', row: 1, col: 8, value: 2.5 }] }));
    const { stdout } = await run(PYTHON, [fileURLToPath(INSPECT), fixturePath(), patchedPath(), createdPath()], { timeout: 120_000, maxBuffer: 32 << 20 });
    seen = JSON.parse(stdout);
  });

  const tabOf = (path: string, name: string): LoTab => {
    const t = seen[path]?.tabs.find((x) => x.name === name);
    if (!t) throw new Error(`LibreOffice did not open ${name} in ${path}`);
    return t;
  };

  it('still sees the chart, the image, the comment and the formulas people added', () => {
    const hnd = tabOf(patchedPath(), 'HND');
    expect(hnd.charts).toBe(1);
    expect(hnd.shapes).toContain('com.sun.star.drawing.GraphicObjectShape');
    expect(hnd.annotations).toContainEqual({ cell: 'F2', text: 'Đã đối chiếu với báo cáo năm 2023' });
    expect(tabOf(patchedPath(), 'LDLD').formulas).toEqual({ E2: '=100+13' });
    expect(tabOf(patchedPath(), 'Ghi chú của cụm').formulas).toEqual({ C4: '=SUM(C2:C3)' });
  });

  it('sees the same drawings, comments and formulas as in the file before the run, on every tab', () => {
    for (const before of seen[fixturePath()]!.tabs) {
      const after = tabOf(patchedPath(), before.name);
      expect({ charts: after.charts, shapes: after.shapes, annotations: after.annotations, formulas: after.formulas }, before.name).toEqual({
        charts: before.charts,
        shapes: before.shapes,
        annotations: before.annotations,
        formulas: before.formulas,
      });
    }
  });

  it('sees the values the run wrote, text as text', () => {
    const hnd = tabOf(patchedPath(), 'HND');
    expect(hnd.values.I6).toBe('6.25');
    expect(hnd.values.J2).toBe('Ô F2 (tiêu chí 1.1): thiếu minh chứng.');
    expect(tabOf(patchedPath(), TAB.ranking).values).toMatchObject({ A4: '3', B4: 'CCB', D4: '51.25' });
    expect(tabOf(patchedPath(), TAB.log).values).toMatchObject({ A2: '08/01/2024 09:00', C2: 'Chấm lần đầu' });
  });

  it('opens the system tabs a run created', () => {
    expect(seen[createdPath()]!.tabs.map((t) => t.name)).toEqual(['HND', TAB.ranking, TAB.issues, TAB.log]);
    expect(tabOf(createdPath(), 'HND').values).toEqual({ A1: 'Mã', I2: '2.5' });
    expect(tabOf(createdPath(), TAB.ranking).values).toMatchObject({ A1: 'Hạng', B4: 'CCB', D4: '51.25' });
    expect(tabOf(createdPath(), TAB.log).values).toEqual({ A1: 'Thời điểm', B1: 'Nguồn', C1: 'Nội dung', A2: '08/01/2024 09:00', B2: 'cli', C2: 'Chấm lần đầu' });
  });
});

describe.runIf(libreOffice)('our init output, re-saved by LibreOffice', () => {
  let init: Uint8Array;
  let resaved: Uint8Array;

  beforeAll(async () => {
    init = new Uint8Array(await createWorkbook(SMALL_CLUSTER));
    const source = join(dir, 'init.xlsx');
    const outDir = join(dir, 'resaved');
    writeFileSync(source, init);
    const profile = mkdtempSync(join(tmpdir(), 'thidua-lo-profile-'));
    try {
      await run(
        'soffice',
        [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, source],
        { timeout: 120_000 },
      );
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    resaved = new Uint8Array(readFileSync(join(outDir, 'init.xlsx')));
  });

  it('reads with the same values', () => {
    expect(Buffer.from(resaved).equals(Buffer.from(init))).toBe(false);
    const a = readXlsx(init, 'x');
    const b = readXlsx(resaved, 'x');
    expect(b.tabs.map((t) => t.name)).toEqual(a.tabs.map((t) => t.name));
    for (const t of a.tabs) expect(rows(b, t.name), t.name).toEqual(t.rows);
  });

  it('can be patched again, and reads back what was written', () => {
    const out = applyEdits(resaved, RUN);
    const s = readXlsx(out, 'x');
    expect(rows(s, 'HND')[5]![8]).toEqual({ t: 'n', v: 6.25 });
    expect(rows(s, 'CCB')[1]![9]).toEqual({ t: 's', v: 'Ô F2 (tiêu chí 1.1): thiếu minh chứng.' });
    expect(rows(s, TAB.log)[1]).toEqual([{ t: 's', v: '08/01/2024 09:00' }, { t: 's', v: 'cli' }, { t: 's', v: 'Chấm lần đầu' }]);
    expect(rows(s, TAB.settings)).toEqual(rows(readXlsx(init, 'x'), TAB.settings));
  });
});
