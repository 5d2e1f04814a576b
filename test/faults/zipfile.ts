/**
 * A bare ZIP writer for the suite, independent of the adapter's: every field can be
 * forged (declared sizes, CRC, method, flags, entry count), as a crafted file would.
 */
import { deflateRawSync } from 'node:zlib';
import { crc32 as zlibCrc } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** Uncompressed content (deflated here unless `compressed` is given). */
  data?: Uint8Array;
  /** Bytes stored as they are, with `method` and `size` as declared. */
  compressed?: Uint8Array;
  method?: number;
  size?: number;
  crc?: number;
  flags?: number;
}

const enc = new TextEncoder();

function crcOf(data: Uint8Array): number {
  return ((zlibCrc as unknown as (d: Uint8Array) => number)(data)) >>> 0;
}

export function writeZip(entries: RawEntry[], forge: { count?: number; cdOffset?: number } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = e.data ?? new Uint8Array(0);
    const method = e.method ?? 8;
    const compressed = e.compressed ?? (method === 8 ? new Uint8Array(deflateRawSync(data, { level: 1 })) : data);
    const size = e.size ?? data.length;
    const crc = e.crc ?? crcOf(data);
    const name = enc.encode(e.name);
    const flags = (e.flags ?? 0) | 0x0800;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed.length, true);
    lv.setUint32(22, size >>> 0, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressed.length, true);
    cv.setUint32(24, size >>> 0, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    parts.push(local, compressed);
    central.push(cd);
    offset += local.length + compressed.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  const count = forge.count ?? entries.length;
  ev.setUint16(8, count & 0xffff, true);
  ev.setUint16(10, count & 0xffff, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, forge.cdOffset ?? offset, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
