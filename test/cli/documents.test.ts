import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TAB } from '../../sheets-schema/layout.js';
import { docxText, pdfReadable, pdfText } from '../support/documents.js';
import { tempDir, thidua } from '../support/cli.js';

const FILES = [
  'Bang-tong-hop-2023.docx', 'Bang-tong-hop-2023.pdf', 'Bien-ban-hop-2023.docx', 'Bien-ban-hop-2023.pdf',
  'Giao-uoc-2023.docx', 'Giao-uoc-2023.pdf', 'To-trinh-2023.docx', 'To-trinh-2023.pdf',
];

describe('thidua documents', () => {
  it('writes the four documents as .docx and .pdf into --out, says where, and leaves the workbook untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    expect(thidua(['init', file, '--sample']).code).toBe(0);
    const before = readFileSync(file);
    const out = join(dir, 'van ban');
    const r = thidua(['documents', file, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Đã tạo 8 tệp văn bản trong ${out}`);
    expect(r.stdout).toContain('DỰ THẢO');
    expect(readdirSync(out).sort()).toEqual(FILES);
    expect(readFileSync(file).equals(before)).toBe(true);
    // No ledger, no temporary file left beside the workbook.
    expect(readdirSync(dir).sort()).toEqual(['khoi.xlsx', 'van ban']);
    const minutes = docxText(readFileSync(join(out, 'Bien-ban-hop-2023.docx')));
    expect(minutes).toContain('Hội Nông dân tỉnh');
    expect(minutes).toContain('94,41');
  });

  it('writes beside the workbook by default', () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    thidua(['init', file, '--sample']);
    const r = thidua(['documents', file]);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'khoi-van-ban')).sort()).toEqual(FILES);
  });

  it('refuses a file that is not a workbook with one Vietnamese line, writing nothing', () => {
    const dir = tempDir();
    const file = join(dir, 'hong.xlsx');
    writeFileSync(file, 'không phải bảng tính');
    const r = thidua(['documents', file, '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Tệp không phải là bảng tính \.xlsx.*hong\.xlsx/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('is in the help', () => {
    expect(thidua(['help']).stdout).toMatch(/documents <FILE\.xlsx>\s+tạo biên bản/);
    expect(thidua(['documents', '--help']).stdout).toContain('--out <thư-mục>');
  });

  it('after the lock: the locked figures, the tallies typed since, no DỰ THẢO; after unlock a draft of the new figures', async () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    const out = join(dir, 'van-ban');
    const ok = (args: string[]) => {
      const r = thidua(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      return r;
    };
    ok(['init', file, '--sample']);
    ok(['lock', file]);
    // After the lock: LĐLĐ's figure is corrected (a warning, not a new score), and the ballot is counted.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.getWorksheet('LDLD')!.getCell('E6').value = '1.000';
    const ballot = wb.getWorksheet(TAB.ballot)!;
    ballot.addRow(['Cờ thi đua của UBND tỉnh', 'HND', 8, 9]);
    ballot.addRow(['Bằng khen của Chủ tịch UBND tỉnh', 'LDLD', 7, 9]);
    ballot.addRow(['Bằng khen của Chủ tịch UBND tỉnh', 'CCB', 6, 9]);
    await wb.xlsx.writeFile(file);
    const locked = ok(['documents', file, '--out', out]);
    expect(locked.stdout).not.toContain('DỰ THẢO');
    const texts = (name: string) => {
      const all = [docxText(readFileSync(join(out, `${name}.docx`)))];
      if (pdfReadable()) all.push(pdfText(readFileSync(join(out, `${name}.pdf`))));
      return all.map((t) => t.replace(/\s+/g, ' '));
    };
    for (const t of texts('To-trinh-2023')) {
      expect(t).not.toContain('DỰ THẢO');
      expect(t).toContain('Liên đoàn Lao động tỉnh 2 93,63 7/9 phiếu (77,78%)');
    }
    for (const t of texts('Bang-tong-hop-2023')) {
      expect(t).not.toContain('DỰ THẢO');
      expect(t).toContain('93,63');
    }
    for (const t of texts('Bien-ban-hop-2023')) expect(t).toContain('Hội Nông dân tỉnh 8/9 phiếu (88,89%) Đạt');

    ok(['unlock', file]);
    const draft = ok(['documents', file, '--out', out]);
    expect(draft.stdout).toContain('DỰ THẢO');
    for (const t of texts('Bang-tong-hop-2023')) {
      expect(t).toContain('DỰ THẢO');
      // Scored afresh: 6.754 → 1.000 costs LĐLĐ its Vượt chỉ tiêu points.
      expect(t).not.toContain('93,63');
    }
  });
});
