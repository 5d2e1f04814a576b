/**
 * Just enough ZIP for an OOXML package: read the central directory, inflate only the
 * entries asked for, and write the archive back copying every unchanged entry's
 * compressed bytes as they were (charts, images, pivot caches stay byte-identical and
 * are never re-compressed). Entries are (de)compressed with node's native zlib: fflate
 * took 40–140 ms to inflate a 60-tab workbook in a fresh process, zlib 5 ms (measured);
 * fflate reads the Zip64 archives this reader does not handle.
 *
 * Hostile archives (docs/robustness.md): an entry is inflated with zlib's
 * `maxOutputLength` set to the size the directory declares (itself within LIMITS), so a
 * "zip bomb" stops at that many bytes instead of filling memory; what comes out must
 * have exactly that size and CRC-32, else the archive is corrupt.
 */
import * as zlib from 'node:zlib';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { LimitError, LIMITS } from './limits.js';

export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

/** An entry as stored in the source archive. */
interface StoredEntry {
  name: string;
  method: number;
  flags: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  compressed: Uint8Array;
}

interface Entry {
  name: string;
  /** Present while the entry is unchanged: written back byte for byte. */
  stored?: StoredEntry;
  /** Uncompressed content, once read or set. */
  data?: Uint8Array;
  /** DOS time stamp kept when the content is replaced. */
  stamp?: { time: number; date: number };
}

const utf8 = new TextDecoder('utf-8');
const utf16 = new TextDecoder('utf-16le');
const encoder = new TextEncoder();

/** Iterations of the reader's loops, for the termination property tests (as xmlSteps). */
export const zipSteps = { count: 0 };

export class Zip {
  private readonly entries: Entry[] = [];
  /** lower-cased name → entry: OPC part names are case-insensitive. */
  private readonly byName = new Map<string, Entry>();
  /** Uncompressed bytes read so far, against LIMITS.totalBytes. */
  private inflated = 0;

  static read(bytes: Uint8Array): Zip {
    const zip = new Zip();
    let stored: StoredEntry[] | null = null;
    try {
      stored = readCentralDirectory(bytes);
    } catch (e) {
      if (!(e instanceof Zip64Error)) throw e;
    }
    if (stored) {
      for (const s of stored) zip.add({ name: s.name, stored: s });
    } else {
      // Zip64 (never written by Excel or LibreOffice for a workbook): let fflate read
      // it whole; entries are then re-compressed on write.
      let all: Record<string, Uint8Array>;
      let declared = 0;
      try {
        // Sizes are checked before anything is inflated; fflate then inflates into a
        // buffer of the declared size.
        all = unzipSync(bytes, {
          filter: (f) => {
            zipSteps.count++;
            if (f.originalSize > LIMITS.partBytes) throw new LimitError('partBytes', f.name);
            declared += f.originalSize;
            if (declared > LIMITS.totalBytes) throw new LimitError('totalBytes');
            return true;
          },
        });
      } catch (e) {
        if (e instanceof LimitError) throw e;
        throw new ZipError(`unreadable zip: ${(e as Error).message}`);
      }
      for (const [name, data] of Object.entries(all)) {
        if (data.length > LIMITS.partBytes) throw new LimitError('partBytes', name);
        zip.add({ name, data });
      }
    }
    if (zip.entries.length > LIMITS.entries) throw new LimitError('entries');
    return zip;
  }

  private add(e: Entry): void {
    this.entries.push(e);
    this.byName.set(e.name.toLowerCase(), e);
  }

  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  /** The entry's name as stored, matched case-insensitively. */
  find(name: string): string | undefined {
    return this.byName.get(name.toLowerCase())?.name;
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /**
   * The entry's content. `keep: false` for a part read once (the workbook reader's sheets
   * and strings): it is inflated and handed over without being kept in the entry, so the
   * inflated parts of a 2.000-tab workbook are never all in memory at once. Each such read
   * counts against LIMITS.totalBytes again (a part named by many tabs is read as often).
   */
  get(name: string, keep = true): Uint8Array | undefined {
    const e = this.byName.get(name.toLowerCase());
    if (!e) return undefined;
    if (e.data) return e.data;
    const s = e.stored!;
    if (s.size > LIMITS.partBytes) throw new LimitError('partBytes', s.name);
    if (this.inflated + s.size > LIMITS.totalBytes) throw new LimitError('totalBytes');
    this.inflated += s.size;
    const data = inflate(s);
    if (keep) e.data = data;
    return data;
  }

  /** Uncompressed bytes of the entry (as its directory declares them while unchanged), without inflating it. */
  size(name: string): number | undefined {
    const e = this.byName.get(name.toLowerCase());
    return e ? (e.data?.length ?? e.stored!.size) : undefined;
  }

  /** The entry as text (UTF-8, or UTF-16 with a byte order mark); `keep` as for get. */
  text(name: string, keep = true): string | undefined {
    const data = this.get(name, keep);
    if (!data) return undefined;
    if (data[0] === 0xff && data[1] === 0xfe) return utf16.decode(data.subarray(2));
    return utf8.decode(data);
  }

  put(name: string, content: Uint8Array | string): void {
    const data = typeof content === 'string' ? encoder.encode(content) : content;
    const e = this.byName.get(name.toLowerCase());
    if (e) {
      e.data = data;
      if (e.stored) e.stamp = { time: e.stored.time, date: e.stored.date };
      delete e.stored;
    } else {
      this.add({ name, data });
    }
  }

  remove(name: string): void {
    const e = this.byName.get(name.toLowerCase());
    if (!e) return;
    this.byName.delete(name.toLowerCase());
    this.entries.splice(this.entries.indexOf(e), 1);
  }

  toBytes(): Uint8Array {
    const parts: Uint8Array[] = [];
    const central: Uint8Array[] = [];
    let offset = 0;
    for (const e of this.entries) {
      const s = e.stored ?? compress(e);
      const name = encoder.encode(e.name);
      const flags = (s.flags & ~0x0008) | (/[^\x20-\x7e]/.test(e.name) ? 0x0800 : 0);
      const local = new Uint8Array(30 + name.length);
      const lv = new DataView(local.buffer);
      lv.setUint32(0, 0x04034b50, true);
      lv.setUint16(4, 20, true);
      lv.setUint16(6, flags, true);
      lv.setUint16(8, s.method, true);
      lv.setUint16(10, s.time, true);
      lv.setUint16(12, s.date, true);
      lv.setUint32(14, s.crc, true);
      lv.setUint32(18, s.compressed.length, true);
      lv.setUint32(22, s.size, true);
      lv.setUint16(26, name.length, true);
      local.set(name, 30);

      const cd = new Uint8Array(46 + name.length);
      const cv = new DataView(cd.buffer);
      cv.setUint32(0, 0x02014b50, true);
      cv.setUint16(4, 20, true);
      cv.setUint16(6, 20, true);
      cv.setUint16(8, flags, true);
      cv.setUint16(10, s.method, true);
      cv.setUint16(12, s.time, true);
      cv.setUint16(14, s.date, true);
      cv.setUint32(16, s.crc, true);
      cv.setUint32(20, s.compressed.length, true);
      cv.setUint32(24, s.size, true);
      cv.setUint16(28, name.length, true);
      cv.setUint32(42, offset, true);
      cd.set(name, 46);

      parts.push(local, s.compressed);
      central.push(cd);
      offset += local.length + s.compressed.length;
      if (offset > 0xffffffff) throw new ZipError('workbook too large (over 4 GB)');
    }
    const cdSize = central.reduce((n, c) => n + c.length, 0);
    if (this.entries.length > 0xffff) throw new ZipError('too many zip entries');
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, this.entries.length, true);
    ev.setUint16(10, this.entries.length, true);
    ev.setUint32(12, cdSize, true);
    ev.setUint32(16, offset, true);

    const out = new Uint8Array(offset + cdSize + end.length);
    let at = 0;
    for (const p of [...parts, ...central, end]) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

class Zip64Error extends Error {}

function readCentralDirectory(bytes: Uint8Array): StoredEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  if (n < 22 || view.getUint32(0, true) !== 0x04034b50) throw new ZipError('not a zip file');
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('zip end record not found');
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new Zip64Error();

  if (count > LIMITS.entries) throw new LimitError('entries');
  const out: StoredEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    zipSteps.count++;
    if (p + 46 > n || view.getUint32(p, true) !== 0x02014b50) throw new ZipError('corrupt zip directory');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const time = view.getUint16(p + 12, true);
    const date = view.getUint16(p + 14, true);
    const crc = view.getUint32(p + 16, true);
    const compSize = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (compSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new Zip64Error();
    const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;

    if (flags & 0x0001) throw new ZipError('encrypted zip entry');
    if (method !== 0 && method !== 8) throw new ZipError(`unsupported zip compression ${method}`);
    if (localOffset + 30 > n || view.getUint32(localOffset, true) !== 0x04034b50) {
      throw new ZipError('corrupt zip entry');
    }
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compSize > n) throw new ZipError('truncated zip entry');
    out.push({ name, method, flags, time, date, crc, size, compressed: bytes.subarray(dataStart, dataStart + compSize) });
  }
  return out;
}

/** The entry's bytes, never more than its declared size, checked against its CRC-32. */
function inflate(s: StoredEntry): Uint8Array {
  let data: Uint8Array;
  if (s.method === 0) data = s.compressed;
  else {
    try {
      const out = inflateRawSync(s.compressed, { maxOutputLength: Math.max(1, s.size) });
      data = new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch (e) {
      // Past the declared size (RangeError) or not deflate data at all.
      throw new ZipError(`cannot inflate ${s.name}: ${(e as Error).message}`);
    }
  }
  if (data.length !== s.size) throw new ZipError(`${s.name}: size differs from the zip directory`);
  if (crc32(data) !== s.crc) throw new ZipError(`${s.name}: CRC-32 mismatch`);
  return data;
}

/** 1980-01-01 00:00, as Excel stamps its entries: output does not depend on the clock. */
const DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1;

function compress(e: Entry): StoredEntry {
  const data = e.data!;
  return {
    name: e.name,
    method: 8,
    flags: 0,
    time: e.stamp?.time ?? 0,
    date: e.stamp?.date ?? DOS_DATE_1980,
    crc: crc32(data),
    size: data.length,
    compressed: new Uint8Array(deflateRawSync(data, { level: 6 })),
  };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** zlib's own crc32 where node has it (20.15+), else the table. */
const nativeCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array) => number }).crc32;

export function crc32(data: Uint8Array): number {
  return nativeCrc32 ? nativeCrc32(data) >>> 0 : tableCrc32(data);
}

export function tableCrc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
