/**
 * Edit → ranking on the cloud path: a signed `sheetEdited` ping until the ranking is
 * written, through the real @googleapis clients to the loopback fake Google behind a proxy
 * that adds 150 ms to every request (a round trip to Google's servers from a Cloud
 * Function is of that order); 60 units.
 *
 * Two figures: `rankingWrittenMs`, until the fake has applied the ranking's batchUpdate
 * (what a person sees), and `ms`, until the handler answers (the request's whole life:
 * Cloud Run gives CPU only while a request is open, so nothing may be left for after it).
 * `sequentialRequests` is the critical path: the most Google requests on the way that did
 * not overlap one another.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { cloudHandlers } from '../../functions/cloud/handlers.js';
import { sheetKey, signatureHeader } from '../../functions/triggers/signature.js';
import { FakeGoogle, seedSpreadsheet } from '../support/fake-google/index.js';
import { clusterWorkbook } from '../sheets/google/fixture.js';
import { SECRET, fakeDeps, tempLedger } from '../cloud/support.js';
import { median, round } from './measure.js';

async function delayingProxy(target: string, delayMs: number) {
  const to = new URL(target);
  const log: string[] = [];
  /** When each request arrived and when its answer was sent back, in log order. */
  const spans: { from: number; to: number; fake: number }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const span = { from: performance.now(), to: Infinity, fake: 0 };
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      log.push(`${req.method} ${req.url?.split('?')[0]}`);
      spans.push(span);
      setTimeout(() => {
        const sent = performance.now();
        const fwd = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
          r.on('end', () => {
            span.to = performance.now();
            span.fake = span.to - sent; // the fake's own work (in this process) and the loopback hop
          });
        });
        fwd.on('error', () => res.destroy());
        fwd.end(Buffer.concat(chunks));
      }, delayMs);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${to.pathname === '/' ? '' : to.pathname}`;
  return { url, log, spans, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** The most requests of `spans` that follow one another without overlapping (greedy by end). */
function sequential(spans: { from: number; to: number }[]): number {
  let n = 0;
  let free = -Infinity;
  for (const s of [...spans].sort((a, b) => a.to - b.to)) {
    if (s.from >= free) {
      n++;
      free = s.to;
    }
  }
  return n;
}

export async function editToRanking(units = 60, delayMs = 150, rounds = 7) {
  const fake = await FakeGoogle.start();
  const proxy = await delayingProxy(fake.rootUrl, delayMs);
  const ledger = tempLedger();
  try {
    const slow = Object.create(fake, { rootUrl: { value: proxy.url } }) as FakeGoogle;
    const deps = await fakeDeps(slow, ledger);
    const h = cloudHandlers({ deps: async () => deps, env: { THIDUA_WEBHOOK_SECRET: SECRET }, log: () => {} });
    const id = seedSpreadsheet(fake, clusterWorkbook(units));
    await ledger.registerCluster({ id, name: id, registeredAt: Date.now() });
    const ping = async () => {
      const body = JSON.stringify({ spreadsheetId: id, sheet: 'DV01', range: 'E2', user: '', ts: Date.now() });
      const r = await h.sheetEdited({ method: 'POST', headers: { 'x-thidua-signature': signatureHeader(body, sheetKey(SECRET, id), Math.floor(Date.now() / 1000), 'sheetEdited') }, rawBody: Buffer.from(body) });
      if (r.status >= 300) throw new Error(`sheetEdited answered ${r.status}`);
    };
    await ping(); // warm-up: imports, first run
    const times: number[] = [];
    const written: number[] = [];
    const chains: number[] = [];
    const inFake: number[] = [];
    let requests: string[] = [];
    let landed = 0;
    fake.onApiChange = () => void (landed = performance.now()); // told right after the fake applied a batchUpdate
    const cpu = process.cpuUsage();
    for (let i = 0; i < rounds; i++) {
      fake.editAsPerson(id, 'DV01', 'E2', 10 + i); // a real edit each time: a run, not "unchanged"
      const before = proxy.log.length;
      landed = 0;
      const t = performance.now();
      await ping();
      times.push(performance.now() - t);
      if (!landed) throw new Error('the ranking was not written');
      written.push(landed - t);
      requests = proxy.log.slice(before);
      chains.push(sequential(proxy.spans.slice(before)));
      // The fake answers in this same process: its share of the critical path (the Sheets read and write) is its work, not ours.
      inFake.push(proxy.spans.slice(before).filter((_, j) => !requests[j]!.includes('/drive/')).reduce((a, x) => a + x.fake, 0));
    }
    const used = process.cpuUsage(cpu);
    return {
      note: `signed sheetEdited ping → ranking written (rankingWrittenMs: the fake applied the batchUpdate) and → the handler's answer (ms), in-process handler, real clients, fake Google behind a proxy adding ${delayMs} ms per request; ${units} units; a person's edit before each ping; insideFakeMs: the fake's own time answering the Sheets read and write (in this process, part of both figures)`,
      units,
      addedPerRequestMs: delayMs,
      ms: round(median(times)),
      rankingWrittenMs: round(median(written)),
      googleRequests: requests,
      sequentialRequests: Math.max(...chains),
      insideFakeMs: round(median(inFake)),
      /** CPU of this process per edit (handler, clients, ledger, proxy and the fake together): what load does not stretch. */
      cpuMsPerEdit: round((used.user + used.system) / 1000 / rounds),
    };
  } finally {
    await ledger.close();
    await proxy.close();
    await fake.close();
  }
}
