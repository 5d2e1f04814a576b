/**
 * Cloud-path figures: Sheets API calls per run (counted by the loopback fake Google, through
 * the real clients), runs per burst of 50 pings, and the cold start of the functions
 * module next to the Google client packages it could have used.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cloudHandlers } from '../../functions/cloud/handlers.js';
import { sheetKey, signatureHeader } from '../../functions/triggers/signature.js';
import { FakeGoogle, seedSpreadsheet } from '../support/fake-google/index.js';
import { clusterWorkbook } from '../sheets/google/fixture.js';
import { SECRET, fakeDeps, tempLedger } from '../cloud/support.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round1 = (x: number) => Math.round(x * 10) / 10;

export async function cloudBench(): Promise<Record<string, unknown>> {
  const fake = await FakeGoogle.start();
  const ledger = tempLedger();
  try {
    const deps = await fakeDeps(fake, ledger);
    const h = cloudHandlers({ deps: async () => deps, env: { THIDUA_WEBHOOK_SECRET: SECRET }, log: () => {} });
    const ping = (id: string) => {
      const body = JSON.stringify({ spreadsheetId: id, sheet: 'DV01', range: 'E2', user: '', ts: Date.now() });
      return h.sheetEdited({
        method: 'POST',
        headers: { 'x-thidua-signature': signatureHeader(body, sheetKey(SECRET, id), Math.floor(Date.now() / 1000), 'sheetEdited') },
        rawBody: Buffer.from(body),
      });
    };
    const registered = async (units: number) => {
      const id = seedSpreadsheet(fake, clusterWorkbook(units));
      await ledger.registerCluster({ id, name: id, registeredAt: Date.now() });
      return id;
    };

    const perRun = [];
    for (const units of [5, 20, 60]) {
      const id = await registered(units);
      await ping(id); // warm-up
      fake.resetCounts();
      const t = performance.now();
      await ping(id);
      const ms = performance.now() - t;
      perRun.push({
        units,
        sheetsCalls: fake.sheetsCalls(),
        driveCalls: fake.count('drive.files.get'),
        pingToRankingMs: round1(ms),
      });
    }

    const bursts = [];
    for (let trial = 0; trial < 3; trial++) {
      const id = await registered(20);
      fake.resetCounts();
      const answers = [];
      const t = performance.now();
      for (let i = 0; i < 50; i++) {
        if (i % 10 === 0) fake.editAsPerson(id, 'DV02', 'E2', 10 * (i / 10 + 1));
        answers.push(ping(id));
        if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5));
      }
      const statuses = (await Promise.all(answers)).map((a) => a.status);
      bursts.push({
        runs: fake.count('sheets.batchUpdate'),
        queued: statuses.filter((s) => s === 202).length,
        sheetsCalls: fake.sheetsCalls(),
        ms: Math.round(performance.now() - t),
      });
    }

    return {
      note:
        'Sheets calls per edit ping (1 spreadsheets.get + 1 batchUpdate) and Drive calls (1 files.get for the version, sent with the read), ' +
        'against the loopback fake through the real clients; burst = 50 pings over 20 units with 5 edits in between, in-process handlers, SQLite ledger',
      perRun,
      burstOf50Pings: bursts,
      coldStart: coldStart(),
    };
  } finally {
    await ledger.close();
    await fake.close();
  }
}

/** Fresh `node --import tsx` processes importing one thing: wall time (median of 5) and peak RSS. */
function coldStart(): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-cold-'));
  const measure = (code: string) => {
    const times: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < 6; i++) {
      const rssFile = join(dir, `rss-${i}`);
      const t = performance.now();
      execFileSync(process.execPath, ['--import', 'tsx', '--import', './test/bench/rss.mjs', '--input-type=module', '-e', code], {
        env: { ...process.env, THIDUA_BENCH_RSS: rssFile },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (i === 0) continue; // warm the disk cache
      times.push(performance.now() - t);
      rss.push(Number(readFileSync(rssFile, 'utf8')));
    }
    return { ms: Math.round(median(times)), peakRssMB: round1(median(rss) / 1e6) };
  };
  const nothing = measure('0');
  const functionsModule = measure("await import('./functions/index.ts')");
  const firstRun = measure(
    "await import('./functions/index.ts'); await Promise.all([import('./functions/cloud/deps.ts'), import('./functions/cloud/score.ts'), " +
      "import('./functions/ledger/firestore.ts'), import('firebase-admin/app'), import('firebase-admin/firestore'), " +
      "import('./functions/sheets/google/adapter.ts'), import('./functions/google/clients.ts'), import('./functions/google/auth.ts')])",
  );
  const perApi = measure("await Promise.all([import('@googleapis/sheets'), import('@googleapis/drive'), import('@googleapis/gmail')])");
  const umbrella = measure("await import('googleapis')");
  return {
    note:
      'wall time of a fresh `node --import tsx` process that imports the module, and its peak RSS; `nothing` is node + tsx alone. ' +
      '`functionsModule` is functions/index.ts as Cloud Functions loads it (firebase-admin and the clients load on first request); ' +
      '`functionsFirstRequest` adds what the first sheetEdited run imports; googleapis 171.4.0 (devDependency) for comparison',
    nothing,
    functionsModule,
    functionsFirstRequest: firstRun,
    googleapisPerApiSheetsDriveGmail: perApi,
    googleapisUmbrella: umbrella,
  };
}
