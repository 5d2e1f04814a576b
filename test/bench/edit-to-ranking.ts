/**
 * Edit → ranking on the cloud path: a signed `sheetEdited` ping until the ranking is
 * written, through the real @googleapis clients to the loopback fake Google behind a proxy
 * that adds 150 ms to every request (a round trip to Google's servers from a Cloud
 * Function is of that order); 60 units.
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
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      log.push(`${req.method} ${req.url?.split('?')[0]}`);
      setTimeout(() => {
        const fwd = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        fwd.on('error', () => res.destroy());
        fwd.end(Buffer.concat(chunks));
      }, delayMs);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${to.pathname === '/' ? '' : to.pathname}`;
  return { url, log, close: () => new Promise<void>((ok) => server.close(() => ok())) };
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
    let requests: string[] = [];
    for (let i = 0; i < rounds; i++) {
      fake.editAsPerson(id, 'DV01', 'E2', 10 + i); // a real edit each time: a run, not "unchanged"
      const before = proxy.log.length;
      const t = performance.now();
      await ping();
      times.push(performance.now() - t);
      requests = proxy.log.slice(before);
    }
    return {
      note: `signed sheetEdited ping → ranking written, in-process handler, real clients, fake Google behind a proxy adding ${delayMs} ms per request; ${units} units; a person's edit before each ping`,
      units,
      addedPerRequestMs: delayMs,
      ms: round(median(times)),
      googleRequests: requests,
    };
  } finally {
    await ledger.close();
    await proxy.close();
    await fake.close();
  }
}
