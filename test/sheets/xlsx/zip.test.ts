import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitError, LIMITS } from '../../../functions/sheets/xlsx/limits.js';
import { crc32, tableCrc32, Zip, ZipError, zipSteps } from '../../../functions/sheets/xlsx/zip.js';

/** Overwrites the central-directory fields of the first entry (sizes, CRC) as a crafted file would. */
function forge(zip: Uint8Array, f: { size?: number; crc?: number }): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  let p = -1;
  for (let i = out.length - 22; i >= 0; i--) if (v.getUint32(i, true) === 0x06054b50) { p = v.getUint32(i + 16, true); break; }
  if (f.size !== undefined) v.setUint32(p + 24, f.size, true);
  if (f.crc !== undefined) v.setUint32(p + 16, f.crc, true);
  return out;
}

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

  it('a bomb stops at the size its directory declares: a part that inflates further is corrupt, never read whole', () => {
    const big = new Uint8Array(8 * 1024 * 1024); // 8 MB of zeros: ~8 KB deflated
    const bomb = forge(zipSync({ 'xl/worksheets/sheet1.xml': [big, { level: 9 }] }), { size: 1000 });
    expect(() => Zip.read(bomb).get('xl/worksheets/sheet1.xml')).toThrow(/cannot inflate/);
  });

  it('a part declaring more than the limit is refused before inflating', () => {
    const liar = forge(zipSync({ 'a.xml': strToU8('<a/>') }), { size: LIMITS.partBytes + 1 });
    expect(() => Zip.read(liar).get('a.xml')).toThrow(LimitError);
  });

  it('checks the CRC-32 of every part it reads', () => {
    const bad = forge(zipSync({ 'a.xml': strToU8('<a>dữ liệu</a>') }), { crc: 12345 });
    expect(() => Zip.read(bad).get('a.xml')).toThrow(/CRC-32/);
  });

  it('random bytes and a real workbook with bytes changed or cut: returns or throws ZipError / LimitError, in bounded steps', () => {
    const real = new Uint8Array(readFileSync('test/fixtures/libreoffice-cluster.xlsx'));
    const damaged = fc.tuple(fc.array(fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(real.length))
      .map(([flips, cut]) => {
        const b = real.slice(0, Math.max(cut, real.length - 200));
        for (const [at, v] of flips) if (at < b.length) b[at] = v;
        return b;
      });
    const PK = new Uint8Array([0x50, 0x4b, 3, 4]);
    const noise = fc.uint8Array({ maxLength: 600 }).map((b) => new Uint8Array([...PK, ...b]));
    fc.assert(fc.property(fc.oneof(damaged, noise), (bytes) => {
      zipSteps.count = 0;
      try {
        const zip = Zip.read(bytes);
        for (const name of zip.names()) zip.get(name);
      } catch (e) {
        if (!(e instanceof ZipError || e instanceof LimitError)) throw e;
      }
      expect(zipSteps.count).toBeLessThanOrEqual(LIMITS.entries + 1);
    }), { numRuns: 400 });
  });
});
