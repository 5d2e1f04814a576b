/**
 * `thidua google new-year` through the real @googleapis clients against the fake Google
 * (issue 12, item 1 on a Google Sheet): from a sheet holding the 2023 provincial block,
 * locked in the ledger, the 2024 spreadsheet made by the setup path — rotated head and
 * deputy, empty inputs, Lịch sử carried and protected, script bound, shared, registered —
 * then a run of it: every unit "missing", and a hand edit of Lịch sử warned.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell, TabSnapshot, WorkbookSnapshot } from '../../functions/core/cell.js';
import { centsToNumber } from '../../functions/core/format.js';
import { Options } from '../../functions/cli/args.js';
import { initWorkbook } from '../../functions/cli/init.js';
import { googleNewYearCommand } from '../../functions/cli/google-new-year.js';
import { SETUP_SCOPES } from '../../functions/cli/google-setup.js';
import { driveClient, scriptClient, sheetsClient } from '../../functions/google/clients.js';
import { userCredentials } from '../../functions/google/user-oauth.js';
import type { Ledger } from '../../functions/ledger/port.js';
import { lockResults } from '../../functions/meeting/lock.js';
import { runOnce } from '../../functions/pipeline.js';
import { GoogleSheetWorkbook } from '../../functions/sheets/google/adapter.js';
import { units } from '../../functions/sheets/google/setup.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { sheetKey } from '../../functions/triggers/signature.js';
import { ENTRY_HEADERS, HISTORY_HEADERS, SETTING, TAB } from '../../sheets-schema/layout.js';
import { FakeGoogle } from '../support/fake-google/index.js';
import { seedSpreadsheet } from '../support/fake-google/seed.js';
import { tempDir } from '../support/cli.js';
import { SECRET, tempLedger } from './support.js';

const ADMIN = 'chanhvanphong@so-noi-vu.example';
const RUNTIME = 'thidua-runtime@du-an.iam.gserviceaccount.com';
const LOCKED_AT = Date.parse('2023-12-20T03:00:00Z');

const tab = (wb: WorkbookSnapshot, name: string): TabSnapshot => wb.tabs.find((t) => t.name === name)!;
const v = (c: Cell | undefined) => (c == null ? null : c.v);
const setting = (wb: WorkbookSnapshot, key: string) => v(tab(wb, TAB.settings).rows.find((r) => r[0]?.v === key)?.[1]);
const col = (t: TabSnapshot, header: string) => (t.rows[0] ?? []).findIndex((c) => c?.v === header);

let fake: FakeGoogle;
let ledger: Ledger;
let g: { rootUrl: string; auth: Awaited<ReturnType<typeof userCredentials>> };
let oldId: string;
let newId: string;
let said: string;
let locked: Awaited<ReturnType<typeof lockResults>>;
let oldVersion: string;
let functions: string;

function capture() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (c: Buffer) => (text += c.toString()));
  return { stream: s, text: () => text };
}
const newYear = (id: string, extra: Record<string, unknown> = {}) => {
  const out = capture();
  const err = capture();
  const code = googleNewYearCommand(id, Options.parse({ admin: [ADMIN, RUNTIME], functions, ...extra }), {
    sheets: sheetsClient(g), drive: driveClient(g), script: scriptClient(g), ledger, env: { THIDUA_WEBHOOK_SECRET: SECRET }, out: out.stream, err: err.stream,
  });
  return code.then((c) => ({ code: c, out: out.text(), err: err.text() }));
};

const workbook = (id: string) => new GoogleSheetWorkbook(sheetsClient(g), driveClient(g), id, { sleep: async () => {} });

beforeAll(async () => {
  fake = await FakeGoogle.start();
  const dir = tempDir();
  const file = join(dir, 'khoi-2023.xlsx');
  await initWorkbook(file, { sample: true, force: false });
  oldId = seedSpreadsheet(fake, readXlsx(new Uint8Array(readFileSync(file)), 'Thi đua 2023'));
  fake.spreadsheet(oldId).owner = ADMIN;

  // The administrator signs in once (installed-app loopback flow), as for `google setup`.
  const clientIdFile = join(dir, 'client.json');
  writeFileSync(clientIdFile, JSON.stringify({ installed: { client_id: 'tinh-123.apps.googleusercontent.com', client_secret: 'GOCSPX-fake', redirect_uris: ['http://localhost'] } }));
  const auth = await userCredentials({
    clientIdFile, scopes: SETUP_SCOPES, cacheFile: join(dir, 'token.json'), tokenUrl: `${fake.rootUrl}token`,
    ask: (url) => void fetch(`${new URL(url).searchParams.get('redirect_uri')}/?code=${encodeURIComponent(fake.grantCode(ADMIN, url))}&scope=x`),
  });
  g = { rootUrl: fake.rootUrl, auth };

  // 2023 scored and locked in the ledger; then a figure typed after the lock, which must not count.
  ledger = tempLedger();
  locked = await lockResults({ workbook: workbook(oldId), ledger, cluster: oldId, trigger: 'cli', now: () => LOCKED_AT, by: ADMIN });
  expect(locked.outcome).toBe('locked');
  const hpn = tab((await workbook(oldId).read()).snapshot, 'HPN');
  const row = hpn.rows.findIndex((r) => r[0]?.v === '2.1');
  fake.editAsPerson(oldId, 'HPN', `${String.fromCharCode(65 + col(hpn, ENTRY_HEADERS.actual))}${row + 1}`, 4000);
  oldVersion = (await workbook(oldId).read()).version;

  functions = join(dir, 'functions.json');
  writeFileSync(functions, JSON.stringify({ sheetEdited: 'https://sheetedited-abc-as.a.run.app', reconcile: 'https://reconcile-abc-as.a.run.app', sendReports: 'https://sendreports-abc-as.a.run.app' }));
  const r = await newYear(oldId);
  expect(r.code, r.err).toBe(0);
  said = r.out;
  newId = /Mã bảng tính: (\S+)/.exec(said)![1]!;
});

afterAll(async () => {
  await ledger?.close();
  await fake?.close();
});

describe('thidua google new-year, from the 2023 provincial block on a Google Sheet', () => {
  it('says what it carried and left, the new sheet\'s address and the one step left', () => {
    expect(newId).not.toBe(oldId);
    expect(said).toContain('Thi đua – Khối thi đua các tổ chức chính trị - xã hội tỉnh – 2024');
    const url = /Địa chỉ: (\S+)/.exec(said)![1]!;
    expect(url).toContain(newId);
    expect(said).toContain(`Đã tạo ${url}: năm 2024.`);
    expect(said).toContain('Cụm trưởng MTTQ (Ủy ban MTTQ Việt Nam tỉnh), Cụm phó LDLD (Liên đoàn Lao động tỉnh) (luân phiên)');
    expect(said).toMatch(/Lịch sử: 6 dòng năm 2023 \(kết quả đã chốt lúc 20\/12\/2023/);
    expect(said).toMatch(/Không mang sang:\n\s+- Số liệu của các đơn vị/);
    expect(said).toContain(`Bảng tính năm 2023 (${oldId}) giữ nguyên`);
    expect(said).toContain('"Thi đua" → "Bật tự động chấm điểm"');
  });

  it('leaves this year\'s sheet as it was', async () => {
    expect((await workbook(oldId).read()).version).toBe(oldVersion);
  });

  it('creates 2024 with the MTTQ head and LĐLĐ deputy, the same units and criteria, every input empty', async () => {
    const next = (await workbook(newId).read()).snapshot;
    expect(setting(next, SETTING.year)).toBe(2024);
    expect(setting(next, SETTING.head)).toBe('MTTQ');
    expect(setting(next, SETTING.deputy)).toBe('LDLD');
    const old = (await workbook(oldId).read()).snapshot;
    expect(tab(next, TAB.units).rows.map((r) => r.map(v))).toEqual(tab(old, TAB.units).rows.map((r) => r.map(v)));
    const codes = units(tab(next, TAB.units)).map((u) => u.code);
    expect(codes).toHaveLength(6);
    for (const code of codes) {
      const t = tab(next, code);
      expect(t.rows.length).toBeGreaterThan(1);
      for (const h of [ENTRY_HEADERS.target, ENTRY_HEADERS.actual, ENTRY_HEADERS.selfScore, ENTRY_HEADERS.evidence]) {
        expect(t.rows.slice(1).map((r) => v(r[col(t, h)]) ?? ''), `${code} ${h}`).toEqual(t.rows.slice(1).map(() => ''));
      }
    }
  });

  it('carries Lịch sử with the locked 2023 results, protected for the admins only, and recorded in the ledger', async () => {
    const next = (await workbook(newId).read()).snapshot;
    const h = tab(next, TAB.history);
    expect(h.rows[0]!.map(v)).toEqual(Object.values(HISTORY_HEADERS));
    const rows = h.rows.slice(1).filter((r) => r.some((c) => v(c) !== null && v(c) !== ''));
    if (locked.outcome !== 'locked') throw new Error('not locked');
    const ev = locked.run.outcome === 'ok' ? locked.run.evaluation : null;
    expect(ev).not.toBeNull();
    expect(rows.map((r) => [v(r[0]), v(r[1]), v(r[3]), v(r[4])])).toEqual(
      expect.arrayContaining(ev!.units.map((u) => [2023, u.code, u.rank, centsToNumber(u.total)])),
    );
    expect(rows).toHaveLength(6);
    const sheet = fake.spreadsheet(newId).sheets.find((s) => s.properties.title === TAB.history)!;
    expect(sheet.protectedRanges.map((p) => p.editors?.users)).toEqual([[ADMIN, RUNTIME]]);
    expect(await ledger.getCarriedHistory(newId)).toMatchObject({ from: oldId, rows: expect.any(Array) });
  });

  it('binds the script with the new sheet\'s key, shares it with every Người nhập liệu, registers it', async () => {
    const project = [...fake.scripts.values()].find((p) => p.parentId === newId)!;
    expect(project.files.find((f) => f.name === 'Config')!.source).toContain(sheetKey(SECRET, newId));
    const shared = fake.permissions.get(newId)!.map((p) => p.emailAddress.toLowerCase());
    const next = (await workbook(newId).read()).snapshot;
    const people = units(tab(next, TAB.units)).flatMap((u) => u.editors);
    expect(people.length).toBeGreaterThan(0);
    for (const p of [...people, ADMIN, RUNTIME]) expect(shared).toContain(p.toLowerCase());
    expect(await ledger.getCluster(newId)).toMatchObject({ id: newId, name: 'Khối thi đua các tổ chức chính trị - xã hội tỉnh' });
  });

  it('a run of the new sheet scores every unit "missing"; a hand edit of Lịch sử is warned', async () => {
    const first = await runOnce({ workbook: workbook(newId), ledger, cluster: newId, trigger: 'cli', now: () => LOCKED_AT + 86_400_000 });
    expect(first.outcome).toBe('ok');
    if (first.outcome !== 'ok') return;
    expect(first.evaluation.units.map((u) => u.status)).toEqual(first.evaluation.units.map(() => 'missing'));
    expect(first.evaluation.units).toHaveLength(6);
    expect(first.evaluation.issues.filter((i) => i.code.startsWith('history-'))).toEqual([]);

    fake.editAsPerson(newId, TAB.history, 'D2', 1 + Number(v(tab((await workbook(newId).read()).snapshot, TAB.history).rows[1]![3])));
    const second = await runOnce({ workbook: workbook(newId), ledger, cluster: newId, trigger: 'cli', now: () => LOCKED_AT + 2 * 86_400_000 });
    if (second.outcome !== 'ok') throw new Error(second.outcome);
    expect(second.evaluation.issues.filter((i) => i.code.startsWith('history-'))).toEqual([expect.objectContaining({ code: 'history-edited' })]);
  });

  it('a second call makes no second 2024 sheet: it names the first and asks for --force', async () => {
    const before = fake.spreadsheets.size;
    const r = await newYear(oldId);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`đã được sang năm mới: Khối thi đua các tổ chức chính trị - xã hội tỉnh (mã ${newId}`);
    expect(r.err).toContain('--force');
    expect(fake.spreadsheets.size).toBe(before);
  });

  it('a sheet it cannot find: exit 2, a Vietnamese reason, nothing created or registered', async () => {
    const before = fake.spreadsheets.size;
    const clusters = (await ledger.listClusters()).length;
    const r = await newYear('khong-co-bang-tinh-nay');
    expect(r.code).toBe(2);
    expect(r.err).toContain('khong-co-bang-tinh-nay');
    expect(fake.spreadsheets.size).toBe(before);
    expect((await ledger.listClusters()).length).toBe(clusters);
  });
});
