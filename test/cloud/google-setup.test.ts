/**
 * `thidua google setup` and registering an existing sheet, through the real clients: the
 * fake Google for Sheets and Drive, and a small loopback stand-in for Drive's sharing
 * endpoint (which the fake does not speak).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Options } from '../../functions/cli/args.js';
import { initWorkbook } from '../../functions/cli/init.js';
import { googleSetupCommand } from '../../functions/cli/google-setup.js';
import { NotSharedError, registerSpreadsheet } from '../../functions/cloud/register.js';
import { driveClient, sheetsClient } from '../../functions/google/clients.js';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { SYSTEM_TABS, TAB } from '../../sheets-schema/layout.js';
import { FakeGoogle } from '../support/fake-google/index.js';
import { tempDir } from '../support/cli.js';
import { tempLedger } from './support.js';

let fake: FakeGoogle;
let sharing: Server;
let sharingUrl: string;
const shared: { fileId: string; query: string; body: any }[] = [];

beforeAll(async () => {
  fake = await FakeGoogle.start();
  sharing = createServer((req, res) => {
    const m = /^\/drive\/v3\/files\/([^/]+)\/permissions/.exec(req.url ?? '');
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || !m) {
        res.writeHead(404).end();
        return;
      }
      shared.push({ fileId: decodeURIComponent(m[1]!), query: new URL(req.url!, 'http://x').search, body: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `perm-${shared.length}` }));
    });
  });
  await new Promise<void>((ok) => sharing.listen(0, '127.0.0.1', ok));
  sharingUrl = `http://127.0.0.1:${(sharing.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await fake.close();
  await new Promise<void>((ok) => sharing.close(() => ok()));
});

function capture() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (c: Buffer) => (text += c.toString()));
  return { stream: s, text: () => text };
}

describe('thidua google setup', () => {
  it('creates the cluster sheet from the xlsx, shares it with the admins, registers it, and says what next', async () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    await initWorkbook(file, { sample: true, force: false });
    const ledgerPath = join(dir, 'ledger.sqlite');
    const out = capture();
    const admins = ['chanhvanphong@so-noi-vu.example', 'thidua-runtime@du-an.iam.gserviceaccount.com'];
    const code = await googleSetupCommand(Options.parse({ from: file, admin: admins, ledger: ledgerPath }), {
      sheets: sheetsClient({ rootUrl: fake.rootUrl }),
      drive: driveClient({ rootUrl: sharingUrl }),
      out: out.stream,
    });
    expect(code).toBe(0);

    const id = /Mã bảng tính: (\S+)/.exec(out.text())![1]!;
    const ss = fake.spreadsheet(id);
    expect(ss.properties.title).toBe('Thi đua – Khối thi đua các tổ chức chính trị - xã hội tỉnh – 2023');
    expect(ss.sheets.map((s) => s.properties.title)).toEqual(expect.arrayContaining([TAB.settings, TAB.units, TAB.criteria, 'HND', ...SYSTEM_TABS]));
    expect(out.text()).toContain(`https://docs.google.com/spreadsheets/d/${id}/edit`);

    expect(shared.map((s) => [s.fileId, s.body])).toEqual(admins.map((a) => [id, { type: 'user', role: 'writer', emailAddress: a }]));
    expect(shared.map((s) => new URLSearchParams(s.query).get('sendNotificationEmail'))).toEqual(['true', 'false']);

    const ledger = openSqliteLedger(ledgerPath);
    expect(await ledger.getCluster(id)).toMatchObject({ id, name: 'Khối thi đua các tổ chức chính trị - xã hội tỉnh', processedVersion: null });
    await ledger.close();
    expect(out.text()).toContain('Bật tự động chấm điểm');
    expect(out.text()).not.toContain('Chưa có tài khoản dịch vụ');
  });

  it('a file that is not a cluster workbook: exit 2, a Vietnamese reason, nothing created', async () => {
    const err = capture();
    const before = fake.spreadsheets.size;
    const code = await googleSetupCommand(Options.parse({ from: join(tempDir(), 'khong-co.xlsx') }), {
      sheets: sheetsClient({ rootUrl: fake.rootUrl }),
      drive: driveClient({ rootUrl: sharingUrl }),
      err: err.stream,
    });
    expect(code).toBe(2);
    expect(err.text()).toContain('Không tìm thấy tệp');
    expect(fake.spreadsheets.size).toBe(before);
  });
});

describe('registerSpreadsheet', () => {
  const clients = () => ({ sheets: sheetsClient({ rootUrl: fake.rootUrl }), drive: driveClient({ rootUrl: fake.rootUrl }) });

  it('registers a sheet it can open, under its title', async () => {
    const id = fake.addSpreadsheet('Cụm thi đua số 3', [{ name: TAB.settings }]);
    const ledger = tempLedger();
    const r = await registerSpreadsheet({ ledger, ...clients(), spreadsheetId: id, now: 5 });
    expect(r).toEqual({ id, name: 'Cụm thi đua số 3', version: 'drive:1' });
    expect(await ledger.getCluster(id)).toEqual({ id, name: 'Cụm thi đua số 3', processedVersion: null, registeredAt: 5 });
    await ledger.close();
  });

  it('refuses a sheet it cannot open, saying to share it with the service account', async () => {
    const ledger = tempLedger();
    const err = await registerSpreadsheet({ ledger, ...clients(), spreadsheetId: 'not-shared-with-us', now: 5, retry: { sleep: async () => {} } }).catch((e) => e);
    expect(err).toBeInstanceOf(NotSharedError);
    expect(err.message).toContain('chia sẻ bảng tính');
    expect(await ledger.listClusters()).toEqual([]);
    await ledger.close();
  });
});
