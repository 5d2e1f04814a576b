/**
 * The HTTP functions, independent of any framework: `{method, headers, rawBody}` in,
 * `{status, body}` out. functions/index.ts hands them to functions-framework; `thidua
 * serve` to node:http. Every refusal (wrong method, too big, bad signature, bad JSON,
 * unknown spreadsheet) happens before any run, write or outside call: the signature is
 * checked before the ports are even built.
 */
import { randomUUID } from 'node:crypto';
import type { MailStep, RunResult } from '../pipeline.js';
import {
  MISSING_SECRET_MESSAGE,
  SIGNATURE_HEADER,
  namedSpreadsheet,
  sheetKey,
  verifySignature,
  webhookSecrets,
  type SignedEndpoint,
} from '../triggers/signature.js';
import { coalescedRun, type Coalesced } from './coalesced-run.js';
import type { CloudDeps } from './deps.js';
import { errorText, jsonLog, type CloudLog } from './log.js';
import { adminAudiences, bearerAllowed, bearerEmail, googleIdTokenVerifier, oidcPolicy, type IdTokenVerifier } from './oidc.js';
import type { CloudTrigger } from './score.js';
import type { WorkbookPort } from '../sheets/port.js';

export interface CloudRequest {
  method: string;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes received: what the signature covers. */
  rawBody: Uint8Array;
}

export interface CloudResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export type CloudHandler = (req: CloudRequest) => Promise<CloudResponse>;

export interface CloudContext {
  /** The ports, built once on first need. */
  deps: () => Promise<CloudDeps>;
  /** Read on each request (THIDUA_WEBHOOK_SECRET, THIDUA_OIDC_*); default process.env. */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  verifyIdToken?: IdTokenVerifier;
  log?: CloudLog;
  /**
   * `thidua serve`: a key signature also counts for admin acts (sendReports). It listens on
   * loopback only, and whoever holds the secret on that machine is its administrator.
   */
  keyIsAdmin?: boolean;
  /** How long `sendReports` waits for a run in progress before answering 503. */
  reportWaitMs?: number;
  /** Spreadsheets `reconcile` looks at in parallel. */
  concurrency?: number;
  /** Pause before each further run of a burst (default: 0,5 s, doubling, at most 4 s). */
  burstPauseMs?: (runsDone: number) => number;
}

/** A burst's runs come at most every 0,5 s, 1 s, 2 s, 4 s …: fewer runs, each seeing more edits. */
export const burstPause = (runsDone: number): number => Math.min(4_000, 500 * 2 ** (runsDone - 1));

export interface CloudHandlers {
  sheetEdited: CloudHandler;
  reconcile: CloudHandler;
  sendReports: CloudHandler;
  /** "Chốt kết quả" / "Mở chốt" (MEETING.md): admins only, like sendReports. */
  lock: CloudHandler;
  unlock: CloudHandler;
  /** "Tạo văn bản": the meeting's documents into the sheet's Drive folder, linked in Nhật ký; admins only. */
  makeDocuments: CloudHandler;
  healthz: CloudHandler;
}

/** `key`: the sheet's key only; `key-or-oidc`: or the scheduler; `admin`: the scheduler or one of the sheet's admins. */
type Auth = 'key' | 'key-or-oidc' | 'admin';

type Admitted =
  | { by: 'key'; spreadsheetId: string; mac: string }
  | { by: 'scheduler' }
  | { by: 'person'; email: string };

const ADMIN_ONLY =
  'Việc này chỉ quản trị của cụm được làm: cần đăng nhập bằng tài khoản quản trị (mã xác thực Google); chữ ký của bảng tính không đủ.';

/** A signed ping is remembered this long (more than the ±5-minute window), so its replay is refused. */
export const REPLAY_MEMORY_MS = 11 * 60_000;

/** Making the documents takes seconds; a maker that died lets go after this. */
export const DOCUMENTS_LEASE_MS = 5 * 60_000;

/** Requests are small; anything bigger is refused before its signature is even checked. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Loaded on first need, then kept: an `import()` of a module already loaded still goes
 * through the loader's resolve (under tsx, a round trip to its worker thread: ~0,8 ms a
 * request, each of these on every ping).
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load().catch((e) => {
    p = undefined; // a failed load is tried again by the next request
    throw e;
  }));
}

/** zod (a noticeable share of a cold start) loads only for a request that passed the signature check. */
const requests = once(() => import('./requests.js'));
const scoring = once(() => import('./score.js'));

const reply = (status: number, body: Record<string, unknown>, headers?: Record<string, string>): CloudResponse =>
  headers ? { status, body, headers } : { status, body };
const refuse = (status: number, error: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  reply(status, { ok: false, error, ...extra }, headers);

export function cloudHandlers(ctx: CloudContext): CloudHandlers {
  const env = () => ctx.env ?? process.env;
  const now = ctx.now ?? Date.now;
  const log = ctx.log ?? jsonLog;
  let verifier = ctx.verifyIdToken;

  /**
   * Who is asking, or the refusal. No I/O but the OIDC certificate fetch: the ledger and
   * Google are not touched for a refused request.
   */
  async function admit(req: CloudRequest, endpoint: SignedEndpoint, auth: Auth): Promise<Admitted | CloudResponse> {
    if (req.method !== 'POST') return refuse(405, 'Chỉ nhận phương thức POST', {}, { allow: 'POST' });
    if (req.rawBody.byteLength > MAX_BODY_BYTES) return refuse(413, `Nội dung yêu cầu quá lớn (tối đa ${MAX_BODY_BYTES / 1024} KB)`);
    const secrets = webhookSecrets(env());
    if (!secrets) {
      log('ERROR', 'THIDUA_WEBHOOK_SECRET missing or too short: refusing every request');
      return refuse(500, MISSING_SECRET_MESSAGE);
    }
    const header = req.headers[SIGNATURE_HEADER];
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    if (header !== undefined || !authorization || auth === 'key') {
      // The key depends on the spreadsheet the body names: a key speaks for its own sheet only.
      const id = namedSpreadsheet(req.rawBody);
      const v = id
        ? verifySignature({ header, rawBody: req.rawBody, keys: secrets.map((s) => sheetKey(s, id)), endpoint, nowMs: now() })
        : ({ ok: false, reason: header === undefined ? 'missing' : 'malformed' } as const);
      if (!v.ok) {
        log('WARNING', 'refused: bad signature', { endpoint, reason: v.reason });
        return refuse(401, v.reason === 'missing' ? 'Yêu cầu thiếu chữ ký' : 'Chữ ký của yêu cầu không hợp lệ', { reason: v.reason });
      }
      if (auth === 'admin' && !ctx.keyIsAdmin) {
        // Anyone who edits the sheet can read its key: the key says nothing about who asks.
        log('WARNING', 'refused: key signature for an admin act', { endpoint, spreadsheetId: id });
        return refuse(403, ADMIN_ONLY);
      }
      return { by: 'key', spreadsheetId: id!, mac: v.mac };
    }
    verifier ??= googleIdTokenVerifier();
    const policy = oidcPolicy(env());
    if (policy && (await bearerAllowed(authorization, policy, verifier))) return { by: 'scheduler' };
    const audiences = adminAudiences(env());
    const email = auth === 'admin' && audiences ? await bearerEmail(authorization, audiences, verifier) : null;
    if (email) return { by: 'person', email };
    log('WARNING', 'refused: bad OIDC token', { endpoint });
    return refuse(401, 'Mã xác thực OIDC không hợp lệ', { reason: 'oidc' });
  }

  /**
   * After the ports exist and before anything is read: a person must be one of the
   * spreadsheet's admins; a signed ping is taken once (a replay within the window is
   * refused, so it causes no extra run).
   */
  /** A request about one sheet: the sheet must be registered, then `allowed` decides. */
  async function registeredAndAllowed(deps: CloudDeps, who: Admitted, id: string): Promise<CloudResponse | null> {
    if (!(await deps.ledger.getCluster(id))) return refuse(404, 'Bảng tính chưa được đăng ký với hệ thống', { spreadsheetId: id });
    return allowed(deps, who, id);
  }

  async function allowed(deps: CloudDeps, who: Admitted, spreadsheetId: string | undefined): Promise<CloudResponse | null> {
    if (who.by === 'person') {
      if (!spreadsheetId) return refuse(400, 'Yêu cầu của người dùng phải nêu spreadsheetId');
      const admins = (await deps.adminsOf?.(spreadsheetId)) ?? [];
      if (!admins.map((a) => a.toLowerCase()).includes(who.email)) {
        log('WARNING', 'refused: not an admin', { spreadsheetId });
        return refuse(403, ADMIN_ONLY);
      }
    }
    if (who.by === 'key') {
      const first = await deps.ledger.acquireLease(`ping:${who.mac}`, randomUUID(), now(), REPLAY_MEMORY_MS);
      if (!first) {
        log('WARNING', 'refused: replayed signature', { spreadsheetId: who.spreadsheetId });
        return refuse(409, 'Yêu cầu này đã được nhận trước đó (gửi lại cùng chữ ký)', { reason: 'replay' });
      }
    }
    return null;
  }

  /** Scores `id` through the lease; `own` is work only this request can do (reports). */
  async function coalesced(deps: CloudDeps, id: string, trigger: CloudTrigger, own?: { trigger: CloudTrigger; mail: MailStep }) {
    let last: RunResult | null = null;
    const run = (t: CloudTrigger, mail?: MailStep) => async () => void (last = await score(deps, id, t, mail));
    let r: Coalesced;
    try {
      r = await coalescedRun({
        ledger: deps.ledger,
        name: id,
        holder: randomUUID(),
        now,
        run: run(trigger),
        pauseMs: ctx.burstPauseMs ?? burstPause,
        ...(own ? { own: { run: run(own.trigger, own.mail), waitMs: ctx.reportWaitMs ?? 60_000 } } : {}),
      });
    } catch (e) {
      if (!(await keptForQuota(deps, id, e))) throw e;
      r = { outcome: 'queued' };
    }
    const result = last as RunResult | null;
    const unusable = result?.outcome === 'unusable' ? (await import('../core/unusable.js')).describeUnusable(result.error.reason) : undefined;
    return { ...r, ...(unusable ? { unusable } : {}) };
  }

  /**
   * Google's quota still spent after waiting into later minutes: the run is not failed but
   * left wanted (the rerun mark; its version is not recorded, so `reconcile` sees it too).
   */
  async function keptForQuota(deps: CloudDeps, id: string, e: unknown): Promise<boolean> {
    const quota = (e as { name?: string })?.name === 'BudgetExhausted' || (e as { status?: number })?.status === 429;
    if (!quota) return false;
    await deps.ledger.requestRerun(id);
    log('WARNING', 'run left queued: Sheets quota', { spreadsheetId: id });
    return true;
  }

  /** Waits for the lease, then scores only if someone else changed the workbook since the last run (changedByOthers). */
  async function ifChanged(deps: CloudDeps, id: string): Promise<Coalesced | { outcome: 'unchanged' }> {
    let changed = false;
    const r = await coalescedRun({
      ledger: deps.ledger,
      name: id,
      holder: randomUUID(),
      now,
      run: async () => void (await score(deps, id, 'edit')),
      own: {
        waitMs: ctx.reportWaitMs ?? 60_000,
        run: async () => {
          const [cluster, look] = await Promise.all([deps.ledger.getCluster(id), lastChange(deps.workbook(id))]);
          changed = changedByOthers(look, cluster?.processedVersion);
          if (changed) await score(deps, id, 'edit');
        },
      },
    });
    return r.outcome === 'ran' && !changed && r.runs === 1 ? { outcome: 'unchanged' } : r;
  }

  type Requests = typeof import('./requests.js');
  type BodyKind = 'EditPing' | 'ReconcileRequest' | 'SendReportsRequest' | 'LockRequest' | 'DocumentsRequest';
  /** admit, then the body checked by its zod schema (loaded only now): who asks and what, or the refusal. */
  async function admitWithBody<K extends BodyKind>(
    req: CloudRequest, endpoint: SignedEndpoint, auth: Auth, kind: K, emptyIsObject = false,
  ): Promise<{ who: Admitted; body: import('zod').infer<Requests[K]> } | CloudResponse> {
    const who = await admit(req, endpoint, auth);
    if ('status' in who) return who;
    const r = await requests();
    const body = r.parseBody(req.rawBody, r[kind] as import('zod').ZodType, emptyIsObject);
    if (!body.ok) return refuse(400, `Yêu cầu không hợp lệ: ${body.message}`);
    return { who, body: body.value as import('zod').infer<Requests[K]> };
  }

  async function score(deps: CloudDeps, id: string, trigger: CloudTrigger, mail?: MailStep): Promise<RunResult> {
    const { scoreAndRecord } = await scoring();
    return scoreAndRecord(deps, id, trigger, now, mail);
  }

  const sheetEdited: CloudHandler = async (req) => {
    const admitted = await admitWithBody(req, 'sheetEdited', 'key', 'EditPing');
    if ('status' in admitted) return admitted;
    const { who, body: ping } = admitted;
    const id = ping.spreadsheetId;
    try {
      const deps = await ctx.deps();
      const refused = await registeredAndAllowed(deps, who, id);
      if (refused) return refused;
      // onChange names no cell: it may be the echo of our own write (rows appended to
      // Nhật ký). It runs only if Drive's version moved since the last run read it AND the
      // last change was not ours, looked at under the lease (after any run in progress): no loop.
      const structural = ping.sheet === '' && ping.range === '';
      const r = structural ? await ifChanged(deps, id) : await coalesced(deps, id, 'edit');
      log('INFO', 'sheetEdited', { spreadsheetId: id, ...r });
      return r.outcome === 'queued' || r.outcome === 'busy' ? reply(202, { ok: true, ...(r.outcome === 'busy' ? { busy: true } : { queued: true }) }) : reply(200, { ok: true, ...r });
    } catch (e) {
      log('ERROR', 'sheetEdited failed', { spreadsheetId: id, error: errorText(e) });
      return refuse(500, `Chấm điểm không thành công: ${errorText(e)}`);
    }
  };

  const reconcile: CloudHandler = async (req) => {
    const admitted = await admitWithBody(req, 'reconcile', 'key-or-oidc', 'ReconcileRequest', true);
    if ('status' in admitted) return admitted;
    const { who, body } = admitted;
    const { spreadsheetId, force } = body;
    try {
      const deps = await ctx.deps();
      const clusters = await registered(deps, spreadsheetId);
      if (!clusters) return refuse(404, 'Bảng tính chưa được đăng ký với hệ thống', { spreadsheetId });
      const refused = await allowed(deps, who, spreadsheetId);
      if (refused) return refused;
      const results = await inParallel(clusters, ctx.concurrency ?? 4, async (c) => {
        try {
          if (!force) {
            if (!changedByOthers(await lastChange(deps.workbook(c.id)), c.processedVersion)) return { spreadsheetId: c.id, outcome: 'unchanged' };
          }
          return { spreadsheetId: c.id, ...(await coalesced(deps, c.id, force ? 'manual' : 'reconcile')) };
        } catch (e) {
          log('ERROR', 'reconcile failed', { spreadsheetId: c.id, error: errorText(e) });
          return { spreadsheetId: c.id, outcome: 'failed', error: errorText(e) };
        }
      });
      // Mail that failed earlier is due again after its backoff: the periodic check delivers it.
      const delivered = await deliverPending(deps);
      log('INFO', 'reconcile', { checked: results.length, ran: results.filter((r) => r.outcome === 'ran').length, delivered });
      const failed = results.some((r) => r.outcome === 'failed');
      return reply(spreadsheetId && failed ? 500 : 200, { ok: !failed, results, delivered });
    } catch (e) {
      log('ERROR', 'reconcile failed', { error: errorText(e) });
      return refuse(500, `Kiểm tra định kỳ không thành công: ${errorText(e)}`);
    }
  };

  const sendReports: CloudHandler = async (req) => {
    const admitted = await admitWithBody(req, 'sendReports', 'admin', 'SendReportsRequest', true);
    if ('status' in admitted) return admitted;
    const { who, body } = admitted;
    const { spreadsheetId } = body;
    const mode = body.mode ?? (spreadsheetId ? 'reports' : 'scheduled');
    try {
      const deps = await ctx.deps();
      const clusters = await registered(deps, spreadsheetId);
      if (!clusters) return refuse(404, 'Bảng tính chưa được đăng ký với hệ thống', { spreadsheetId });
      const refused = await allowed(deps, who, spreadsheetId);
      if (refused) return refused;
      const transport = deps.transport();
      if (!transport) return refuse(503, 'Chưa cấu hình cách gửi thư (THIDUA_MAIL_TRANSPORT = gmail hoặc smtp)');
      const { reportMail } = await import('./reports.js');
      const results = [];
      for (const c of clusters) {
        const mail = reportMail({ ledger: deps.ledger, cluster: c.id, transport, mode });
        try {
          const r = await coalesced(deps, c.id, 'edit', { trigger: mode === 'reports' ? 'manual' : 'schedule', mail: mail.step });
          const o = mail.outcome();
          const count = (what: string) => o.delivered.filter((d) => d.outcome === what).length;
          results.push({
            spreadsheetId: c.id, ...r,
            queued: o.queued.filter((q) => q.outcome === 'queued').length,
            duplicates: o.queued.filter((q) => q.outcome === 'duplicate').length,
            sent: count('sent'), retry: count('retry'), failed: count('failed'),
          });
        } catch (e) {
          log('ERROR', 'sendReports failed', { spreadsheetId: c.id, error: errorText(e) });
          results.push({ spreadsheetId: c.id, outcome: 'failed', error: errorText(e) });
        }
      }
      log('INFO', 'sendReports', { mode, clusters: results.length });
      // Busy or failed: the caller (Cloud Scheduler's retry, a person) asks again; the outbox
      // keys make that safe.
      const again = results.some((r) => r.outcome === 'busy' || r.outcome === 'failed');
      return again
        ? reply(503, { ok: false, error: 'Chưa gửi xong, hãy thử lại sau ít phút', mode, results }, { 'retry-after': '60' })
        : reply(200, { ok: true, mode, results });
    } catch (e) {
      log('ERROR', 'sendReports failed', { error: errorText(e) });
      return refuse(500, `Gửi báo cáo không thành công: ${errorText(e)}`);
    }
  };

  const lockOrUnlock = (which: 'lock' | 'unlock'): CloudHandler => async (req) => {
    const admitted = await admitWithBody(req, which, 'admin', 'LockRequest');
    if ('status' in admitted) return admitted;
    const { who, body } = admitted;
    const id = body.spreadsheetId;
    try {
      const deps = await ctx.deps();
      const refused = await registeredAndAllowed(deps, who, id);
      if (refused) return refused;
      const by = who.by === 'person' ? who.email : who.by === 'scheduler' ? 'Cloud Scheduler' : 'thidua serve';
      const { lockResults, unlockResults } = await import('../meeting/lock.js');
      let outcome = '';
      let at: number | undefined;
      const r = await coalescedRun({
        ledger: deps.ledger,
        name: id,
        holder: randomUUID(),
        now,
        run: async () => void (await score(deps, id, 'edit')),
        own: {
          waitMs: ctx.reportWaitMs ?? 60_000,
          run: async () => {
            const workbook = deps.workbook(id);
            const o = { workbook, ledger: deps.ledger, cluster: id, trigger: 'manual' as const, now, by, reportUnusable: true };
            const done = which === 'lock' ? await lockResults(o) : await unlockResults(o);
            outcome = done.outcome;
            if ('lock' in done) at = done.lock.at;
            // The lock's run wrote the sheet: that version is ours, not a person's edit.
            await deps.ledger.setProcessedVersion(id, await workbook.version());
          },
        },
      });
      if (r.outcome === 'busy') return reply(503, { ok: false, error: 'Bảng tính đang được chấm, hãy thử lại sau ít phút' }, { 'retry-after': '30' });
      log('INFO', which, { spreadsheetId: id, outcome });
      return reply(200, { ok: outcome === 'locked' || outcome === 'unlocked', outcome, ...(at ? { at: new Date(at).toISOString() } : {}) });
    } catch (e) {
      log('ERROR', `${which} failed`, { spreadsheetId: id, error: errorText(e) });
      return refuse(500, `${which === 'lock' ? 'Chốt' : 'Mở chốt'} không thành công: ${errorText(e)}`);
    }
  };

  const makeDocuments: CloudHandler = async (req) => {
    const admitted = await admitWithBody(req, 'makeDocuments', 'admin', 'DocumentsRequest');
    if ('status' in admitted) return admitted;
    const { who, body } = admitted;
    const id = body.spreadsheetId;
    try {
      const deps = await ctx.deps();
      const refused = await registeredAndAllowed(deps, who, id);
      if (refused) return refused;
      if (!deps.documents) return refuse(503, 'Chưa cấu hình nơi lưu văn bản');
      // Two clicks at once would both find no file and both create one: one maker per sheet.
      const holder = randomUUID();
      const lease = `documents:${id}`;
      if (!(await deps.ledger.acquireLease(lease, holder, now(), DOCUMENTS_LEASE_MS))) {
        return reply(503, { ok: false, error: 'Văn bản của bảng tính này đang được tạo, hãy thử lại sau ít phút' }, { 'retry-after': '30' });
      }
      let made;
      try {
        made = await (await import('./documents.js')).makeDocuments({
          workbook: () => deps.workbook(id), ledger: deps.ledger, cluster: id, shelf: deps.documents(id), now,
        });
      } finally {
        await deps.ledger.releaseLease(lease, holder);
      }
      log('INFO', 'makeDocuments', { spreadsheetId: id, files: made.files.length, updated: made.files.filter((f) => f.updated).length, draft: made.draft });
      return reply(200, { ok: true, draft: made.draft, files: made.files });
    } catch (e) {
      const { WorkbookUnusableError, describeUnusable } = await import('../core/unusable.js');
      if (e instanceof WorkbookUnusableError) return refuse(422, describeUnusable(e.reason));
      log('ERROR', 'makeDocuments failed', { spreadsheetId: id, error: errorText(e) });
      return refuse(500, `Tạo văn bản không thành công: ${errorText(e)}`);
    }
  };

  const healthz: CloudHandler = async (req) =>
    req.method === 'GET' || req.method === 'HEAD' ? reply(200, { ok: true }) : refuse(405, 'Chỉ nhận phương thức GET', {}, { allow: 'GET' });

  /** Sent messages; a mail problem is logged, it never fails the scoring. */
  async function deliverPending(deps: CloudDeps): Promise<number> {
    try {
      const transport = deps.transport();
      if (!transport) return 0;
      const { deliverDue } = await import('../mail/outbox.js');
      const events = await deliverDue(deps.ledger, transport, now());
      return events.filter((e) => e.outcome === 'sent').length;
    } catch (e) {
      log('ERROR', 'delivering queued mail failed', { error: errorText(e) });
      return 0;
    }
  }

  return { sheetEdited, reconcile, sendReports, lock: lockOrUnlock('lock'), unlock: lockOrUnlock('unlock'), makeDocuments, healthz };
}

/** One look at the workbook's version, and whether its last change was ours (where the backend can tell). */
async function lastChange(wb: WorkbookPort): Promise<{ version: string; ours: boolean }> {
  return wb.lastChange ? wb.lastChange() : { version: await wb.version(), ours: false };
}

/**
 * The no-loop rule (docs/cloud.md): a run records the version it read; our own write moves
 * Drive's version after that, so a moved version counts as a change only if the last change
 * was not ours. Never run → always changed.
 */
export function changedByOthers(look: { version: string; ours: boolean }, processed: string | null | undefined): boolean {
  if (processed === null || processed === undefined) return true;
  return look.version !== processed && !look.ours;
}

/** One registered spreadsheet (null when it is not), or all of them. */
async function registered(deps: CloudDeps, id: string | undefined) {
  if (id === undefined) return deps.ledger.listClusters();
  const c = await deps.ledger.getCluster(id);
  return c ? [c] : null;
}

async function inParallel<T, R>(items: readonly T[], limit: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
