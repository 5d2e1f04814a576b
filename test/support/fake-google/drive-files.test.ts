/** The fake's Drive query reading agrees with how the app writes queries (google/drive-folder.ts). */
import { describe, expect, it } from 'vitest';
import { driveLiteral } from '../../../functions/google/drive-folder.js';
import { parseMultipart, parseQuery } from './drive-files.js';

describe('fake Drive files', () => {
  it("reads back a name with quotes and backslashes as the app escapes it", () => {
    const name = "Biên bản họp 'Khối' C:\\2023.pdf";
    expect(parseQuery(`name = ${driveLiteral(name)} and ${driveLiteral('thu-muc')} in parents and trashed = false`)).toEqual({
      name, parent: 'thu-muc', trashed: false,
    });
  });

  it('answers a query it does not understand with a 400, as Drive does an invalid one', () => {
    expect(() => parseQuery("name contains 'Bien'")).toThrow(/Invalid Value/);
    expect(() => parseQuery("name = 'unclosed")).toThrow(/Invalid Value/);
  });

  it('splits a multipart/related upload into its metadata and its exact bytes', () => {
    const media = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x0d, 0x0a, 0x00, 0xff]);
    const body = Buffer.concat([
      Buffer.from('--b1\r\ncontent-type: application/json\r\n\r\n{"name":"a.pdf"}\r\n--b1\r\ncontent-type: application/pdf\r\n\r\n'),
      media,
      Buffer.from('\r\n--b1--'),
    ]);
    const parsed = parseMultipart(body, 'multipart/related; boundary=b1');
    expect(parsed.metadata).toEqual({ name: 'a.pdf' });
    expect(parsed.mediaType).toBe('application/pdf');
    expect(parsed.media.equals(media)).toBe(true);
  });
});
