/**
 * `thidua serve --workbook FILE.xlsx [--port N]`: the cloud's HTTP functions on this
 * machine, one port, the same handlers (functions/cloud/handlers.ts) over the embedded
 * backends — the `.xlsx` file and the SQLite ledger beside it. The file is the registered
 * spreadsheet `local`:
 *
 *   POST /sheetEdited   signed ping {spreadsheetId:"local", sheet, range, user, ts} → re-score
 *   POST /reconcile     signed; re-scores only if the file changed since the last run
 *   POST /sendReports   signed; summary and scorecards into the outbox folder (or SMTP)
 *   POST /lock, /unlock signed; "Chốt kết quả" / "Mở chốt"
 *   POST /makeDocuments signed; "Tạo văn bản": the documents into FILE-van-ban/, linked in Nhật ký
 *   GET  /healthz
 *
 * It listens on 127.0.0.1 only; to let Apps Script reach it, put a tunnel in front.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, resolve } from 'node:path';
import { MAX_BODY_BYTES, cloudHandlers, type CloudHandler } from '../cloud/handlers.js';
import type { CloudDeps } from '../cloud/deps.js';
import type { CloudLog } from '../cloud/log.js';
import { openLocal } from '../local.js';
import { openTransport, type MailTransport } from '../mail/transport.js';
import { MISSING_SECRET_MESSAGE, webhookSecret } from '../triggers/signature.js';
import { outboxFor, UsageError, type Options } from './args.js';
import { cliLanguage } from './lang.js';

/** The spreadsheet id of the served workbook. */
export const LOCAL_ID = 'local';
/** A body past the limit is drained up to this much (so the client reads our 413), then cut. */
const DRAIN_LIMIT = 8 * 1024 * 1024;

export interface Serving {
  url: string;
  close(): Promise<void>;
}

export async function serveCommand(o: Options, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (!o.workbook) throw new UsageError('Thiếu --workbook FILE.xlsx');
  if (!webhookSecret(env)) {
    process.stderr.write(MISSING_SECRET_MESSAGE + '\n');
    return 1;
  }
  const s = await startServing(o, env);
  // Listening for Ctrl-C before saying "Ctrl-C to stop": one pressed right after the banner stops it cleanly.
  const stopped = new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  const en = cliLanguage() === 'en';
  const routes = `  POST ${s.url}/sheetEdited   POST ${s.url}/reconcile   POST ${s.url}/sendReports   GET ${s.url}/healthz\n`;
  process.stdout.write(en
    ? `Serving ${resolve(o.workbook)} (spreadsheet id "${LOCAL_ID}") at ${s.url}\n${routes}` +
      `Every POST must carry an X-Thidua-Signature made with the key of spreadsheet "${LOCAL_ID}" (thidua key ${LOCAL_ID}). Ctrl-C to stop.\n`
    : `Đang phục vụ ${resolve(o.workbook)} (mã bảng tính "${LOCAL_ID}") tại ${s.url}\n${routes}` +
      `Mọi yêu cầu POST phải có chữ ký X-Thidua-Signature bằng khóa của bảng tính "${LOCAL_ID}" (thidua key ${LOCAL_ID}). Ctrl-C để dừng.\n`);
  await stopped;
  await s.close();
  process.stdout.write(en ? 'Stopped.\n' : 'Đã dừng.\n');
  return 0;
}

export async function startServing(o: Options, env: NodeJS.ProcessEnv = process.env, log: CloudLog = textLog): Promise<Serving> {
  if (!o.workbook) throw new UsageError('Thiếu --workbook FILE.xlsx');
  const local = openLocal(o.workbook, o.ledger);
  await local.ledger.registerCluster({ id: LOCAL_ID, name: basename(local.path), registeredAt: Date.now() });
  let transport: MailTransport | null = null;
  const deps: CloudDeps = {
    ledger: local.ledger,
    workbook(id) {
      if (id !== LOCAL_ID) throw new Error(`Chỉ phục vụ bảng tính "${LOCAL_ID}"`);
      return local.workbook;
    },
    transport: () => (transport ??= openTransport({ outboxDir: outboxFor(o.workbook!, o), env })),
    // "Tạo văn bản" on the local workbook: the folder `thidua documents` writes by default.
    // Loaded on the first such request: the renderers stay out of the server's start.
    documents: () => ({
      async put(files) {
        const [{ folderShelf }, { defaultOutDir }] = await Promise.all([import('../documents/folder-shelf.js'), import('./documents.js')]);
        return folderShelf(defaultOutDir(o.workbook!)).put(files);
      },
    }),
  };
  const h = cloudHandlers({ deps: async () => deps, env, log, keyIsAdmin: true });
  const routes: Record<string, CloudHandler> = {
    '/sheetEdited': h.sheetEdited,
    '/reconcile': h.reconcile,
    '/sendReports': h.sendReports,
    '/lock': h.lock,
    '/unlock': h.unlock,
    '/makeDocuments': h.makeDocuments,
    '/healthz': h.healthz,
  };

  const server = createServer((req, res) => void answer(req, res, routes, log));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await transport?.close();
      await local.ledger.close();
    },
  };
}

async function answer(req: IncomingMessage, res: ServerResponse, routes: Record<string, CloudHandler>, log: CloudLog): Promise<void> {
  try {
    const handler = routes[new URL(req.url ?? '/', 'http://localhost').pathname];
    const body = await readBody(req);
    if (!handler) return send(res, 404, { ok: false, error: 'Không có hàm này' });
    if (body === null) {
      res.setHeader('connection', 'close');
      return send(res, 413, { ok: false, error: `Nội dung yêu cầu quá lớn (tối đa ${MAX_BODY_BYTES / 1024} KB)` });
    }
    const r = await handler({ method: req.method ?? 'GET', headers: req.headers, rawBody: body });
    for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
    send(res, r.status, r.body);
  } catch (e) {
    // A client that hung up mid-request is not a server error: nothing to answer, nothing to log as one.
    if (clientGone(req, e)) return log('INFO', 'client closed the request', { path: req.url ?? '' });
    log('ERROR', 'unhandled', { error: e instanceof Error ? e.message : String(e) });
    if (!res.headersSent) send(res, 500, { ok: false, error: 'Lỗi máy chủ' });
  }
}

function clientGone(req: IncomingMessage, e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return req.destroyed || code === 'ECONNRESET' || code === 'ECONNABORTED' || code === 'EPIPE' || (e instanceof Error && e.message === 'aborted');
}

/** The body, or null when it is over MAX_BODY_BYTES (read on and dropped, up to DRAIN_LIMIT). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      else if (size > DRAIN_LIMIT) {
        req.destroy();
        done(null);
      }
    });
    req.on('end', () => done(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** One readable line per event on the terminal. */
const textLog: CloudLog = (severity, message, fields = {}) => {
  const extra = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
  const line = `[${new Date().toLocaleTimeString('vi-VN')}] ${severity === 'INFO' ? '' : severity + ' '}${message}${extra ? ' ' + extra : ''}\n`;
  (severity === 'ERROR' ? process.stderr : process.stdout).write(line);
};
