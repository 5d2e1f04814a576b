/**
 * The fake's Drive files other than spreadsheets (the meeting's documents): created and
 * updated by multipart upload (Drive "Upload file data": `uploadType=multipart`, a
 * `multipart/related` body of the JSON metadata then the media), listed by the query
 * language's `name = '…'`, `'…' in parents` and `trashed = false` (Drive "Search for files
 * and folders"), answered with the fields asked for, `webViewLink` among them.
 */
import { applyMask } from './mask.js';
import { FakeApiError } from './model.js';

export interface FakeDriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  bytes: Buffer;
  /** How many times its content was uploaded (1 on create). */
  revisions: number;
  trashed: boolean;
}

export const DRIVE_UPLOAD_FIELDS = ['kind', 'id', 'name', 'mimeType', 'parents', 'webViewLink', 'trashed', 'size'];

export function fileOut(f: FakeDriveFile, fields: string | null): Record<string, unknown> {
  const full = {
    kind: 'drive#file', id: f.id, name: f.name, mimeType: f.mimeType, parents: [...f.parents],
    webViewLink: `https://drive.google.com/file/d/${f.id}/view?usp=drivesdk`, trashed: f.trashed, size: String(f.bytes.length),
  };
  return applyMask(full, fields ?? 'kind,id,name,mimeType', DRIVE_UPLOAD_FIELDS);
}

/** The two parts of a `multipart/related` upload: the metadata (JSON) and the media. */
export function parseMultipart(body: Buffer, contentType: string): { metadata: Record<string, unknown>; media: Buffer; mediaType: string } {
  const m = /^multipart\/related;\s*boundary="?([^";]+)"?/i.exec(contentType);
  if (!m) throw new FakeApiError(400, 'Multipart upload must be multipart/related with a boundary');
  const delimiter = Buffer.from(`--${m[1]}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new FakeApiError(400, 'Multipart body not closed');
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    parts.push(body.subarray(start + 2, next - 2));
    at = next;
  }
  if (parts.length !== 2) throw new FakeApiError(400, `Multipart upload needs metadata and media, got ${parts.length} parts`);
  const split = (p: Buffer) => {
    const end = p.indexOf('\r\n\r\n');
    if (end < 0) throw new FakeApiError(400, 'Multipart part without headers');
    const headers = p.subarray(0, end).toString('utf8');
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? '';
    return { type, content: p.subarray(end + 4) };
  };
  const meta = split(parts[0]!);
  const media = split(parts[1]!);
  if (!meta.type.startsWith('application/json')) throw new FakeApiError(400, 'The first part of a multipart upload must be application/json metadata');
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(meta.content.toString('utf8'));
  } catch {
    throw new FakeApiError(400, 'Invalid JSON payload received.');
  }
  return { metadata, media: Buffer.from(media.content), mediaType: media.type };
}

export interface FileQuery {
  name?: string;
  parent?: string;
  trashed?: boolean;
}

/**
 * The part of Drive's query language the app uses: clauses joined by `and`; string
 * literals in single quotes with `\'` and `\\` escaped. Anything else is Drive's 400.
 */
export function parseQuery(q: string): FileQuery {
  const out: FileQuery = {};
  const literal = String.raw`'((?:[^'\\]|\\.)*)'`;
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  const clause = new RegExp(String.raw`^\s*(?:name\s*=\s*${literal}|${literal}\s+in\s+parents|trashed\s*=\s*(true|false))\s*(?:and\b|$)`);
  let rest = q.trim();
  while (rest) {
    const m = clause.exec(rest);
    if (!m) throw new FakeApiError(400, `Invalid Value: q (${q})`, 'invalid');
    if (m[1] !== undefined) out.name = unescape(m[1]);
    else if (m[2] !== undefined) out.parent = unescape(m[2]);
    else out.trashed = m[3] === 'true';
    rest = rest.slice(m[0].length).trim();
  }
  return out;
}

export function matches(f: FakeDriveFile, q: FileQuery): boolean {
  return (q.name === undefined || f.name === q.name) && (q.parent === undefined || f.parents.includes(q.parent)) && (q.trashed === undefined || f.trashed === q.trashed);
}
