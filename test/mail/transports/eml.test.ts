import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTransport } from '../../../functions/mail/transport.js';
import { openEmlTransport } from '../../../functions/mail/transports/eml.js';

const root = mkdtempSync(join(tmpdir(), 'thidua-eml-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const KEY = 'ab'.repeat(32);
const envelope = { from: 'thidua@localhost', to: ['hnd@example.vn'] };

describe('eml transport', () => {
  it('writes <dir>/sent/<key>.eml and leaves no temporary file behind', async () => {
    const dir = join(root, 'a');
    const t = openEmlTransport(dir);
    const { id } = await t.send(Buffer.from('Subject: x\r\n\r\nmột\r\n'), envelope, KEY);
    expect(id).toBe(join(dir, 'sent', `${KEY}.eml`));
    expect(readFileSync(id, 'utf8')).toBe('Subject: x\r\n\r\nmột\r\n');
    expect(readdirSync(join(dir, 'sent'))).toEqual([`${KEY}.eml`]);
  });

  it('does not write a key twice: the first message stays as it was', async () => {
    const dir = join(root, 'b');
    const t = openEmlTransport(dir);
    await t.send(Buffer.from('first'), envelope, KEY);
    await t.send(Buffer.from('second'), envelope, KEY);
    expect(readFileSync(join(dir, 'sent', `${KEY}.eml`), 'utf8')).toBe('first');
  });

  it('refuses a key that is not a hash (no path tricks)', async () => {
    const t = openEmlTransport(join(root, 'c'));
    await expect(t.send(Buffer.from('x'), envelope, '../../etc/passwd')).rejects.toThrow(/không hợp lệ/);
  });

  it('is the default when no SMTP server is configured', async () => {
    const dir = join(root, 'd');
    const t = openTransport({ outboxDir: dir, env: {} });
    await t.send(Buffer.from('x'), envelope, KEY);
    expect(readdirSync(join(dir, 'sent'))).toEqual([`${KEY}.eml`]);
  });
});
