import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, tableCrc32, Zip, ZipError } from '../../../functions/sheets/xlsx/zip.js';

describe('Zip', () => {
  const image = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251));
  const source = zipSync({
    'xl/workbook.xml': [strToU8('<workbook>một</workbook>'), { level: 6 }],
    'xl/media/image1.png': [image, { level: 0 }],
    'xl/worksheets/sheet1.xml': strToU8('<worksheet/>'.repeat(50)),
  });

  it('writes back unchanged entries as stored (never re-compressed), changed ones readable by another unzipper', () => {
    const zip = Zip.read(source);
    expect(zip.text('xl/workbook.xml')).toBe('<workbook>một</workbook>');
    zip.put('xl/worksheets/sheet1.xml', '<worksheet>hai</worksheet>');
    zip.put('xl/worksheets/sheet2.xml', '<worksheet>ba</worksheet>');
    const out = zip.toBytes();
    const back = unzipSync(out);
    expect(Object.keys(back)).toEqual(['xl/workbook.xml', 'xl/media/image1.png', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    expect(strFromU8(back['xl/worksheets/sheet1.xml']!)).toBe('<worksheet>hai</worksheet>');
    expect(strFromU8(back['xl/worksheets/sheet2.xml']!)).toBe('<worksheet>ba</worksheet>');
    expect(back['xl/media/image1.png']).toEqual(image);
    // The stored (uncompressed) image is still stored: its bytes appear verbatim.
    expect(Buffer.from(out).indexOf(Buffer.from(image))).toBeGreaterThan(0);
  });

  it('finds parts whatever the case of their names, and removes them', () => {
    const zip = Zip.read(source);
    expect(zip.find('XL/Workbook.xml')).toBe('xl/workbook.xml');
    zip.remove('XL/MEDIA/image1.png');
    expect(Object.keys(unzipSync(zip.toBytes()))).toEqual(['xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  });

  it('refuses what is not a zip', () => {
    expect(() => Zip.read(strToU8('PK but not really'))).toThrow(ZipError);
    expect(() => Zip.read(source.subarray(0, source.length - 30))).toThrow(ZipError);
  });

  it('computes the CRC-32 zip readers check, natively or by table', () => {
    const data = strToU8('123456789');
    expect(crc32(data)).toBe(0xcbf43926);
    expect(tableCrc32(data)).toBe(0xcbf43926);
  });
});
