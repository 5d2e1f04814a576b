/**
 * scripts/apps-script/Code.gs run in a sandbox with stand-ins for the Apps Script services
 * it uses (Utilities' HMAC gives Java's signed bytes, as the real one does). What it sends
 * is then checked by our own verifier and replayed, byte for byte, to `thidua serve`.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Options } from '../../functions/cli/args.js';
import { initWorkbook } from '../../functions/cli/init.js';
import { startServing, type Serving } from '../../functions/cli/serve.js';
import { EditPing } from '../../functions/cloud/requests.js';
import { sheetKey, verifySignature } from '../../functions/triggers/signature.js';
import { tempDir } from '../support/cli.js';
import { configGs } from '../../functions/cloud/apps-script.js';
import { SECRET } from './support.js';

interface Fetched {
  url: string;
  params: { method: string; contentType: string; payload: string; headers: Record<string, string>; muteHttpExceptions: boolean };
}

const manifest = JSON.parse(readFileSync('scripts/apps-script/appsscript.json', 'utf8'));

/**
 * A fresh sandbox with Code.gs loaded; `answer` is what UrlFetchApp returns; `tabs`: the
 * spreadsheet's tabs as their displayed values (none: a sheet the script cannot read).
 */
function appsScript(properties: Record<string, string>, answer = { code: 200, body: '{"ok":true}' }, config?: Record<string, string>, tabs?: Record<string, string[][]>) {
  const fetched: Fetched[] = [];
  const triggers: { handler: string; kind: string }[] = [];
  const menu: string[] = [];
  const alerts: string[] = [];
  const spreadsheet = {
    getId: () => 'local',
    toast: (m: string, title?: string) => alerts.push(title ? `${title}: ${m}` : m),
    getSheets: () => {
      if (!tabs) throw new Error('no access in this sandbox');
      return Object.entries(tabs).map(([name, rows]) => ({ getName: () => name, getDataRange: () => ({ getDisplayValues: () => rows }) }));
    },
  };
  const ui = {
    createMenu: (title: string) => {
      menu.push(title);
      const m = { addItem: (label: string, fn: string) => (menu.push(`${label} → ${fn}`), m), addSeparator: () => m, addToUi: () => {} };
      return m;
    },
    alert: (...a: unknown[]) => (alerts.push(String(a[0])), 'OK'),
    ButtonSet: { OK_CANCEL: 'OK_CANCEL' },
    Button: { OK: 'OK' },
  };
  const context = createContext({
    console,
    SpreadsheetApp: { getUi: () => ui, getActiveSpreadsheet: () => spreadsheet },
    PropertiesService: { getScriptProperties: () => ({ getProperty: (k: string) => properties[k] ?? null }) },
    Utilities: {
      Charset: { UTF_8: 'UTF-8' },
      computeHmacSha256Signature: (value: string, key: string) =>
        Array.from(createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(value, 'utf8')).digest(), (b) => (b > 127 ? b - 256 : b)),
    },
    UrlFetchApp: {
      fetch: (url: string, params: Fetched['params']) => {
        fetched.push({ url, params });
        return { getResponseCode: () => answer.code, getContentText: () => answer.body };
      },
    },
    ScriptApp: {
      getIdentityToken: () => 'id-token-of-the-person',
      getProjectTriggers: () => triggers.map((t) => ({ getHandlerFunction: () => t.handler, t })),
      deleteTrigger: (x: { t: (typeof triggers)[number] }) => triggers.splice(triggers.indexOf(x.t), 1),
      newTrigger: (handler: string) => {
        const b = { kind: '', forSpreadsheet: () => b, onEdit: () => ((b.kind = 'edit'), b), onChange: () => ((b.kind = 'change'), b), create: () => triggers.push({ handler, kind: b.kind }) };
        return b;
      },
    },
  });
  // Config.gs, as `thidua google setup` writes it, is loaded first (same global scope).
  if (config) runInContext(configGs(config), context, { filename: 'Config.gs' });
  runInContext(readFileSync('scripts/apps-script/Code.gs', 'utf8'), context, { filename: 'Code.gs' });
  const call = (fn: string, ...args: unknown[]) => (context[fn] as (...a: unknown[]) => unknown)(...args);
  return { call, fetched, triggers, menu, alerts };
}

const KEY = sheetKey(SECRET, 'local');
const PROPS = {
  THIDUA_SHEET_KEY: KEY,
  THIDUA_URL_SHEET_EDITED: 'https://fn.example/sheetEdited',
  THIDUA_URL_RECONCILE: 'https://fn.example/reconcile',
  THIDUA_URL_SEND_REPORTS: 'https://fn.example/sendReports',
};

/** An installable onEdit event on tab `sheet`, cell `a1`. */
const editEvent = (sheet: string, a1: string) => ({
  source: { getId: () => 'local' },
  range: { getSheet: () => ({ getName: () => sheet }), getA1Notation: () => a1 },
  user: { getEmail: () => 'nhap.hnd@example.vn' },
});

describe('Apps Script trigger (Code.gs)', () => {
  let served: Serving;
  beforeAll(async () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    await initWorkbook(file, { sample: true, force: false });
    served = await startServing(Options.parse({ workbook: file, port: 0, outbox: join(dir, 'outbox'), ledger: join(dir, 'l.sqlite') }), { THIDUA_WEBHOOK_SECRET: SECRET }, () => {});
  });
  afterAll(async () => served?.close());

  it('adds the "Thi đua" menu with its items', () => {
    const s = appsScript(PROPS);
    s.call('onOpen');
    expect(s.menu).toEqual(['Thi đua', 'Bật tự động chấm điểm → enableAutoScoring', 'Chấm điểm ngay → scoreNow', 'Gửi báo cáo → sendReportsNow', 'Chốt kết quả → lockResults', 'Mở chốt → unlockResults', 'Tạo văn bản → makeDocuments']);
  });

  it('speaks the sheet\'s language: menu and messages in English when Cấu hình says Ngôn ngữ = en', () => {
    const settings = (lang: string) => ({ ' cấu  HÌNH ': [['Mục', 'Giá trị'], ['Tên cụm', 'Khối thi đua'], ['Ngôn ngữ', lang]], HND: [['Mã']] });
    const props = { ...PROPS, THIDUA_URL_LOCK: 'https://fn.example/lock', THIDUA_URL_UNLOCK: 'https://fn.example/unlock' };
    const en = appsScript(props, { code: 200, body: '{"ok":true,"outcome":"locked"}' }, undefined, settings('EN'));
    en.call('onOpen');
    expect(en.menu).toEqual(['Emulation', 'Turn on automatic scoring → enableAutoScoring', 'Score now → scoreNow', 'Send reports → sendReportsNow', 'Lock results → lockResults', 'Unlock results → unlockResults', 'Make documents → makeDocuments']);
    en.call('lockResults');
    en.call('scoreNow');
    // The confirmation's title, then the answer; the toast with its title.
    expect(en.alerts).toEqual(['Lock results', 'Results locked.', 'Emulation: Scored again.']);
    const refused = appsScript(props, { code: 403, body: '{"ok":false,"error":"Only the cluster\'s admins may do this"}' }, undefined, settings('en'));
    refused.call('unlockResults');
    expect(refused.alerts).toEqual(['Unlock results', 'error 403: Only the cluster\'s admins may do this']);

    const vi = appsScript(props, { code: 200, body: '{"ok":true,"outcome":"locked"}' }, undefined, settings('vi'));
    vi.call('onOpen');
    vi.call('lockResults');
    expect(vi.menu[0]).toBe('Thi đua');
    expect(vi.alerts).toEqual(['Chốt kết quả', 'Đã chốt kết quả.']);
  });

  it('"Chốt kết quả" and "Mở chốt" post to lock and unlock with the person\'s identity token', () => {
    const s = appsScript({ ...PROPS, THIDUA_URL_LOCK: 'https://fn.example/lock', THIDUA_URL_UNLOCK: 'https://fn.example/unlock' }, { code: 200, body: '{"ok":true,"outcome":"locked"}' });
    s.call('lockResults');
    s.call('unlockResults');
    expect(s.fetched.map((f) => [f.url, f.params.headers])).toEqual([
      ['https://fn.example/lock', { Authorization: 'Bearer id-token-of-the-person' }],
      ['https://fn.example/unlock', { Authorization: 'Bearer id-token-of-the-person' }],
    ]);
    expect(s.alerts).toContain('Đã chốt kết quả.');
  });

  it('"Tạo văn bản" posts to makeDocuments with the person\'s identity token and says where the files went', () => {
    const answer = { ok: true, draft: true, files: Array.from({ length: 8 }, (_, i) => ({ name: `f${i}`, link: `https://drive.google.com/file/d/${i}/view`, updated: false })) };
    const s = appsScript({ ...PROPS, THIDUA_URL_MAKE_DOCUMENTS: 'https://fn.example/makeDocuments' }, { code: 200, body: JSON.stringify(answer) });
    s.call('makeDocuments');
    expect(s.fetched.map((f) => [f.url, f.params.headers, JSON.parse(f.params.payload).spreadsheetId])).toEqual([
      ['https://fn.example/makeDocuments', { Authorization: 'Bearer id-token-of-the-person' }, 'local'],
    ]);
    expect(s.alerts[0]).toContain('Đã tạo 8 tệp văn bản');
    expect(s.alerts[0]).toContain('DỰ THẢO');
    const refused = appsScript({ ...PROPS, THIDUA_URL_MAKE_DOCUMENTS: 'https://fn.example/makeDocuments' }, { code: 403, body: '{"ok":false,"error":"Việc này chỉ quản trị của cụm được làm"}' });
    refused.call('makeDocuments');
    expect(refused.alerts).toEqual(['lỗi 403: Việc này chỉ quản trị của cụm được làm']);
  });

  it('installs one onEdit and one onChange trigger, even when enabled twice, and scores once', () => {
    const s = appsScript(PROPS);
    s.call('enableAutoScoring');
    s.call('enableAutoScoring');
    expect(s.triggers).toEqual([{ handler: 'onSheetEdit', kind: 'edit' }, { handler: 'onSheetChange', kind: 'change' }]);
    expect(s.fetched.map((f) => [f.url, JSON.parse(f.params.payload)])).toEqual([
      [PROPS.THIDUA_URL_RECONCILE, { spreadsheetId: 'local', force: true, ts: expect.any(Number) }],
      [PROPS.THIDUA_URL_RECONCILE, { spreadsheetId: 'local', force: true, ts: expect.any(Number) }],
    ]);
  });

  it('an edit posts a ping that our verifier accepts, ASCII-only, and that `thidua serve` acts on', async () => {
    const s = appsScript(PROPS);
    s.call('onSheetEdit', editEvent('Tiêu chí', 'C7'));
    expect(s.fetched).toHaveLength(1);
    const { url, params } = s.fetched[0]!;
    expect(url).toBe(PROPS.THIDUA_URL_SHEET_EDITED);
    expect(params.method).toBe('post');
    expect(params.payload).toMatch(/^[\x20-\x7e]*$/);
    const ping = EditPing.parse(JSON.parse(params.payload));
    expect(ping).toMatchObject({ spreadsheetId: 'local', sheet: 'Tiêu chí', range: 'C7', user: 'nhap.hnd@example.vn' });
    const rawBody = Buffer.from(params.payload, 'utf8');
    expect(verifySignature({ header: params.headers['X-Thidua-Signature'], rawBody, keys: [KEY], endpoint: 'sheetEdited', nowMs: Date.now() }).ok).toBe(true);
    expect(verifySignature({ header: params.headers['X-Thidua-Signature'], rawBody, keys: [KEY], endpoint: 'sendReports', nowMs: Date.now() }).ok).toBe(false);

    const res = await fetch(`${served.url}/sheetEdited`, { method: 'POST', body: rawBody, headers: { 'content-type': params.contentType, ...params.headers } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'ran', runs: 1 });
  });

  it('signs with every key given while the secret is being rotated', () => {
    const fresh = sheetKey('new-secret-0123456789', 'local');
    const s = appsScript({ ...PROPS, THIDUA_SHEET_KEY: `${fresh} ${KEY}` });
    s.call('onSheetEdit', editEvent('HND', 'E2'));
    const { params } = s.fetched[0]!;
    const header = params.headers['X-Thidua-Signature']!;
    expect(header.match(/v1=/g)).toHaveLength(2);
    for (const key of [fresh, KEY]) {
      expect(verifySignature({ header, rawBody: Buffer.from(params.payload), keys: [key], endpoint: 'sheetEdited', nowMs: Date.now() }).ok).toBe(true);
    }
  });

  it('takes its URLs and key from Config.gs when setup wrote one (no Script Properties needed)', () => {
    const s = appsScript({}, undefined, PROPS);
    s.call('onSheetEdit', editEvent('HND', 'E2'));
    expect(s.fetched.map((f) => f.url)).toEqual([PROPS.THIDUA_URL_SHEET_EDITED]);
  });

  it('"Gửi báo cáo" carries the person\'s identity token, not the sheet\'s signature', () => {
    const s = appsScript(PROPS);
    s.call('sendReportsNow');
    expect(s.fetched).toHaveLength(1);
    expect(s.fetched[0]!.url).toBe(PROPS.THIDUA_URL_SEND_REPORTS);
    expect(s.fetched[0]!.params.headers).toEqual({ Authorization: 'Bearer id-token-of-the-person' });
  });

  it('structural changes ping; cell edits and formatting seen by onChange do not (onEdit tells those)', () => {
    const s = appsScript(PROPS);
    for (const changeType of ['EDIT', 'FORMAT', 'INSERT_ROW', 'REMOVE_GRID']) s.call('onSheetChange', { changeType, source: { getId: () => 'local' } });
    expect(s.fetched.map((f) => JSON.parse(f.params.payload).spreadsheetId)).toEqual(['local', 'local']);
  });

  it('a trigger never throws at the editor: a missing setting or a refused ping is only logged', () => {
    const s = appsScript({}, { code: 401, body: '{"ok":false,"error":"Chữ ký của yêu cầu không hợp lệ"}' });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (m: unknown) => void errors.push(m);
    try {
      expect(() => s.call('onSheetEdit', editEvent('HND', 'E2'))).not.toThrow();
      const withProps = appsScript(PROPS, { code: 401, body: '{"ok":false,"error":"Chữ ký của yêu cầu không hợp lệ"}' });
      expect(() => withProps.call('onSheetEdit', editEvent('HND', 'E2'))).not.toThrow();
    } finally {
      console.error = original;
    }
    expect(errors.map(String)).toEqual([
      expect.stringContaining('Chưa đặt THIDUA_URL_SHEET_EDITED'),
      expect.stringContaining('lỗi 401: Chữ ký của yêu cầu không hợp lệ'),
    ]);
  });

  it('asks only for least-privilege scopes: the identity token, this spreadsheet, its menu, its triggers, outgoing requests, the editor\'s email', () => {
    expect(manifest.oauthScopes).toEqual([
      'openid',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
    expect(manifest.runtimeVersion).toBe('V8');
  });
});
