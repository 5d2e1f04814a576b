/**
 * "Tạo văn bản" in the cloud (functions/cloud/documents.ts), served by functions-framework
 * from functions/index.ts, against the fake Google through the real @googleapis clients:
 * the meeting's documents land in the spreadsheet's Drive folder and are linked in Nhật ký.
 */
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../functions/index.js';
import { provideDeps, provideVerifier } from '../../functions/cloud/runtime.js';
import type { Ledger } from '../../functions/ledger/port.js';
import { sheetKey, signatureHeader } from '../../functions/triggers/signature.js';
import { TAB } from '../../sheets-schema/layout.js';
import { FakeGoogle, seedSpreadsheet } from '../support/fake-google/index.js';
import { clusterWorkbook } from '../sheets/google/fixture.js';
import { OIDC_ENV, personToken, verify } from './id-tokens.js';
import { SECRET, fakeDeps, listen, post, tempLedger } from './support.js';

const ADMIN = 'chanhvanphong@so-noi-vu.gov.vn';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let fake: FakeGoogle;
let ledger: Ledger;
let id: string;
const url: Record<string, string> = {};
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  process.env.THIDUA_WEBHOOK_SECRET = SECRET;
  Object.assign(process.env, OIDC_ENV);
  provideVerifier(verify);
  fake = await FakeGoogle.start();
  ledger = tempLedger();
  provideDeps(() => fakeDeps(fake, ledger));
  for (const name of ['makeDocuments', 'lock']) {
    const served = await listen(getTestServer(name), name);
    url[name] = served.url;
    closers.push(served.close);
  }
  const book = clusterWorkbook(3);
  id = seedSpreadsheet(fake, { ...book, tabs: [...book.tabs, { name: TAB.ranking, rows: [] }] });
  // As setup leaves it: Xếp hạng protected, editable by the admins only.
  fake.tab(id, TAB.ranking).protectedRanges.push({ protectedRangeId: 7, range: { sheetId: fake.tab(id, TAB.ranking).properties.sheetId }, editors: { users: [ADMIN] } });
  fake.folders.set(id, 'thu-muc-cum-thi-dua');
  await ledger.registerCluster({ id, name: id, registeredAt: 0 });
});
afterAll(async () => {
  for (const close of closers) await close();
  await ledger.close();
  await fake.close();
});

const body = () => JSON.stringify({ spreadsheetId: id, ts: Date.now() });
const asPerson = (email: string, endpoint = 'makeDocuments') => post(url[endpoint]!, body(), { 'content-type': 'application/json', authorization: `Bearer ${personToken(email)}` });

/** The `Nội dung` column of Nhật ký, top to bottom. */
function logLines(): string[] {
  if (!fake.spreadsheet(id).sheets.some((s) => s.properties.title === TAB.log)) return [];
  const tab = fake.tab(id, TAB.log);
  const rows = Object.keys(tab.cells).map((k) => Number(k.split(',')[0]));
  const last = Math.max(0, ...rows);
  return Array.from({ length: last }, (_, r) => String(tab.cells[`${r + 1},2`]?.userEnteredValue?.stringValue ?? ''));
}

const uploads = () => fake.count('drive.files.create') + fake.count('drive.files.update');

describe('"Tạo văn bản" (makeDocuments)', () => {
  it("refuses the sheet's key alone and a unit's account (403): nothing uploaded, nothing logged", async () => {
    const raw = body();
    const keyOnly = await post(url.makeDocuments!, raw, {
      'content-type': 'application/json',
      'x-thidua-signature': signatureHeader(raw, sheetKey(SECRET, id), Math.floor(Date.now() / 1000), 'makeDocuments'),
    });
    expect(keyOnly.status).toBe(403);
    const unit = await asPerson('nhap.dv01@example.vn');
    expect(unit.status).toBe(403);
    expect(uploads()).toBe(0);
    expect(fake.driveFiles.size).toBe(0);
    expect(logLines()).toEqual([]);
  });

  it('while the documents of this sheet are being made, a second click is asked to wait (503): no copies', async () => {
    expect(await ledger.acquireLease(`documents:${id}`, 'another-click', Date.now(), 60_000)).toBe(true);
    const r = await asPerson(ADMIN);
    await ledger.releaseLease(`documents:${id}`, 'another-click');
    expect(r.status).toBe(503);
    expect(uploads()).toBe(0);
  });

  it('a folder the functions may not write in is told in Vietnamese, with the fix; nothing is logged', async () => {
    fake.inject({ endpoint: 'drive.files.create', status: 403 });
    const r = await asPerson(ADMIN);
    expect(r.status).toBe(500);
    expect(r.body.error).toContain('chia sẻ thư mục đó (quyền Người chỉnh sửa) cho tài khoản dịch vụ');
    expect(fake.driveFiles.size).toBe(0);
    expect(logLines()).toEqual([]);
  });

  it('an admin gets the four documents as .docx and .pdf in the sheet\'s folder, each linked in Nhật ký, marked draft before the lock', async () => {
    const before = logLines().length;
    const r = await asPerson(ADMIN);
    expect(r.status).toBe(200);
    expect(r.body.draft).toBe(true);
    const files = [...fake.driveFiles.values()];
    const kinds = files.map((f) => /^(Bang-tong-hop|Bien-ban-hop|To-trinh|Giao-uoc)-.+\.(docx|pdf)$/.exec(f.name)?.slice(1).join('.'));
    expect(kinds.sort()).toEqual(['Bang-tong-hop', 'Bien-ban-hop', 'Giao-uoc', 'To-trinh'].flatMap((n) => [`${n}.docx`, `${n}.pdf`]));
    expect(files).toHaveLength(8);
    for (const f of files) {
      expect(f.parents).toEqual(['thu-muc-cum-thi-dua']);
      if (f.name.endsWith('.pdf')) {
        expect(f.mimeType).toBe('application/pdf');
        expect(f.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      } else {
        expect(f.mimeType).toBe(DOCX);
        expect(f.bytes.subarray(0, 2).toString()).toBe('PK'); // a zip, as every .docx is
      }
    }
    const lines = logLines().slice(before);
    expect(lines).toHaveLength(8);
    for (const f of files) {
      const link = `https://drive.google.com/file/d/${f.id}/view?usp=drivesdk`;
      expect(lines).toContain(`Tạo văn bản ${f.name} (dự thảo): ${link}`);
    }
    // Written as plain text: the link is a string, not a formula.
    expect(fake.tab(id, TAB.log).cells[`${before + 1},2`]?.userEnteredValue).toHaveProperty('stringValue');
  });

  it('asked again after the lock, it updates the same eight files (same ids, same links, new content) instead of adding copies', async () => {
    const first = new Map([...fake.driveFiles.values()].map((f) => [f.name, { id: f.id, bytes: f.bytes }]));
    expect((await asPerson(ADMIN, 'lock')).body).toMatchObject({ ok: true, outcome: 'locked' });
    const before = logLines().length;
    fake.resetCounts();

    const r = await asPerson(ADMIN);

    expect(r.status).toBe(200);
    expect(r.body.draft).toBe(false);
    expect(fake.count('drive.files.create')).toBe(0);
    expect(fake.count('drive.files.update')).toBe(8);
    expect(fake.driveFiles.size).toBe(8);
    for (const f of fake.driveFiles.values()) {
      expect(first.get(f.name)?.id).toBe(f.id);
      expect(f.revisions).toBe(2);
    }
    // The locked documents lose "DỰ THẢO": the Biên bản's PDF changed.
    const bienBan = [...fake.driveFiles.values()].find((f) => f.name.startsWith('Bien-ban-hop') && f.name.endsWith('.pdf'))!;
    expect(bienBan.bytes.equals(first.get(bienBan.name)!.bytes)).toBe(false);
    const lines = logLines().slice(before);
    expect(lines).toHaveLength(8);
    expect(lines.every((l) => l.startsWith('Cập nhật văn bản ') && !l.includes('dự thảo'))).toBe(true);
    expect(lines).toContain(`Cập nhật văn bản ${bienBan.name}: https://drive.google.com/file/d/${bienBan.id}/view?usp=drivesdk`);
  });
});
