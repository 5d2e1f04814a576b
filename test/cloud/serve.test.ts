/**
 * `thidua serve`: the cloud handlers on one real loopback port over an `.xlsx` file and a
 * SQLite ledger — the workbook is the registered spreadsheet `local`.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Options } from '../../functions/cli/args.js';
import { initWorkbook } from '../../functions/cli/init.js';
import { startServing, type Serving } from '../../functions/cli/serve.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { RANKING_HEADERS, TAB } from '../../sheets-schema/layout.js';
import { tempDir, thidua } from '../support/cli.js';
import { SECRET, post, signedPost } from './support.js';

const dir = tempDir('thidua-serve-');
const file = join(dir, 'khoi.xlsx');
let served: Serving;
const quiet = () => {};

beforeAll(async () => {
  await initWorkbook(file, { sample: true, force: false });
  const options = Options.parse({ workbook: file, port: 0, outbox: join(dir, 'outbox'), ledger: join(dir, 'ledger.sqlite') });
  served = await startServing(options, { THIDUA_WEBHOOK_SECRET: SECRET }, quiet);
});
afterAll(async () => served?.close());

const ping = () => ({ spreadsheetId: 'local', sheet: 'HND', range: 'E2', user: '', ts: Date.now() });

/** `Xếp hạng` of the file: [Mã, Tổng điểm] in order. */
function rankingInFile(): [unknown, unknown][] {
  const snap = readXlsx(readFileSync(file), 'khoi');
  const tab = snap.tabs.find((t) => t.name === TAB.ranking)!;
  const header = tab.rows[0]!.map((c) => c?.v);
  const code = header.indexOf(RANKING_HEADERS.code);
  const total = header.indexOf(RANKING_HEADERS.total);
  return tab.rows.slice(1).filter((r) => r[code]?.v).map((r) => [r[code]!.v, r[total]?.v]);
}

/** What the core computes from the file's inputs now. */
function expectedRanking(): [unknown, unknown][] {
  const ev = evaluate(readXlsx(readFileSync(file), 'khoi')).evaluation;
  return ev.units.map((u) => [u.code, u.total / 100]);
}

describe('thidua serve', () => {
  it('answers healthz', async () => {
    const res = await fetch(`${served.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('refuses a bad signature and an oversized body, leaving the file as it was', async () => {
    const before = readFileSync(file);
    const forged = await signedPost(`${served.url}/sheetEdited`, ping(), { secret: 'not-the-secret-0123456789' });
    expect(forged.status).toBe(401);
    const big = await signedPost(`${served.url}/sheetEdited`, { ...ping(), sheet: 'x'.repeat(100_000) });
    expect(big.status).toBe(413);
    // The same rules as the cloud: the key of `local`, for this function, not the old forms.
    expect((await signedPost(`${served.url}/sheetEdited`, ping(), { sheet: 'other' })).status).toBe(401);
    expect((await signedPost(`${served.url}/sheetEdited`, ping(), { key: SECRET })).status).toBe(401);
    expect((await signedPost(`${served.url}/sheetEdited`, ping(), { endpoint: 'reconcile' })).status).toBe(401);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a signed ping for `local` re-scores the file', async () => {
    const before = readFileSync(file);
    const r = await signedPost(`${served.url}/sheetEdited`, ping());
    expect(r).toEqual({ status: 200, body: { ok: true, outcome: 'ran', runs: 1 } });
    expect(readFileSync(file).equals(before)).toBe(false);
    expect(rankingInFile()).toEqual(expectedRanking());
    expect(rankingInFile()[0]).toEqual(['HND', expect.any(Number)]);
  });

  it('a reconcile that finds nothing changed leaves the file byte-identical', async () => {
    await signedPost(`${served.url}/sheetEdited`, ping());
    const bytes = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const r = await signedPost(`${served.url}/reconcile`, { spreadsheetId: 'local', ts: Date.now() });
    expect(r).toEqual({ status: 200, body: { ok: true, results: [{ spreadsheetId: 'local', outcome: 'unchanged' }], delivered: 0 } });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('a reconcile after a person saved the file re-scores it with their change', async () => {
    const totalOfHnd = () => rankingInFile().find(([code]) => code === 'HND')![1] as number;
    const before = totalOfHnd();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    // HND's 1.1 (Đúng hạn, due 31/01/2023, 1 point per day late) was done on 16/01; now a month late.
    book.getWorksheet('HND')!.getCell('E2').value = '28/02/2023';
    await book.xlsx.writeFile(file);
    const r = await signedPost(`${served.url}/reconcile`, { spreadsheetId: 'local', ts: Date.now() });
    expect(r.body.results).toEqual([{ spreadsheetId: 'local', outcome: 'ran', runs: 1 }]);
    expect(rankingInFile()).toEqual(expectedRanking());
    expect(totalOfHnd()).toBe(before - 5);
  });

  it('a replayed ping is refused: it causes no extra run', async () => {
    const raw = JSON.stringify(ping());
    const { sheetKey, signatureHeader } = await import('../../functions/triggers/signature.js');
    const headers = { 'content-type': 'application/json', 'x-thidua-signature': signatureHeader(raw, sheetKey(SECRET, 'local'), Math.floor(Date.now() / 1000), 'sheetEdited') };
    expect((await post(`${served.url}/sheetEdited`, raw, headers)).status).toBe(200);
    const replay = await post(`${served.url}/sheetEdited`, raw, headers);
    expect(replay.status).toBe(409);
    expect(replay.body.reason).toBe('replay');
  });

  it('sendReports (signed with the key: on this machine whoever holds the secret is the admin) writes the summary and the scorecards to the outbox folder, once', async () => {
    const first = await signedPost(`${served.url}/sendReports`, { spreadsheetId: 'local', ts: Date.now() });
    expect(first.status).toBe(200);
    const sent = readdirSync(join(dir, 'outbox', 'sent')).filter((f) => f.endsWith('.eml'));
    expect(sent.length).toBe(first.body.results[0].sent);
    expect(sent.length).toBeGreaterThan(1);
    const again = await signedPost(`${served.url}/sendReports`, { spreadsheetId: 'local', ts: Date.now() });
    expect(again.body.results[0]).toMatchObject({ queued: 0, sent: 0, duplicates: sent.length });
  });

  it('makeDocuments writes the documents beside the workbook (khoi-van-ban/) and links each in Nhật ký', async () => {
    const r = await signedPost(`${served.url}/makeDocuments`, { spreadsheetId: 'local', ts: Date.now() });
    expect(r.status).toBe(200);
    const out = join(dir, 'khoi-van-ban');
    const names = readdirSync(out).filter((n) => !n.endsWith('.tmp')).sort();
    expect(names).toHaveLength(8);
    expect(r.body.files.map((f: { name: string }) => f.name).sort()).toEqual(names);
    const log = readXlsx(readFileSync(file), 'khoi').tabs.find((t) => t.name === TAB.log)!;
    const lines = log.rows.map((row) => String(row[2]?.v ?? ''));
    for (const name of names) expect(lines.some((l) => l.includes(name) && l.includes(`file://${join(out, name)}`))).toBe(true);
  });

  it('unknown paths are 404', async () => {
    expect((await post(`${served.url}/nothing`, '{}')).status).toBe(404);
  });
});

describe('thidua serve (the command)', () => {
  it('refuses to start without THIDUA_WEBHOOK_SECRET, in Vietnamese', () => {
    const r = thidua(['serve', '--workbook', file, '--port', '0'], { THIDUA_WEBHOOK_SECRET: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Chưa đặt biến môi trường THIDUA_WEBHOOK_SECRET');
  });

  it('serves until SIGTERM, then stops cleanly', async () => {
    const child = spawn(process.execPath, [resolve('bin/thidua.js'), 'serve', '--workbook', file, '--port', '0', '--ledger', join(dir, 'cmd.sqlite')], {
      env: { ...process.env, THIDUA_WEBHOOK_SECRET: SECRET, THIDUA_SMTP_URL: '' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const url = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', () => {
        const m = /tại (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) ok(m[1]!);
      });
      child.once('exit', () => fail(new Error(`exited early: ${out}`)));
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('Đã dừng.');
  });
});
