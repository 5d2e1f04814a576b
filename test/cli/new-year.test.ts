/**
 * `thidua new-year` through the real command (MEETING.md, "A new year"; issue 12): from the
 * 2023 provincial block, the 2024 workbook with the rotated head and deputy, the same
 * units and criteria, every input empty and `Lịch sử` carrying 2023; then a 2024 year
 * entered, and the 2025 workbook carrying both years.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell, TabSnapshot, WorkbookSnapshot } from '../../functions/core/cell.js';
import { defaultTarget } from '../../functions/cli/new-year.js';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../functions/sheets/xlsx/write.js';
import { ENTRY_HEADERS, HISTORY_HEADERS, TAB } from '../../sheets-schema/layout.js';
import { SAMPLE } from '../../sheets-schema/sample.js';
import { thidua, tempDir } from '../support/cli.js';

const dir = tempDir();
const y2023 = join(dir, 'khoi-2023.xlsx');
const y2024 = join(dir, 'khoi-2024.xlsx');
const y2025 = join(dir, 'khoi-2025.xlsx');
const outbox = join(dir, 'outbox');

const book = (f: string): WorkbookSnapshot => readXlsx(new Uint8Array(readFileSync(f)), 'x');
const tab = (wb: WorkbookSnapshot, name: string): TabSnapshot => wb.tabs.find((t) => t.name === name)!;
const v = (c: Cell | undefined) => (c == null ? null : c.v);
const values = (t: TabSnapshot) => t.rows.map((r) => r.map(v));
const setting = (wb: WorkbookSnapshot, key: string) => v(tab(wb, TAB.settings).rows.find((r) => r[0]?.v === key)?.[1]);
const dataRows = (t: TabSnapshot) => values(t).slice(1).filter((r) => r.some((x) => x !== null && x !== ''));
/** Lịch sử rows, 8 cells each (a file leaves trailing empty cells out). */
const historyRows = (wb: WorkbookSnapshot) => dataRows(tab(wb, TAB.history)).map((r) => Array.from({ length: 8 }, (_, i) => r[i] ?? null));

type Json = { units: { code: string; rank: number | null; total: number; grade: string | null; award: string | null; status: string; history: unknown[] }[]; issues: { tab: string; cell: string | null; code: string; message: string }[] };
const run = (f: string): Json => {
  const r = thidua(['run', f, '--json', '--outbox', outbox, '--now', '2023-12-16']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

/** Types a year's results into a workbook's unit tabs, as the units would. */
function enterYear(f: string, year: number): void {
  const bytes = new Uint8Array(readFileSync(f));
  const wb = readXlsx(bytes, 'x');
  const cells = [];
  for (const [code, entries] of Object.entries(SAMPLE.entries)) {
    const t = tab(wb, code);
    const col = (h: string) => (t.rows[0] ?? []).findIndex((c) => c?.v === h);
    for (const e of entries) {
      const row = t.rows.findIndex((r) => r[0]?.v === e.code);
      const fields = [[ENTRY_HEADERS.target, e.target], [ENTRY_HEADERS.actual, e.actual], [ENTRY_HEADERS.selfScore, e.self], [ENTRY_HEADERS.evidence, e.evidence]] as const;
      for (const [h, value] of fields) {
        if (value === undefined || value === null) continue;
        cells.push({ tab: code, row, col: col(h), value: typeof value === 'string' ? value.replaceAll('2023', String(year)) : value });
      }
    }
  }
  writeFileSync(f, applyEdits(bytes, { cells, tabs: [], append: [], notes: [] }));
}

let year2023: Json;

function enterCell(f: string, unit: string, code: string, header: string, value: string): void {
  const bytes = new Uint8Array(readFileSync(f));
  const t = tab(readXlsx(bytes, 'x'), unit);
  const row = t.rows.findIndex((r) => r[0]?.v === code);
  const col = (t.rows[0] ?? []).findIndex((c) => c?.v === header);
  writeFileSync(f, applyEdits(bytes, { cells: [{ tab: unit, row, col, value }], tabs: [], append: [], notes: [] }));
}

const lock = (f: string) => {
  const r = thidua(['lock', f, '--now', '2023-12-20']);
  expect(r.code, r.stderr).toBe(0);
};

beforeAll(() => {
  expect(thidua(['init', y2023, '--sample']).code).toBe(0);
  year2023 = run(y2023);
  lock(y2023);
  // Typed after the lock: the locked figures stand, in the runs and in what new-year carries.
  enterCell(y2023, 'HPN', '2.1', ENTRY_HEADERS.actual, '4.000');
});

describe('thidua new-year, from the 2023 provincial block', () => {
  let said: string;

  it('writes the 2024 workbook and says in Vietnamese what it carried and what it left', () => {
    const r = thidua(['new-year', y2023]);
    expect(r.code, r.stderr).toBe(0);
    said = r.stdout;
    expect(said).toContain(`Đã tạo ${y2024}: năm 2024.`);
    expect(said).toContain('Cụm trưởng MTTQ (Ủy ban MTTQ Việt Nam tỉnh), Cụm phó LDLD (Liên đoàn Lao động tỉnh) (luân phiên)');
    expect(said).toContain('Hạn nộp 15/12/2024');
    expect(said).toContain('6 đơn vị của tab Đơn vị và 14 dòng của tab Tiêu chí');
    expect(said).toContain('Lịch sử: 6 dòng năm 2023 (kết quả đã chốt lúc 20/12/2023 10:00).');
    expect(said).not.toContain('chưa được chốt');
    expect(said).toContain(`Giao ước thi đua năm 2024 để các đơn vị ký: ${join(dir, 'khoi-2024-van-ban', 'Giao-uoc-2024.docx')}, ${join(dir, 'khoi-2024-van-ban', 'Giao-uoc-2024.pdf')}`);
    expect(said).toMatch(/Không mang sang:\n\s+- Số liệu của các đơn vị \(Chỉ tiêu, Thực hiện, Tự chấm, Minh chứng, Cụm chấm\)/);
  });

  it('the compact of 2024 names every criterion and every unit, the new head and deputy first', () => {
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(join(dir, 'khoi-2024-van-ban', 'Giao-uoc-2024.docx'))))['word/document.xml']!);
    for (const c of SAMPLE.criteria) expect(xml).toContain(c.content.replace(/"/g, '&quot;'));
    const at = (name: string) => xml.indexOf(name.toLocaleUpperCase('vi'));
    const order = ['Ủy ban MTTQ Việt Nam tỉnh', 'Liên đoàn Lao động tỉnh', 'Hội Nông dân tỉnh', 'Hội Cựu chiến binh tỉnh'].map(at);
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(at('Tỉnh đoàn')).toBeGreaterThan(0);
  });

  it('the same units, criteria and settings, with Năm + 1, Hạn nộp a year later and the rotated head and deputy', () => {
    const old = book(y2023);
    const next = book(y2024);
    expect(values(tab(next, TAB.units))).toEqual(values(tab(old, TAB.units)));
    expect(values(tab(next, TAB.criteria))).toEqual(values(tab(old, TAB.criteria)));
    expect(setting(next, 'Năm')).toBe(2024);
    expect(setting(next, 'Hạn nộp')).toBe('15/12/2024');
    expect(setting(next, 'Cụm trưởng')).toBe('MTTQ');
    expect(setting(next, 'Cụm phó')).toBe('LDLD');
    const changed = new Set(['Năm', 'Hạn nộp', 'Cụm trưởng', 'Cụm phó']);
    const others = (wb: WorkbookSnapshot) => values(tab(wb, TAB.settings)).filter((r) => !changed.has(String(r[0])));
    expect(others(next)).toEqual(others(old));
  });

  it('one row per criterion on each unit tab, every input empty (Chỉ tiêu too)', () => {
    const next = book(y2024);
    const scored = SAMPLE.criteria.filter((c) => !SAMPLE.criteria.some((o) => o.code.startsWith(c.code + '.'))).map((c) => c.code);
    for (const u of SAMPLE.units) {
      const t = tab(next, u.code);
      const header = (t.rows[0] ?? []).map(v);
      expect(dataRows(t).map((r) => r[0])).toEqual(scored);
      const inputs = [ENTRY_HEADERS.target, ENTRY_HEADERS.actual, ENTRY_HEADERS.selfScore, ENTRY_HEADERS.evidence, ENTRY_HEADERS.reviewScore, ENTRY_HEADERS.points, ENTRY_HEADERS.check]
        .map((h) => header.indexOf(h));
      for (const row of t.rows.slice(1)) for (const i of inputs) expect(v(row[i])).toBeNull();
    }
  });

  it('nothing in the system tabs but the carried Lịch sử', () => {
    const next = book(y2024);
    for (const name of [TAB.ranking, TAB.issues, TAB.log, TAB.ballot]) expect(dataRows(tab(next, name)), name).toEqual([]);
    expect(values(tab(next, TAB.ballot))[0]).toEqual(['Nội dung', 'Mã', 'Đồng ý', 'Phiếu hợp lệ']);
    expect(values(tab(next, TAB.history))[0]).toEqual(Object.values(HISTORY_HEADERS));
  });

  it('Lịch sử holds the locked 2023: ranks, totals, grades, awards and roles, as the 2023 run gave them before a late edit', () => {
    // Unlocked, HPN's late 4.000 would change its total.
    expect(run(y2023).issues.some((i) => i.code === 'changed-after-lock')).toBe(true);
    const rows = historyRows(book(y2024));
    expect(rows).toEqual(year2023.units.map((u) => [
      2023, u.code, SAMPLE.units.find((x) => x.code === u.code)!.name, u.rank, u.total, u.grade, u.award,
      u.code === 'HND' ? 'Cụm trưởng' : u.code === 'MTTQ' ? 'Cụm phó' : null,
    ]));
    expect(rows[0]).toEqual([2023, 'HND', 'Hội Nông dân tỉnh', 1, 94.41, 'Xuất sắc', 'Cờ thi đua của UBND tỉnh', 'Cụm trưởng']);
  });

  it('a second call without --force changes nothing, and says why', async () => {
    const before = readFileSync(y2024);
    const ledger = openSqliteLedger(join(dir, '.thidua', 'ledger.sqlite'));
    const carried = await ledger.getCarriedHistory(`file:${resolve(y2024)}`);
    await ledger.close();
    expect(carried!.rows).toHaveLength(6);

    const r = thidua(['new-year', y2023]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Tệp ${y2024} đã có; không ghi đè. Dùng --force`);
    expect(r.stdout).toBe('');
    expect(readFileSync(y2024).equals(before)).toBe(true);
    const again = openSqliteLedger(join(dir, '.thidua', 'ledger.sqlite'));
    expect(await again.getCarriedHistory(`file:${resolve(y2024)}`)).toEqual(carried);
    await again.close();
  });
});

describe('the 2024 workbook', () => {
  it('thidua run scores every unit "missing", each with its 2023 history, no warning on Lịch sử, and leaves the tab as it was', () => {
    const before = values(tab(book(y2024), TAB.history));
    const out = run(y2024);
    expect(values(tab(book(y2024), TAB.history))).toEqual(before);
    expect(out.units.map((u) => u.status)).toEqual(SAMPLE.units.map(() => 'missing'));
    const hnd = out.units.find((u) => u.code === 'HND')!;
    expect(hnd.history).toEqual([{ year: 2023, rank: 1, total: 94.41, grade: 'Xuất sắc', award: 'Cờ thi đua của UBND tỉnh', role: 'Cụm trưởng' }]);
    expect(out.issues.filter((i) => i.tab === TAB.history)).toEqual([]);
  });

  it('a hand edit of Lịch sử is a warning on its cell; putting it back clears it', () => {
    const bytes = new Uint8Array(readFileSync(y2024));
    const t = tab(readXlsx(bytes, 'x'), TAB.history);
    const row = t.rows.findIndex((r) => r[1]?.v === 'HPN');
    writeFileSync(y2024, applyEdits(bytes, { cells: [{ tab: TAB.history, row, col: 6, value: 'Cờ thi đua của UBND tỉnh' }], tabs: [], append: [], notes: [] }));
    const edited = run(y2024).issues.filter((i) => i.tab === TAB.history);
    expect(edited).toEqual([expect.objectContaining({ code: 'history-edited', cell: `G${row + 1}` })]);
    expect(edited[0]!.message).toContain('Lịch sử năm 2023 của HPN đã bị sửa tay: Khen thưởng là "Cờ thi đua của UBND tỉnh"');

    writeFileSync(y2024, applyEdits(new Uint8Array(readFileSync(y2024)), { cells: [{ tab: TAB.history, row, col: 6, value: null }], tabs: [], append: [], notes: [] }));
    expect(run(y2024).issues.filter((i) => i.tab === TAB.history)).toEqual([]);
  });

  it('after 2024 is entered, the next new-year carries 2023 and 2024, with 2024’s head and deputy', () => {
    enterYear(y2024, 2024);
    const year2024 = run(y2024);
    expect(year2024.units.every((u) => u.status !== 'missing')).toBe(true);
    lock(y2024);

    const r = thidua(['new-year', y2024]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Lịch sử: 6 dòng năm 2024 (kết quả đã chốt lúc 20/12/2023 10:00) và 6 dòng các năm trước.');
    const next = book(y2025);
    expect(setting(next, 'Năm')).toBe(2025);
    expect(setting(next, 'Cụm trưởng')).toBe('LDLD');
    expect(setting(next, 'Cụm phó')).toBe('CCB');
    const rows = historyRows(next);
    expect(rows.map((x) => x[0])).toEqual([...Array(6).fill(2023), ...Array(6).fill(2024)]);
    expect(rows.filter((x) => x[0] === 2024).map((x) => [x[1], x[3], x[4], x[7]])).toEqual(
      year2024.units.map((u) => [u.code, u.rank, u.total, u.code === 'MTTQ' ? 'Cụm trưởng' : u.code === 'LDLD' ? 'Cụm phó' : null]),
    );
    // In 2025, each unit's history is both earlier years.
    expect(run(y2025).units.find((u) => u.code === 'HND')!.history.map((h) => (h as { year: number }).year)).toEqual([2023, 2024]);
  });

  it('--force writes again over the file', () => {
    const before = readFileSync(y2025);
    const r = thidua(['new-year', y2024, '--force']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(y2025).equals(before)).toBe(false);
    expect(dataRows(tab(book(y2025), TAB.history))).toHaveLength(12);
  });

  it('--to names the new file', () => {
    const to = join(dir, 'nam-moi.xlsx');
    expect(thidua(['new-year', y2023, '--to', to]).code).toBe(0);
    expect(setting(book(to), 'Năm')).toBe(2024);
  });
});

describe('a workbook new-year cannot turn', () => {
  it('a file that does not exist: exit 2, one line, nothing written', () => {
    const r = thidua(['new-year', join(dir, 'khong-co-2023.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`Không tìm thấy tệp: ${join(dir, 'khong-co-2023.xlsx')}`);
  });

  it('a Cấu hình without a usable Năm: says so in Vietnamese, writes no file', () => {
    const f = join(dir, 'khong-nam.xlsx');
    expect(thidua(['init', f, '--sample']).code).toBe(0);
    enterCell(f, TAB.settings, 'Năm', 'Giá trị', 'năm nay');
    const r = thidua(['new-year', f]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('Không chạy được: Tab Cấu hình chưa có Năm dùng được: không biết năm sau là năm nào.');
    expect(existsSync(join(dir, 'khong-nam-2024.xlsx'))).toBe(false);
  });
});

describe('the default name of next year’s file', () => {
  it('replaces the year in the name, else appends the new one', () => {
    expect(defaultTarget('/a/khoi-2023.xlsx', 2023)).toBe('/a/khoi-2024.xlsx');
    expect(defaultTarget('/a/2023-khoi-2023-ban-cuoi.xlsx', 2023)).toBe('/a/2023-khoi-2024-ban-cuoi.xlsx');
    expect(defaultTarget('/a/khoi-120234.xlsx', 2023)).toBe('/a/khoi-120234-2024.xlsx');
    expect(defaultTarget('khoi.xlsx', 2023)).toBe('khoi-2024.xlsx');
  });
});
