import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxText } from '../support/documents.js';
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
});
