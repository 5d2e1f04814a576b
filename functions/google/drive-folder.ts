/**
 * The documents into the Google Sheet's own Drive folder (MEETING.md: "Tạo văn bản").
 *
 * The folder is the spreadsheet's parent (`files.get fields=parents`). A name already there
 * is updated in place (`files.update`: same id, same link, a new revision) rather than piling
 * up copies: found by `files.list` with a name + parent query, so nothing has to be
 * remembered between calls and a file a person moved away is simply made again. Under the
 * `drive.file` scope the list sees only files this app made, so a person's own file that
 * happens to bear the same name is never overwritten. Uploads are multipart (metadata and
 * content in one request; every document is far below Drive's 5 MB for that kind).
 */
import { Readable } from 'node:stream';
import type { RenderedFile } from '../documents/index.js';
import type { DocumentShelf, PlacedFile } from '../documents/shelf.js';
import type { drive_v3 } from './clients.js';
import { GoogleCallError, withRetry, type RetryOptions } from './retry.js';

/** A literal in Drive's query language: single quotes, with `'` and `\` escaped. */
export const driveLiteral = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export class NoFolderError extends Error {
  constructor(readonly spreadsheetId: string, detail?: string) {
    super(
      `Không ghi được vào thư mục Drive chứa bảng tính ${spreadsheetId}: chia sẻ thư mục đó (quyền Người chỉnh sửa) cho tài khoản ` +
        `dịch vụ mà các hàm dùng, hoặc để bảng tính trong một bộ nhớ dùng chung (shared drive), rồi bấm lại "Tạo văn bản".${detail ? ` (${detail})` : ''}`,
    );
    this.name = 'NoFolderError';
  }
}

export function driveFolderShelf(
  drive: drive_v3.Drive, spreadsheetId: string, o: { retry?: RetryOptions | undefined; rootUrl?: string | undefined } = {},
): DocumentShelf {
  const common = { supportsAllDrives: true } as const;
  const retry = o.retry;
  // googleapis-common applies a client's `rootUrl` to every URL but the upload one (it swaps
  // in `mediaUrl` after the rewrite): an upload is told its root per call.
  const upload = (s: { signal: AbortSignal; timeout: number }) => (o.rootUrl ? { ...s, rootUrl: o.rootUrl } : s);
  return {
    async put(files: readonly RenderedFile[]): Promise<PlacedFile[]> {
      const got = await withRetry('Drive files.get', (s) => drive.files.get({ fileId: spreadsheetId, fields: 'parents', ...common }, s), retry);
      const folder = got.data.parents?.[0];
      if (!folder) throw new NoFolderError(spreadsheetId);
      const placed: PlacedFile[] = [];
      for (const f of files) {
        const q = `name = ${driveLiteral(f.name)} and ${driveLiteral(folder)} in parents and trashed = false`;
        const listed = await withRetry(
          'Drive files.list',
          (s) => drive.files.list({ q, fields: 'files(id,name,webViewLink)', pageSize: 10, includeItemsFromAllDrives: true, ...common }, s),
          retry,
        );
        const existing = listed.data.files?.[0]?.id;
        // A fresh stream per attempt: a retried upload sends the whole content again.
        const media = () => ({ mimeType: f.type, body: Readable.from([f.bytes]) });
        const fields = 'id,name,webViewLink';
        const res = await (existing
          ? withRetry('Drive files.update', (s) => drive.files.update({ fileId: existing, requestBody: { name: f.name }, media: media(), fields, ...common }, upload(s)), retry)
          : withRetry(
              'Drive files.create',
              (s) => drive.files.create({ requestBody: { name: f.name, parents: [folder], mimeType: f.type }, media: media(), fields, ...common }, upload(s)),
              retry,
            )
        ).catch((e: unknown) => {
          // The folder is there but not ours to write in: the same advice as no folder at all.
          if (!existing && e instanceof GoogleCallError && (e.status === 404 || e.status === 403)) throw new NoFolderError(spreadsheetId, e.message);
          throw e;
        });
        const link = res.data.webViewLink ?? `https://drive.google.com/file/d/${res.data.id}/view`;
        placed.push({ name: f.name, link, updated: Boolean(existing) });
      }
      return placed;
    },
  };
}
