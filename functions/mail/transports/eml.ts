/**
 * The embedded default transport: each message becomes `<dir>/sent/<key>.eml`, written to
 * a temporary name and renamed, so a reader never sees half a file. A key already on disk
 * is not written again: this transport is idempotent by itself.
 */
import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailTransport } from '../transport.js';

export function openEmlTransport(dir: string): MailTransport {
  const sent = join(dir, 'sent');
  return {
    async send(raw, _envelope, key) {
      if (!/^[0-9a-f]{16,128}$/.test(key)) throw new Error(`Khóa thư không hợp lệ / invalid message key: ${key}`);
      await mkdir(sent, { recursive: true });
      const path = join(sent, `${key}.eml`);
      if (await exists(path)) return { id: path };
      const tmp = join(sent, `.${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        await writeFile(tmp, raw, { flag: 'wx' });
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      return { id: path };
    },
    async close() {},
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
