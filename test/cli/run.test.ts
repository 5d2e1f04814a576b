/** `thidua init` and `thidua run` as WORKBOOK.md specifies them: output, exit codes, what may change. */
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { ENTRY_HEADERS, SYSTEM_TABS } from '../../sheets-schema/layout.js';
import { thidua, tempDir } from '../support/cli.js';

const dir = tempDir();
const sample = join(dir, 'khoi.xlsx');

beforeAll(() => {
  const r = thidua(['init', sample, '--sample']);
  expect(r.code).toBe(0);
});

describe('thidua run FILE --json', () => {
  it('prints one JSON object with the meeting\'s real proposals, and nothing else on stdout', () => {
    const r = thidua(['run', sample, '--json', '--outbox', join(dir, 'outbox')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.cluster).toEqual({ name: 'Khối thi đua các tổ chức chính trị - xã hội tỉnh', year: 2023, period: 'Cả năm', scale: 100 });
    expect(out.units.map((u: { code: string; rank: number; award: string | null }) => [u.code, u.rank, u.award])).toEqual([
      ['HND', 1, 'Cờ thi đua của UBND tỉnh'],
      ['LDLD', 2, 'Bằng khen của Chủ tịch UBND tỉnh'],
      ['CCB', 3, 'Bằng khen của Chủ tịch UBND tỉnh'],
      ['MTTQ', 4, null],
      ['TD', 5, null],
      ['HPN', 6, null],
    ]);
    const hpn = out.units.find((u: { code: string }) => u.code === 'HPN');
    expect(hpn.status).toBe('issues');
    expect(out.issues).toContainEqual(expect.objectContaining({ unit: 'HPN', cell: 'E8', criterion: '3.1', severity: 'error', code: 'impossible-date' }));
    // Every total adds up from the per-criterion points shown (to the cent).
    for (const u of out.units) {
      const s = Object.entries(u.scores as Record<string, number>);
      const ded = s.filter(([c]) => c === '4.2').reduce((a, [, v]) => a + v, 0);
      const rest = s.filter(([c]) => c !== '4.2').reduce((a, [, v]) => a + v, 0);
      expect(Math.round((rest - ded) * 100)).toBe(Math.round(u.total * 100));
    }
  });

  it('without --json prints a readable ranking and the issue count', () => {
    const r = thidua(['run', sample, '--outbox', join(dir, 'outbox')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1\s+HND\s+Hội Nông dân tỉnh\s+94,41\s+Xuất sắc/);
    expect(r.stdout).toContain('1 lỗi, 1 cảnh báo');
  });

  it('never changes an input cell: only Điểm, Kiểm tra and the system tabs differ', async () => {
    const before = readXlsx(new Uint8Array(readFileSync(sample)), 'x');
    const r = thidua(['run', sample, '--json', '--outbox', join(dir, 'outbox')]);
    expect(r.code).toBe(0);
    const after = readXlsx(new Uint8Array(readFileSync(sample)), 'x');
    const owned = new Set<string>(SYSTEM_TABS);
    expect(after.tabs.map((t) => t.name)).toEqual(before.tabs.map((t) => t.name));
    for (const t of before.tabs) {
      if (owned.has(t.name)) continue;
      const header = (t.rows[0] ?? []).map((c) => (c ? String(c.v) : ''));
      const ownedCols = new Set([header.indexOf(ENTRY_HEADERS.points), header.indexOf(ENTRY_HEADERS.check)].filter((i) => i >= 0));
      const a = after.tabs.find((x) => x.name === t.name)!;
      const strip = (rows: typeof t.rows) => rows.map((row) => row.map((c, i) => (ownedCols.has(i) ? 'owned' : c)));
      expect(strip(a.rows)).toEqual(strip(t.rows));
    }
  });
});

describe('a workbook that cannot be used', () => {
  const unusable = (file: string) => {
    const before = (() => { try { return readFileSync(file); } catch { return null; } })();
    const r = thidua(['run', file, '--json', '--outbox', join(dir, 'outbox')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    if (before) expect(readFileSync(file).equals(before)).toBe(true);
    return lines[0]!;
  };

  it('a path that does not exist', () => {
    expect(unusable(join(dir, 'khong-co.xlsx'))).toBe(`Không tìm thấy tệp: ${join(dir, 'khong-co.xlsx')}`);
  });

  it('a file that is not a workbook', () => {
    const f = join(dir, 'ghi-chu.xlsx');
    writeFileSync(f, 'Đây không phải bảng tính');
    expect(unusable(f)).toMatch(/^Tệp không phải là bảng tính \.xlsx/);
  });

  it('a workbook without the Tiêu chí tab', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Cấu hình').addRow(['Mục', 'Giá trị']);
    wb.addWorksheet('Đơn vị').addRow(['Mã', 'Tên đơn vị', 'Email', 'Người nhập liệu', 'Không xét khen thưởng']);
    const f = join(dir, 'thieu-tab.xlsx');
    await wb.xlsx.writeFile(f);
    expect(unusable(f)).toBe('Bảng tính thiếu tab "Tiêu chí"; hãy tạo tab này theo mẫu (lệnh thidua init tạo sẵn mẫu).');
  });

  it('a workbook whose Đơn vị tab lacks the Tên đơn vị header', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Cấu hình').addRow(['Mục', 'Giá trị']);
    wb.addWorksheet('Đơn vị').addRow(['Mã', 'Tên']);
    wb.addWorksheet('Tiêu chí').addRow(['Mã', 'Nội dung', 'Điểm chuẩn', 'Cách tính', 'Tham số']);
    const f = join(dir, 'thieu-cot.xlsx');
    await wb.xlsx.writeFile(f);
    expect(unusable(f)).toBe('Tab "Đơn vị" thiếu cột "Tên đơn vị" ở dòng tiêu đề (dòng 1).');
  });
});

describe('thidua init', () => {
  it('refuses to overwrite an existing file without --force', () => {
    const before = readFileSync(sample);
    const r = thidua(['init', sample]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('đã có; không ghi đè');
    expect(readFileSync(sample).equals(before)).toBe(true);
    const f = thidua(['init', sample, '--force']);
    expect(f.code).toBe(0);
    expect(readFileSync(sample).equals(before)).toBe(false);
  });
});

describe('a workbook Excel holds open', () => {
  it('is not written: the run shows the ranking and says in Vietnamese that the file is open', () => {
    const d = tempDir();
    const file = join(d, 'khoi-thi-dua.xlsx');
    expect(thidua(['init', file, '--sample']).code).toBe(0);
    const before = readFileSync(file);
    // Excel's owner file: "~$" in place of the first two characters of a long name.
    writeFileSync(join(d, '~$oi-thi-dua.xlsx'), 'owner');
    const r = thidua(['run', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1\s+HND\s+Hội Nông dân tỉnh\s+94,41/);
    expect(r.stderr).toContain('đang mở trong Excel nên chưa ghi được kết quả');
    expect(r.stderr).toContain('kết quả được ghi ngay khi tệp được đóng');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
