/**
 * A province at the deadline, against the quota-enforcing fake Google:
 *   30 clusters × 15 units, every unit editing (3 times each) in the last 10 minutes;
 *   one service account for all (Sheets: 60 reads and 60 writes a minute per user,
 *   300 per project), the real handlers, clients, budget, retries and coalescing, a SQLite
 *   ledger, and Cloud Scheduler's reconcile every 5 minutes.
 * Time is compressed: the fake, the ledger's leases, the budget and every wait run on a
 * clock going SPEED times faster than the wall (the CPU time of a run counts SPEED times).
 * Reported: lost edits (a cluster whose final ranking differs from a fresh run on its final
 * content), runs refused for quota, p50/p95 edit → ranking latency in simulated seconds.
 *
 *   node --import tsx test/bench/province.ts [--speed 10] [--clusters 30] [--units 15]
 * Writes its figures under "province" in bench/results.json (the rest of the file is kept).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cloudHandlers, burstPause } from '../../functions/cloud/handlers.js';
import { cloudDepsFromEnv } from '../../functions/cloud/deps.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { centsToNumber } from '../../functions/core/format.js';
import { GoogleSheetWorkbook } from '../../functions/sheets/google/adapter.js';
import { driveClient, sheetsClient } from '../../functions/google/clients.js';
import type { WorkbookPort } from '../../functions/sheets/port.js';
import { sheetKey, signatureHeader } from '../../functions/triggers/signature.js';
import { RANKING_HEADERS } from '../../sheets-schema/layout.js';
import { FakeGoogle, seedSpreadsheet } from '../support/fake-google/index.js';
import { clusterWorkbook, unitCode } from '../sheets/google/fixture.js';
import { OIDC_ENV, idToken, verify } from '../cloud/id-tokens.js';
import { SECRET, rankingOf, tempLedger } from '../cloud/support.js';

const { values } = parseArgs({ options: { speed: { type: 'string' }, clusters: { type: 'string' }, units: { type: 'string' }, edits: { type: 'string' } } });
const SPEED = Number(values.speed ?? 10);
const CLUSTERS = Number(values.clusters ?? 30);
const UNITS = Number(values.units ?? 15);
const EDITS_PER_UNIT = Number(values.edits ?? 3);
const WINDOW_MS = 10 * 60_000;
const MINUTE = 60_000;

// ── the compressed clock ────────────────────────────────────────────────────
const wallStart = Date.now();
const simStart = Date.UTC(2026, 11, 15, 9, 50, 0); // 10 minutes before a 10:00 deadline (UTC)
const now = () => simStart + (Date.now() - wallStart) * SPEED;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms / SPEED)));
const at = (simMs: number) => sleep(simMs - now());

const fake = await FakeGoogle.start({ quota: true, now });
const ledger = tempLedger();
const base = await cloudDepsFromEnv({}, {
  google: { rootUrl: fake.rootUrl },
  ledger,
  retry: { sleep, now },
  budget: { user: 'runtime', now, sleep },
});

// Each run: when it read (what it saw) and when its ranking landed.
const runs = new Map<string, { readAt: number; writtenAt: number }[]>();
const deps = {
  ...base,
  transport: () => null,
  workbook(id: string): WorkbookPort {
    const wb = base.workbook(id);
    let readAt = 0;
    return {
      async read() {
        readAt = now(); // the read sees every edit made before it was sent
        return wb.read();
      },
      async write(edits, version) {
        const v = await wb.write(edits, version);
        (runs.get(id) ?? runs.set(id, []).get(id)!).push({ readAt, writtenAt: now() });
        return v;
      },
      version: () => wb.version(),
    };
  },
};
const h = cloudHandlers({
  deps: async () => deps,
  env: { THIDUA_WEBHOOK_SECRET: SECRET, ...OIDC_ENV },
  verifyIdToken: verify,
  now,
  log: () => {},
  burstPauseMs: (n) => burstPause(n),
  reportWaitMs: 60_000,
});
// coalescedRun sleeps with real timers: pauses are given in simulated ms, so scale them.
const scaledHandlers = { ...h };

// ── the province ───────────────────────────────────────────────────────────
const ids: string[] = [];
for (let c = 0; c < CLUSTERS; c++) {
  const id = seedSpreadsheet(fake, clusterWorkbook(UNITS));
  await ledger.registerCluster({ id, name: `Cụm ${c + 1}`, registeredAt: now() });
  ids.push(id);
}

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
interface Edit { id: string; unit: string; at: number; value: number }
const edits: Edit[] = [];
for (const id of ids) {
  for (let u = 0; u < UNITS; u++) {
    for (let k = 0; k < EDITS_PER_UNIT; k++) edits.push({ id, unit: unitCode(u), at: simStart + rand() * WINDOW_MS, value: Math.round(10 + rand() * 110) });
  }
}
edits.sort((a, b) => a.at - b.at);

const answers: Promise<{ status: number }>[] = [];
const ping = (e: Edit, seq: number) => {
  const body = JSON.stringify({ spreadsheetId: e.id, sheet: e.unit, range: 'E2', user: '', ts: Math.floor(e.at) * 1000 + seq });
  return scaledHandlers.sheetEdited({
    method: 'POST',
    headers: { 'x-thidua-signature': signatureHeader(body, sheetKey(SECRET, e.id), Math.floor(now() / 1000), 'sheetEdited') },
    rawBody: Buffer.from(body),
  });
};
const reconcile = () =>
  scaledHandlers.reconcile({ method: 'POST', headers: { authorization: `Bearer ${idToken({})}` }, rawBody: Buffer.from('{}') });

// Cloud Scheduler: reconcile every 5 minutes (simulated), on the clock's 5-minute marks.
let schedulerOn = true;
const scheduler = (async () => {
  let next = Math.ceil(now() / (5 * MINUTE)) * 5 * MINUTE;
  while (schedulerOn) {
    await at(next);
    if (!schedulerOn) break;
    answers.push(reconcile());
    next += 5 * MINUTE;
  }
})();

const madeAt: number[] = [];
let seq = 0;
for (const e of edits) {
  await at(e.at);
  fake.editAsPerson(e.id, e.unit, 'E2', e.value); // the person's edit lands …
  madeAt.push(now());
  (e as Edit & { madeAt: number }).madeAt = now();
  answers.push(ping(e, seq++)); // … and Apps Script's onEdit posts the ping
}
await Promise.all(answers);
// The deadline has passed: what the scheduler's next reconcile would catch.
const tail = now();
await at(Math.ceil(tail / (5 * MINUTE)) * 5 * MINUTE);
schedulerOn = false;
await reconcile();
await Promise.all(answers);
await scheduler.catch(() => {});

// ── figures ────────────────────────────────────────────────────────────────
const latencies: number[] = [];
let unseen = 0;
for (const e of edits as (Edit & { madeAt: number })[]) {
  const done = (runs.get(e.id) ?? []).filter((r) => r.readAt >= e.madeAt).map((r) => r.writtenAt);
  if (done.length === 0) unseen++;
  else latencies.push((Math.min(...done) - e.madeAt) / 1000);
}
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;

let lost = 0;
const sheets = sheetsClient({ rootUrl: fake.rootUrl });
const drive = driveClient({ rootUrl: fake.rootUrl });
for (const id of ids) {
  const fresh = evaluate((await new GoogleSheetWorkbook(sheets, drive, id, { sleep, now })
    .read().catch(async () => { await sleep(MINUTE); return new GoogleSheetWorkbook(sheets, drive, id).read(); })).snapshot).evaluation;
  const expected = fresh.units.map((u) => [u.code, centsToNumber(u.total)]);
  const shown = rankingOf(fake, id).map((r) => [r[RANKING_HEADERS.code], r[RANKING_HEADERS.total]]);
  if (JSON.stringify(expected) !== JSON.stringify(shown)) lost++;
}
const recorded = (await Promise.all(ids.map((id) => ledger.recentRuns(id, 10_000)))).flat();
const figures = {
  measuredAt: new Date().toISOString(),
  setup: `${CLUSTERS} clusters × ${UNITS} units, ${EDITS_PER_UNIT} edits per unit in the last 10 minutes (${edits.length} edits), one service account; Sheets quotas enforced per user (60/60 a minute) and per project (300/300); time ×${SPEED}`,
  edits: edits.length,
  lostEdits: lost,
  editsNeverScored: unseen,
  quotaRefusals: fake.quota!.refused.read + fake.quota!.refused.write,
  failedRuns: recorded.filter((r) => r.outcome === 'failed').length,
  runs: recorded.length,
  sheetsCalls: fake.sheetsCalls(),
  peakPerMinute: fake.quota!.peak,
  editToRankingSeconds: { p50: Number(pct(50).toFixed(1)), p95: Number(pct(95).toFixed(1)), max: Number((latencies.at(-1) ?? NaN).toFixed(1)) },
  simulatedMinutes: Number(((now() - simStart) / MINUTE).toFixed(1)),
  wallSeconds: Number(((Date.now() - wallStart) / 1000).toFixed(1)),
};
console.log(JSON.stringify(figures, null, 2));

const file = 'bench/results.json';
const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
results.province = figures;
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
await ledger.close();
await fake.close();
process.exit(0);
