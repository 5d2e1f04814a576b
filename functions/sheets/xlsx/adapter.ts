/**
 * The workbook port for an `.xlsx` file on disk. The version is the sha256 of the file's
 * bytes: a write refuses when the file is no longer what was read (someone saved in
 * between), and replaces the file atomically (temp file in the same folder, then rename)
 * so that Excel, LibreOffice or a file watcher never see half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { SheetEdits, WorkbookSnapshot } from '../../core/cell.js';
import { WorkbookChangedError, WorkbookUnusableError, type WorkbookPort } from '../port.js';
import { readXlsx } from './read.js';
import { applyEdits } from './write.js';

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
    const out = applyEdits(bytes, edits, this.path);
    const { mode } = await stat(this.path);
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
      // Last look before replacing: a save that landed while we patched wins.
      if (sha256(await this.bytes()) !== version) throw new WorkbookChangedError();
      await rename(temp, this.path);
      return sha256(out);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw e;
    }
  }

  async version(): Promise<string> {
    return sha256(await this.bytes());
  }

  private async bytes(): Promise<Uint8Array> {
    try {
      return await readFile(this.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkbookUnusableError({ code: 'not-found', path: this.path });
      if (code === 'EISDIR') throw new WorkbookUnusableError({ code: 'not-a-workbook', path: this.path, detail: 'a folder' });
      throw e;
    }
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
