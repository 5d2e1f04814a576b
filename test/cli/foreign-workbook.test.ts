/**
 * A cluster workbook we did not make with `thidua init`: built by another program,
 * headers spelled in NFD and another case, rows and columns in another order, values
 * typed the Vietnamese way or as real number, date, boolean and formula cells, on a
 * 1.000-point scale (950 content + 50 bonus, as provincial guidance has it).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { thidua, tempDir } from '../support/cli.js';

const nfd = (s: string) => s.normalize('NFD');
const ENTRY = ['Mã', 'Nội dung', 'Điểm chuẩn', 'Chỉ tiêu', 'Thực hiện', 'Tự chấm', 'Minh chứng', 'Cụm chấm', 'Điểm', 'Kiểm tra'];
type Row = Record<string, ExcelJS.CellValue>;

function unitTab(wb: ExcelJS.Workbook, code: string, rows: Row[], order = ENTRY) {
  const ws = wb.addWorksheet(code);
  ws.addRow(order.map((h) => nfd(h).toUpperCase()));
  for (const r of rows) ws.addRow(order.map((h) => r[h] ?? null));
}

async function build(file: string) {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Tiêu chí').addRows([
    [nfd('Mã'), nfd('Nội dung'), nfd('Điểm chuẩn'), nfd('Cách tính'), nfd('Tham số')],
    ['I', 'Thực hiện nhiệm vụ chính trị', '700', null, null],
    ['I.1', 'Tập hợp, vận động thành viên', '300', 'TỶ LỆ', null],
    ['I.2', 'Ký kết giao ước thi đua', '200', nfd('Đạt/Không đạt'), null],
    ['II', 'Chế độ báo cáo', '450', null, null],
    ['II.1', 'Báo cáo năm đúng hạn', '150', 'đúng hạn', '10'],
    ['II.2', 'Tự đánh giá công tác khác', '300', 'Tự chấm', null],
    ['III', 'Thưởng, trừ', null, null, null],
    ['III.1', 'Điểm thưởng', '50', 'Thưởng', null],
    ['III.2', 'Không ký giao ước (trừ 8 điểm)', '100', 'Trừ', '8'],
  ]);
  wb.addWorksheet(' đơn vị ').addRows([
    ['MÃ', nfd('Tên đơn vị'), 'EMAIL', nfd('Người nhập liệu'), nfd('Không xét khen thưởng')],
    ['Q1', 'Ủy ban MTTQ Quận 1', 'q1@mttq.example', null, null],
    ['Q3', 'Ủy ban MTTQ Quận 3', 'q3@mttq.example', null, null],
    ['Q5', 'Ủy ban MTTQ Quận 5', null, null, null],
    ['BT', 'Ủy ban MTTQ Quận Bình Thạnh', null, null, null],
  ]);
  wb.addWorksheet(nfd('CẤU HÌNH')).addRows([
    [nfd('Mục'), nfd('Giá trị')],
    [nfd('Tên cụm'), 'Cụm thi đua MTTQ các quận'],
    [nfd('Năm'), 2024],
    ['thang điểm', '1.000'],
    [nfd('Điểm thưởng tối đa'), 50],
  ]);
  // Q1: columns in another order; a boolean, a real date, an administrative date.
  unitTab(wb, 'Q1', [
    { 'Mã': 'I.1', 'Chỉ tiêu': '1.250', 'Thực hiện': '1.250,0' },
    { 'Mã': 'I.2', 'Thực hiện': true },
    { 'Mã': 'II.1', 'Chỉ tiêu': new Date(Date.UTC(2024, 11, 15)), 'Thực hiện': 'ngày 14 tháng 12 năm 2024' },
    { 'Mã': 'II.2', 'Tự chấm': '285,5', 'Minh chứng': 'https://drive.example/q1' },
    { 'Mã': 'III.1', 'Tự chấm': '40', 'Minh chứng': 'QĐ 7/QĐ-MTTQ' },
  ], ['Kiểm tra', 'Thực hiện', 'Mã', 'Chỉ tiêu', 'Điểm', 'Nội dung', 'Minh chứng', 'Tự chấm', 'Cụm chấm', 'Điểm chuẩn']);
  // Q3: rows in reverse order; percentages, a formula with its result, a bonus without evidence.
  unitTab(wb, 'Q3', [
    { 'Mã': 'III.2', 'Thực hiện': '1' },
    { 'Mã': 'III.1', 'Tự chấm': 50 },
    { 'Mã': 'II.2', 'Tự chấm': { formula: '200+70', result: 270 }, 'Minh chứng': 'BC 12' },
    { 'Mã': 'II.1', 'Chỉ tiêu': '15/12/2024', 'Thực hiện': '17-12-2024' },
    { 'Mã': 'I.2', 'Thực hiện': 'x' },
    { 'Mã': 'I.1', 'Chỉ tiêu': '100%', 'Thực hiện': '95%' },
  ]);
  // Q5: errors; BT: an empty tab.
  unitTab(wb, 'Q5', [
    { 'Mã': 'I.1', 'Chỉ tiêu': '2.000', 'Thực hiện': '2.500 người' },
    { 'Mã': 'I.2', 'Thực hiện': 'Không đạt' },
    { 'Mã': 'II.1', 'Chỉ tiêu': '15/12/2024', 'Thực hiện': '31/02/2024' },
    { 'Mã': 'II.2', 'Tự chấm': '310', 'Minh chứng': 'BC' },
  ]);
  unitTab(wb, 'BT', [{ 'Mã': 'I.1' }, { 'Mã': 'I.2' }]);
  await wb.xlsx.writeFile(file);
}

describe('a cluster workbook made elsewhere', () => {
  it('is scored as SCORING.md and NUMBERS.md say', async () => {
    const dir = tempDir();
    const file = join(dir, 'cum-mttq.xlsx');
    await build(file);
    const r = thidua(['run', file, '--json', '--outbox', join(dir, 'outbox')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.cluster).toEqual({ name: 'Cụm thi đua MTTQ các quận', year: 2024, period: 'Cả năm', scale: 1000 });
    const rows = out.units.map((u: any) => [u.code, u.rank, u.total, u.grade, u.award, u.status]);
    expect(rows).toEqual([
      ['Q1', 1, 975.5, 'Xuất sắc', 'Cờ thi đua', 'ok'],
      ['Q3', 2, 927, 'Xuất sắc', 'Bằng khen', 'ok'],
      ['Q5', 3, 300, 'Chưa hoàn thành', null, 'issues'],
      ['BT', null, 0, null, null, 'missing'],
    ]);
    expect(out.units[1].scores).toEqual({ 'I.1': 285, 'I.2': 200, 'II.1': 130, 'II.2': 270, 'III.1': 50, 'III.2': 8 });
    const issues = out.issues.map((i: any) => [i.unit, i.cell, i.criterion, i.severity, i.code]);
    expect(issues).toEqual([
      [null, 'C2', 'I', 'warning', 'group-sum'], // 700 typed for a group whose criteria add up to 500
      ['Q3', 'G3', 'III.1', 'warning', 'no-evidence'],
      ['Q5', 'E4', 'II.1', 'error', 'impossible-date'],
      ['Q5', 'F5', 'II.2', 'error', 'self-score-above-max'],
    ]);
  });
});
