/**
 * The workbook port for an `.xlsx` file on disk. The version is the sha256 of the file's
 * bytes: a write refuses when the file is no longer what was read (someone saved in
 * between), and replaces the file atomically (temp file in the same folder, then rename)
 * so that Excel, LibreOffice or a file watcher never see half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { renameSync, statSync, type BigIntStats } from 'node:fs';
import { open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { SheetEdits, WorkbookSnapshot } from '../../core/cell.js';
import { WorkbookChangedError, WorkbookOpenError, WorkbookUnusableError, type WorkbookPort } from '../port.js';
import { readXlsx } from './read.js';
import { applyEdits } from './write.js';
import { processAlive } from '../../process-alive.js';

/** The owner marked the file read-only (no write bit; the read-only attribute on Windows): never replaced. */
export class WorkbookReadOnlyError extends Error {
  constructor(readonly path: string) {
    super(`workbook ${path} is read-only`);
    this.name = 'WorkbookReadOnlyError';
  }
}

/** `.<name>.<pid>-<hex>.tmp`: the temp file a write renames over the workbook. */
const TEMP = /^\.(.+)\.(\d+)-[0-9a-f]{8}\.tmp$/;
/** A temp file older than this belongs to no write in progress, whatever its pid. */
const TEMP_STALE_MS = 60 * 60_000;

export class XlsxWorkbook implements WorkbookPort {
  constructor(readonly path: string) {}

  async read(): Promise<{ snapshot: WorkbookSnapshot; version: string }> {
    const bytes = await this.bytes();
    const title = basename(this.path, extname(this.path));
    return { snapshot: readXlsx(bytes, title, this.path), version: sha256(bytes) };
  }

  async write(edits: SheetEdits, version: string): Promise<string> {
    const bytes = await this.bytes();
    if (sha256(bytes) !== version) throw new WorkbookChangedError();
    const { mode } = await stat(this.path);
    // Renaming over a read-only file would succeed on POSIX: the owner's intent is checked here.
    if ((mode & 0o222) === 0) throw new WorkbookReadOnlyError(this.path);
    if (await this.openInExcel()) throw new WorkbookOpenError(this.path);
    await this.removeStaleTemps();
    const out = applyEdits(bytes, edits, this.path);
    const temp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    try {
      const fh = await open(temp, 'wx', mode & 0o777);
      try {
        await fh.writeFile(out);
        await fh.chmod(mode & 0o7777);
        await fh.sync();
      } finally {
        await fh.close();
      }
      // Last look before replacing: a save that landed while we patched wins. The bytes
      // are compared, then — right before the rename, with nothing in between — the file's
      // identity: a save by rename (a new inode) in the last instant is caught too. POSIX has
      // no compare-and-rename, so a save can still slip between those two system calls.
      const last = await this.bytesWithIdentity();
      if (sha256(last.bytes) !== version) throw new WorkbookChangedError();
      try {
        if (!sameFile(statSync(this.path, { bigint: true }), last.identity)) throw new WorkbookChangedError();
        renameSync(temp, this.path);
      } catch (e) {
        // Windows: a file Excel holds open cannot be replaced.
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EBUSY' || code === 'EPERM') throw new WorkbookOpenError(this.path);
        throw e;
      }
      return sha256(out);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw e;
    }
  }

  /**
   * Excel's owner file beside the workbook: `~$` and the name, or, for longer names, `~$`
   * in place of the first two characters. It exists while Excel has the file open.
   */
  async openInExcel(): Promise<boolean> {
    const name = basename(this.path);
    const dir = dirname(this.path);
    for (const owner of new Set([`~$${name}`, `~$${name.slice(2)}`])) {
      if (await stat(join(dir, owner)).then(() => true, () => false)) return true;
    }
    return false;
  }

  /** Temp files left by a killed run (its process is gone, or the file is old) are removed. */
  async removeStaleTemps(): Promise<void> {
    const dir = dirname(this.path);
    const name = basename(this.path);
    let files: string[];
    try {
      files = await readdir(dir);
    } catch {
      return;
    }
    for (const f of files) {
      const m = TEMP.exec(f);
      if (!m || m[1] !== name) continue;
      const pid = Number(m[2]);
      const path = join(dir, f);
      const old = await stat(path).then((s) => Date.now() - s.mtimeMs > TEMP_STALE_MS, () => false);
      if (pid !== process.pid && (old || !processAlive(pid))) await unlink(path).catch(() => undefined);
    }
  }

  async version(): Promise<string> {
    return sha256(await this.bytes());
  }

  private async bytes(): Promise<Uint8Array> {
    return (await this.bytesWithIdentity(false)).bytes;
  }

  /** The file's bytes and, read from the same open file, what identifies that version of it. */
  private async bytesWithIdentity(identity = true): Promise<{ bytes: Uint8Array; identity: BigIntStats | null }> {
    try {
      if (!identity) return { bytes: await readFile(this.path), identity: null };
      const fh = await open(this.path, 'r');
      try {
        const id = await fh.stat({ bigint: true });
        return { bytes: await fh.readFile(), identity: id };
      } finally {
        await fh.close();
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkbookUnusableError({ code: 'not-found', path: this.path });
      if (code === 'EISDIR') throw new WorkbookUnusableError({ code: 'not-a-workbook', path: this.path, detail: 'a folder' });
      throw e;
    }
  }
}

/** The same file, unchanged since `b` was taken: same inode, size and change times (nanoseconds). */
function sameFile(a: BigIntStats, b: BigIntStats | null): boolean {
  return b !== null && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

