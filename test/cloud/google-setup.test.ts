/**
 * `thidua google setup` and registering an existing sheet, through the real clients against
 * the fake Google: Sheets, Drive sharing, the Apps Script API and the OAuth token endpoint,
 * as the administrator's own account (signed in by the installed-app loopback flow).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Options } from '../../functions/cli/args.js';
import { initWorkbook } from '../../functions/cli/init.js';
import { googleSetupCommand, SETUP_SCOPES } from '../../functions/cli/google-setup.js';
import { NotSharedError, registerSpreadsheet } from '../../functions/cloud/register.js';
import { driveClient, scriptClient, sheetsClient } from '../../functions/google/clients.js';
import { userCredentials } from '../../functions/google/user-oauth.js';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { sheetKey } from '../../functions/triggers/signature.js';
import { SYSTEM_TABS, TAB } from '../../sheets-schema/layout.js';
import { FakeGoogle } from '../support/fake-google/index.js';
import { tempDir } from '../support/cli.js';
import { SECRET, tempLedger } from './support.js';

const ADMIN = 'chanhvanphong@so-noi-vu.example';
const RUNTIME = 'thidua-runtime@du-an.iam.gserviceaccount.com';
let fake: FakeGoogle;
beforeAll(async () => void (fake = await FakeGoogle.start()));
afterAll(async () => fake.close());

function capture() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (c: Buffer) => (text += c.toString()));
  return { stream: s, text: () => text };
}

/** Signs in as `user` the way a person would in the browser: consent, then Google redirects to our loopback. */
async function signIn(user: string, dir: string) {
  const clientIdFile = join(dir, 'client.json');
  writeFileSync(clientIdFile, JSON.stringify({ installed: { client_id: 'tinh-123.apps.googleusercontent.com', client_secret: 'GOCSPX-fake', redirect_uris: ['http://localhost'] } }));
  const cacheFile = join(dir, 'config', 'thidua', 'google-token.json');
  const asked: string[] = [];
  const auth = await userCredentials({
    clientIdFile,
    scopes: SETUP_SCOPES,
    cacheFile,
    tokenUrl: `${fake.rootUrl}token`,
    ask: (url) => {
      asked.push(url);
      const redirect = new URL(url).searchParams.get('redirect_uri')!;
      void fetch(`${redirect}/?code=${encodeURIComponent(fake.grantCode(user, url))}&scope=x`);
    },
  });
  return { auth, asked, cacheFile, clientIdFile };
}

function functionsFile(dir: string): string {
  const f = join(dir, 'functions.json');
  const u = (n: string) => `https://${n.toLowerCase()}-abc-as.a.run.app`;
  writeFileSync(f, JSON.stringify({ sheetEdited: u('sheetEdited'), reconcile: u('reconcile'), sendReports: u('sendReports'), lock: u('lock'), unlock: u('unlock') }));
  return f;
}

describe('thidua google setup', () => {
  it('creates the sheet, binds its Apps Script (URLs and its own key), shares it with each Người nhập liệu and the admins, registers it, and names the one step left', async () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    await initWorkbook(file, { sample: true, force: false });
    const ledgerPath = join(dir, 'ledger.sqlite');
    const { auth, asked, cacheFile } = await signIn(ADMIN, dir);
    // Least scope: no Drive-wide access; the loopback redirect; PKCE.
    const scopes = new URL(asked[0]!).searchParams.get('scope')!.split(' ');
    expect(scopes).toEqual(['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.file', 'https://www.googleapis.com/auth/script.projects']);
    expect(new URL(asked[0]!).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(cacheFile).mode & 0o777).toBe(0o600);

    const out = capture();
    const g = { rootUrl: fake.rootUrl, auth };
    const code = await googleSetupCommand(Options.parse({ from: file, admin: [ADMIN, RUNTIME], ledger: ledgerPath, functions: functionsFile(dir) }), {
      sheets: sheetsClient(g), drive: driveClient(g), script: scriptClient(g), env: { THIDUA_WEBHOOK_SECRET: SECRET }, out: out.stream,
    });
    expect(code).toBe(0);

    const id = /Mã bảng tính: (\S+)/.exec(out.text())![1]!;
    const ss = fake.spreadsheet(id);
    expect(ss.owner).toBe(ADMIN); // the administrator's own file, not a robot's
    expect(ss.properties.title).toBe('Thi đua – Khối thi đua các tổ chức chính trị - xã hội tỉnh – 2023');
    expect(ss.sheets.map((s) => s.properties.title)).toEqual(expect.arrayContaining([TAB.settings, TAB.units, TAB.criteria, 'HND', ...SYSTEM_TABS]));

    // The bound script: Code.gs and the manifest as in the repository, Config.gs with this sheet's key.
    const project = [...fake.scripts.values()].find((p) => p.parentId === id)!;
    expect(project.files.map((f) => f.name).sort()).toEqual(['Code', 'Config', 'appsscript']);
    expect(project.files.find((f) => f.name === 'Code')!.source).toBe(readFileSync('scripts/apps-script/Code.gs', 'utf8'));
    const config = project.files.find((f) => f.name === 'Config')!.source;
    expect(config).toContain(sheetKey(SECRET, id));
    expect(config).toContain('https://sheetedited-abc-as.a.run.app');
    expect(config).not.toContain(SECRET);

    // Shared as writers: the admins, and each unit's data-entry accounts (protections limit them to their tab).
    const shared = fake.permissions.get(id)!.map((p) => [p.emailAddress, p.role]);
    expect(shared).toEqual(expect.arrayContaining([[ADMIN, 'writer'], [RUNTIME, 'writer']]));
    const hnd = ss.sheets.find((s) => s.properties.title === 'HND')!.protectedRanges[0]!.editors!.users!;
    const hndPeople = hnd.filter((u) => u !== ADMIN && u !== RUNTIME);
    expect(hndPeople.length).toBeGreaterThan(0);
    for (const u of hndPeople) expect(shared).toContainEqual([u, 'writer']);
    expect(fake.requests('drive.permissions.create').map((r) => r.query.get('sendNotificationEmail'))).toContain('false'); // the robot gets no email

    const ledger = openSqliteLedger(ledgerPath);
    expect(await ledger.getCluster(id)).toMatchObject({ id, name: 'Khối thi đua các tổ chức chính trị - xã hội tỉnh', processedVersion: null });
    await ledger.close();
    expect(out.text()).toContain('"Thi đua" → "Bật tự động chấm điểm"');
    expect(out.text()).not.toContain('Chưa có tài khoản dịch vụ');

    // Signed in once: the cached refresh token is used next time, no browser.
    const again = await userCredentials({ clientIdFile: join(dir, 'client.json'), scopes: SETUP_SCOPES, cacheFile, tokenUrl: `${fake.rootUrl}token`, ask: () => { throw new Error('asked again'); } });
    expect((await again.getAccessToken()).token).toMatch(/^ya29\./);
  });

  it('with the Apps Script API off for the user: says where to turn it on, shares and registers nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    await initWorkbook(file, { sample: true, force: false });
    const { auth } = await signIn('nguoi.khac@so-noi-vu.example', dir);
    fake.appsScriptApiOff.add('nguoi.khac@so-noi-vu.example');
    const err = capture();
    const ledger = tempLedger();
    const g = { rootUrl: fake.rootUrl, auth };
    const before = fake.requests('drive.permissions.create').length;
    const code = await googleSetupCommand(Options.parse({ from: file, admin: [RUNTIME], functions: functionsFile(dir) }), {
      sheets: sheetsClient(g), drive: driveClient(g), script: scriptClient(g), ledger, env: { THIDUA_WEBHOOK_SECRET: SECRET }, err: err.stream, out: capture().stream,
    });
    expect(code).toBe(3);
    expect(err.text()).toContain('https://script.google.com/home/usersettings');
    expect(fake.requests('drive.permissions.create').length).toBe(before);
    expect(await ledger.listClusters()).toEqual([]);
    await ledger.close();
  });

  it('without the secret or the functions\' URLs: refuses before creating anything', async () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    await initWorkbook(file, { sample: true, force: false });
    const before = fake.spreadsheets.size;
    const e1 = capture();
    expect(await googleSetupCommand(Options.parse({ from: file, functions: functionsFile(dir) }), { sheets: sheetsClient({ rootUrl: fake.rootUrl }), drive: driveClient({ rootUrl: fake.rootUrl }), script: scriptClient({ rootUrl: fake.rootUrl }), env: {}, err: e1.stream })).toBe(1);
    expect(e1.text()).toContain('THIDUA_WEBHOOK_SECRET');
    const e2 = capture();
    mkdirSync(join(dir, 'none'));
    expect(await googleSetupCommand(Options.parse({ from: file, functions: join(dir, 'none', 'functions.json') }), { sheets: sheetsClient({ rootUrl: fake.rootUrl }), drive: driveClient({ rootUrl: fake.rootUrl }), script: scriptClient({ rootUrl: fake.rootUrl }), env: { THIDUA_WEBHOOK_SECRET: SECRET }, err: e2.stream })).toBe(1);
    expect(e2.text()).toContain('deploy.sh');
    expect(fake.spreadsheets.size).toBe(before);
  });

  it('a file that is not a cluster workbook: exit 2, a Vietnamese reason, nothing created', async () => {
    const err = capture();
    const dir = tempDir();
    const before = fake.spreadsheets.size;
    const code = await googleSetupCommand(Options.parse({ from: join(dir, 'khong-co.xlsx'), functions: functionsFile(dir) }), {
      sheets: sheetsClient({ rootUrl: fake.rootUrl }), drive: driveClient({ rootUrl: fake.rootUrl }), script: scriptClient({ rootUrl: fake.rootUrl }), env: { THIDUA_WEBHOOK_SECRET: SECRET }, err: err.stream,
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
