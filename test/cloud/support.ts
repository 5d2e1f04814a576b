/**
 * Helpers for the cloud tests: the ports wired to the loopback fake Google (through the
 * real @googleapis clients) and a ledger, HTTP functions served on real loopback ports,
 * signed requests, and the `Xếp hạng` tab as a person reads it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sheetKey, signatureHeader, type SignedEndpoint } from '../../functions/triggers/signature.js';
import { cloudDepsFromEnv, type CloudDeps } from '../../functions/cloud/deps.js';
import { gmailTransport } from '../../functions/cloud/gmail-transport.js';
import { gmailClient } from '../../functions/google/clients.js';
import type { Ledger } from '../../functions/ledger/port.js';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import type { WorkbookPort } from '../../functions/sheets/port.js';
import { RANKING_HEADERS, TAB } from '../../sheets-schema/layout.js';
import type { FakeGoogle } from '../support/fake-google/index.js';
import type { ExtendedValue } from '../support/fake-google/model.js';

export const SECRET = 'test-secret-0123456789abcdef';

export function tempLedger(): Ledger {
  return openSqliteLedger(join(mkdtempSync(join(tmpdir(), 'thidua-cloud-')), 'ledger.sqlite'));
}

/** How many runs overlap at most: each port counts from its read to the end of its write. */
export interface Overlap {
  max: number;
  now: number;
}

/**
 * The cloud ports as deps.ts builds them, pointed at the fake (no credentials), retries
 * without waiting, mail through Gmail on the fake; workbooks report overlapping runs.
 */
export async function fakeDeps(fake: FakeGoogle, ledger: Ledger, overlap?: Overlap): Promise<CloudDeps> {
  const deps = await cloudDepsFromEnv({}, { google: { rootUrl: fake.rootUrl }, ledger, retry: { sleep: async () => {} } });
  const transport = gmailTransport(gmailClient({ rootUrl: fake.rootUrl }), { sleep: async () => {} });
  return {
    ...deps,
    transport: () => transport,
    workbook: (id) => (overlap ? counted(deps.workbook(id), overlap) : deps.workbook(id)),
  };
}

function counted(wb: WorkbookPort, o: Overlap): WorkbookPort {
  let open = false;
  const close = () => {
    if (open) o.now--;
    open = false;
  };
  return {
    async read() {
      if (!open) o.max = Math.max(o.max, ++o.now);
      open = true;
      try {
        return await wb.read();
      } catch (e) {
        close();
        throw e;
      }
    },
    async write(edits, version) {
      try {
        return await wb.write(edits, version);
      } finally {
        close();
      }
    },
    version: () => wb.version(),
    ...(wb.lastChange ? { lastChange: () => wb.lastChange!() } : {}),
  };
}

/** Which function each served URL is (functions-framework serves one per port). */
const served = new Map<string, SignedEndpoint>();

/** Serves a functions-framework server on a loopback port; returns its URL. */
export async function listen(server: Server, name?: string): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  if (name) served.set(url, name as SignedEndpoint);
  return {
    url,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

export interface Answer {
  status: number;
  body: any;
}

/** The function a URL serves: its last path segment (`thidua serve`), or what `listen` was told. */
export function endpointOf(url: string): SignedEndpoint {
  const name = served.get(url) ?? new URL(url).pathname.split('/').pop();
  if (!name) throw new Error(`which function is ${url}?`);
  return name as SignedEndpoint;
}

/**
 * POSTs `body` signed as Apps Script signs it: with the key of the spreadsheet the body
 * names (derived from `secret`, or `key` as given), for the function at `url`, at `t`
 * (unix seconds; default now).
 */
export async function signedPost(
  url: string,
  body: string | object,
  o: { secret?: string; key?: string | string[]; sheet?: string; endpoint?: SignedEndpoint; t?: number; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const t = o.t ?? Math.floor(Date.now() / 1000);
  const sheet = o.sheet ?? (typeof body === 'object' ? String((body as { spreadsheetId?: unknown }).spreadsheetId ?? '') : safeId(raw));
  const signature = signatureHeader(raw, o.key ?? sheetKey(o.secret ?? SECRET, sheet), t, o.endpoint ?? endpointOf(url));
  return post(url, raw, { 'content-type': 'application/json', 'x-thidua-signature': signature, ...o.headers });
}

function safeId(raw: string): string {
  try {
    return String(JSON.parse(raw).spreadsheetId ?? '');
  } catch {
    return '';
  }
}

export async function post(url: string, raw: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', body: raw, headers });
  return { status: res.status, body: await res.json().catch(() => null) };
}

export function ping(spreadsheetId: string, extra: Partial<{ sheet: string; range: string; user: string; ts: number }> = {}) {
  return { spreadsheetId, sheet: 'DV02', range: 'E2', user: 'nhap.dv02@example.vn', ts: Date.now(), ...extra };
}

function plain(v: ExtendedValue | undefined): string | number | boolean | null {
  if (!v) return null;
  return v.stringValue ?? v.numberValue ?? v.boolValue ?? null;
}

/** `Xếp hạng` as rows of {header: value}, in sheet order. */
export function rankingOf(fake: FakeGoogle, id: string): Record<string, string | number | boolean | null>[] {
  const tab = fake.tab(id, TAB.ranking);
  let rows = 0;
  let cols = 0;
  for (const k of Object.keys(tab.cells)) {
    const [r, c] = k.split(',').map(Number) as [number, number];
    rows = Math.max(rows, r + 1);
    cols = Math.max(cols, c + 1);
  }
  const at = (r: number, c: number) => plain(tab.cells[`${r},${c}`]?.userEnteredValue);
  const header = Array.from({ length: cols }, (_, c) => at(0, c));
  const out = [];
  for (let r = 1; r < rows; r++) {
    if (at(r, 1) === null) break; // the table ends where `Mã` does
    out.push(Object.fromEntries(header.map((h, c) => [String(h), at(r, c)]).filter(([h]) => h !== 'null')));
  }
  return out;
}

export function totalOf(fake: FakeGoogle, id: string, unit: string): unknown {
  return rankingOf(fake, id).find((r) => r[RANKING_HEADERS.code] === unit)?.[RANKING_HEADERS.total];
}
