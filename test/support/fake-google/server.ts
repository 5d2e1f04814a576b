/**
 * A loopback HTTP server speaking the parts of Sheets v4, Drive v3 and Gmail v1 that thidua
 * uses, so tests run the real `@googleapis/*` clients (pointed here with `rootUrl`) against
 * it. It counts requests per endpoint and can be told to fail or hang the next requests.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseA1 } from '../../../functions/core/a1.js';
import { applyRequests, draftOf } from './batch.js';
import { fileOut, matches, parseMultipart, parseQuery, type FakeDriveFile } from './drive-files.js';
import { applyMask } from './mask.js';
import { QuotaExceeded, QuotaMeter, SHEETS_QUOTA, type QuotaLimits } from './quota.js';
import {
  FakeApiError,
  EMPTY_CELL,
  cellOut,
  key,
  newSheet,
  plainCopy,
  reindex,
  setEntered,
  sheetByTitle,
  statusName,
  usedExtent,
  type ExtendedValue,
  type FakeCell,
  type FakeSheet,
  type FakeSpreadsheet,
} from './model.js';
import type { sheets_v4 } from '@googleapis/sheets';

export type Endpoint =
  | 'sheets.get' | 'sheets.create' | 'sheets.batchUpdate' | 'drive.files.get' | 'drive.permissions.create'
  | 'drive.files.create' | 'drive.files.update' | 'drive.files.list'
  | 'gmail.send' | 'iam.signJwt' | 'oauth.token' | 'script.projects.create' | 'script.projects.updateContent';

export interface Fault {
  /** Only requests to this endpoint; default: any. */
  endpoint?: Endpoint;
  /** How many matching requests; default 1. */
  times?: number;
  /** Answer with this status (429, 500, 503 …) … */
  status?: number;
  /** … or never answer (until the client gives up or the server closes). */
  hang?: boolean;
}

export interface SentMail {
  userId: string;
  raw: Buffer;
  /** The account the message went out as (the delegated user, or the caller). */
  as: string;
}

/** One request as received, for tests that check what a client actually sent. */
export interface LoggedRequest {
  endpoint: Endpoint | 'unknown';
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
}

export interface FakeGoogleOptions {
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** Bearer token → the account it stands for (the caller of each request); others are `OWNER`. */
  users?: Record<string, string>;
  /** Enforce Sheets' per-minute quotas (true: Google's defaults, 60/60 per user, 300/300 per project). */
  quota?: QuotaLimits | true;
  /** The fake's clock, for the quota minutes (a simulation compresses time). */
  now?: () => number;
  /** Largest request body accepted (Google's API front end: 10 MiB). */
  maxBodyBytes?: number;
}

/** Who a request without a known token is: the account that owns what it creates. */
export const OWNER = 'owner@fake.example';
/** Who edits through the helpers (`editAsPerson`, `putCell`, a seeded sheet): a person in the Sheets UI, not any API caller. */
export const PERSON = 'nguoi.nhap@fake.example';
/** Google's API front end refuses larger request bodies. */
export const MAX_BODY_BYTES = 10_485_760;

export class FakeGoogle {
  readonly spreadsheets = new Map<string, FakeSpreadsheet>();
  readonly sent: SentMail[] = [];
  readonly log: LoggedRequest[] = [];
  private readonly counts = new Map<string, number>();
  private readonly faults: Fault[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private nextId = 1;
  /** Sheets' quotas, when enforced. */
  readonly quota: QuotaMeter | null;
  /**
   * Told after every change made through the API, as an installable onChange trigger may be
   * told of the system's own writes: tests hang Apps Script's ping on it to look for loops.
   */
  onApiChange: ((spreadsheetId: string) => void) | null = null;
  /** Drive permissions per file, as `permissions.create` made them. */
  readonly permissions = new Map<string, { type: string; role: string; emailAddress: string }[]>();
  /** Drive files other than spreadsheets (uploaded documents), by id. */
  readonly driveFiles = new Map<string, FakeDriveFile>();
  /** The folder each spreadsheet is in (Drive `parents`); default `folder-<spreadsheet id>`. */
  readonly folders = new Map<string, string>();
  /** Apps Script projects bound to a container (the spreadsheet), with their files. */
  readonly scripts = new Map<string, { scriptId: string; parentId: string; title: string; files: { name: string; type: string; source: string }[] }>();
  /** Users who turned the Apps Script API off in script.google.com/home/usersettings (it is off until a user turns it on; the fake: on unless listed). */
  readonly appsScriptApiOff = new Set<string>();
  /** Domain-wide delegation as a Workspace admin set it: service account → scopes it may use for anyone. */
  readonly delegations = new Map<string, string[]>();
  /** JWTs signed by signJwt here, and access tokens issued for them: token → the user it acts as. */
  private readonly signed = new Set<string>();
  private readonly issued = new Map<string, string>();
  /** The caller of the request being answered (handlers run synchronously). */
  private caller = OWNER;

  private constructor(private readonly server: Server, readonly rootUrl: string, private readonly options: FakeGoogleOptions) {
    const limits = options.quota === true ? SHEETS_QUOTA : options.quota;
    this.quota = limits ? new QuotaMeter(limits, options.now ?? Date.now) : null;
  }

  /** The account a request is made as. */
  callerOf(req: IncomingMessage): string {
    const m = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    return (m && (this.options.users?.[m[1]!] ?? this.issued.get(m[1]!))) || OWNER;
  }

  static async start(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
    let fake: FakeGoogle | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeGoogle(server, `http://127.0.0.1:${port}/`, options);
    return fake;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── counting and faults ──────────────────────────────────────────────────

  /** Requests received for `endpoint` (faulted ones included). */
  count(endpoint: Endpoint): number {
    return this.counts.get(endpoint) ?? 0;
  }

  /** All Sheets API requests, whatever the method. */
  sheetsCalls(): number {
    return this.count('sheets.get') + this.count('sheets.create') + this.count('sheets.batchUpdate');
  }

  resetCounts(): void {
    this.counts.clear();
    this.log.length = 0;
  }

  /** The requests received for `endpoint`, oldest first. */
  requests(endpoint: Endpoint): LoggedRequest[] {
    return this.log.filter((r) => r.endpoint === endpoint);
  }

  inject(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  // ── helpers for tests ────────────────────────────────────────────────────

  /** Adds a spreadsheet, as if a person had made it; returns its id. */
  addSpreadsheet(title: string, tabs: { name: string; cells?: Record<string, FakeCell>; rowCount?: number; columnCount?: number }[]): string {
    const id = `fake-sheet-${this.nextId++}`;
    const ss: FakeSpreadsheet = { spreadsheetId: id, properties: { title }, sheets: [], version: 1, nextObjectId: 1_000 };
    tabs.forEach((t, i) => {
      const sheet = newSheet(i === 0 ? 0 : 100 + i, t.name, i, t.rowCount, t.columnCount);
      sheet.cells = structuredClone(t.cells ?? {});
      ss.sheets.push(sheet);
    });
    this.spreadsheets.set(id, ss);
    return id;
  }

  private lastTick = 0;

  /** A change to the file by `who`: Drive's version moves, and its modification times and last modifier (strictly increasing times). */
  private touch(ss: FakeSpreadsheet, who: string): void {
    const at = Math.max((this.options.now ?? Date.now)(), this.lastTick + 1);
    this.lastTick = at;
    ss.version++;
    ss.lastModifiedBy = who;
    ss.modifiedAt = at;
    ss.modifiedByAt = { ...ss.modifiedByAt, [who]: at };
  }

  spreadsheet(id: string): FakeSpreadsheet {
    const ss = this.spreadsheets.get(id);
    if (!ss) throw new Error(`no fake spreadsheet ${id}`);
    return ss;
  }

  tab(id: string, title: string): FakeSheet {
    const s = sheetByTitle(this.spreadsheet(id), title);
    if (!s) throw new Error(`no tab "${title}" in ${id}`);
    return s;
  }

  cell(id: string, title: string, a1: string): FakeCell | undefined {
    const { row, col } = parseA1(a1);
    return this.tab(id, title).cells[key(row, col)];
  }

  /** What was entered in a cell: `{stringValue: …}`, `{numberValue: …}` … or undefined. */
  entered(id: string, title: string, a1: string): ExtendedValue | undefined {
    return this.cell(id, title, a1)?.userEnteredValue;
  }

  /** A person types into a cell (or empties it); Drive's version goes up. */
  editAsPerson(id: string, title: string, a1: string, value: string | number | boolean | null): void {
    const sheet = this.tab(id, title);
    const { row, col } = parseA1(a1);
    const k = key(row, col);
    const cell = sheet.cells[k] ?? {};
    const v: ExtendedValue | undefined =
      value === null ? undefined : typeof value === 'string' ? { stringValue: value } : typeof value === 'number' ? { numberValue: value } : { boolValue: value };
    setEntered(cell, v);
    if (Object.keys(cell).length === 0) delete sheet.cells[k];
    else sheet.cells[k] = cell;
    this.touch(this.spreadsheet(id), PERSON);
  }

  /** Puts a cell exactly as given (formulas with their computed value, formats …). */
  putCell(id: string, title: string, a1: string, cell: FakeCell): void {
    const { row, col } = parseA1(a1);
    this.tab(id, title).cells[key(row, col)] = structuredClone(cell);
    this.touch(this.spreadsheet(id), PERSON);
  }

  /** A person deletes a tab. */
  deleteTabAsPerson(id: string, title: string): void {
    const ss = this.spreadsheet(id);
    ss.sheets = ss.sheets.filter((s) => s !== this.tab(id, title));
    reindex(ss);
    this.touch(ss, PERSON);
  }

  // ── HTTP ─────────────────────────────────────────────────────────────────

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = this.route(req.method ?? 'GET', url.pathname);
    const endpoint = route?.endpoint ?? 'unknown';
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
    const body = await readBody(req, this.options.maxBodyBytes ?? MAX_BODY_BYTES);
    this.log.push(logged(endpoint, req.method ?? 'GET', url, body));
    try {
      if (!route) throw new FakeApiError(404, `No such endpoint: ${req.method} ${url.pathname}`);
      const fault = this.takeFault(route.endpoint);
      if (fault?.hang) {
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      }
      if (fault?.status) throw new FakeApiError(fault.status, `Injected fault ${fault.status}`);
      if (this.options.token !== undefined && req.headers.authorization !== `Bearer ${this.options.token}`) {
        throw new FakeApiError(401, 'Request is missing required authentication credential.');
      }
      if (body === TOO_BIG) throw new FakeApiError(400, `Request payload size exceeds the limit: ${this.options.maxBodyBytes ?? MAX_BODY_BYTES} bytes.`);
      const caller = this.callerOf(req);
      const kind = route.endpoint === 'sheets.get' ? 'read' : route.endpoint === 'sheets.batchUpdate' || route.endpoint === 'sheets.create' ? 'write' : null;
      if (kind && this.quota) this.quota.take(kind, caller);
      this.caller = caller;
      const answer = route.handler(url, body as Buffer, req);
      send(res, 200, answer);
    } catch (e) {
      if (endpoint === 'oauth.token' && e instanceof FakeApiError) {
        // OAuth's own error shape (RFC 6749 §5.2), not Google's API one.
        const [error, ...rest] = e.message.split(': ');
        send(res, e.status, { error, error_description: rest.join(': ') });
      } else if (e instanceof QuotaExceeded) send(res, 429, { error: { code: 429, message: e.message, status: 'RESOURCE_EXHAUSTED', details: e.details() } });
      else if (e instanceof FakeApiError) send(res, e.status, { error: { code: e.status, message: e.message, status: e.reason } });
      else send(res, 500, { error: { code: 500, message: String(e), status: statusName(500) } });
    }
  }

  private takeFault(endpoint: Endpoint): Fault | undefined {
    const list = this.faults;
    const i = list.findIndex((f) => !f.endpoint || f.endpoint === endpoint);
    if (i < 0) return undefined;
    const f = list[i]!;
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) list.splice(i, 1);
    return f;
  }

  private route(
    method: string,
    path: string,
  ): { endpoint: Endpoint; handler: (url: URL, body: Buffer, req: IncomingMessage) => unknown } | undefined {
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v4/spreadsheets') {
      return { endpoint: 'sheets.create', handler: (_u, body) => this.create(json(body)) };
    }
    if (method === 'POST' && (m = /^\/v4\/spreadsheets\/([^/:]+):batchUpdate$/.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      return { endpoint: 'sheets.batchUpdate', handler: (_u, body, req) => this.batchUpdate(id, json(body, req)) };
    }
    if (method === 'GET' && (m = /^\/v4\/spreadsheets\/([^/:]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      return { endpoint: 'sheets.get', handler: (u) => this.get(id, u) };
    }
    if (method === 'GET' && path === '/drive/v3/files') {
      return { endpoint: 'drive.files.list', handler: (u) => this.listFiles(u) };
    }
    if (method === 'POST' && path === '/upload/drive/v3/files') {
      return { endpoint: 'drive.files.create', handler: (u, body, req) => this.upload(null, u, body, req) };
    }
    if (method === 'PATCH' && (m = /^\/upload\/drive\/v3\/files\/([^/]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      return { endpoint: 'drive.files.update', handler: (u, body, req) => this.upload(id, u, body, req) };
    }
    if (method === 'GET' && (m = /^\/drive\/v3\/files\/([^/]+)$/.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      return { endpoint: 'drive.files.get', handler: (u) => this.driveFile(id, u) };
    }
    if (method === 'POST' && (m = /^\/(upload\/)?gmail\/v1\/users\/([^/]+)\/messages\/send$/.exec(path))) {
      const userId = decodeURIComponent(m[2]!);
      const upload = Boolean(m[1]);
      return { endpoint: 'gmail.send', handler: (u, body, req) => this.gmailSend(userId, upload, u, body, req) };
    }
    if (method === 'POST' && (m = /^\/drive\/v3\/files\/([^/]+)\/permissions$/.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      return { endpoint: 'drive.permissions.create', handler: (u, body, req) => this.share(id, u, json(body, req)) };
    }
    if (method === 'POST' && path === '/v1/projects') {
      return { endpoint: 'script.projects.create', handler: (_u, body, req) => this.createScript(json(body, req)) };
    }
    if (method === 'PUT' && (m = /^\/v1\/projects\/([^/]+)\/content$/.exec(path))) {
      const scriptId = decodeURIComponent(m[1]!);
      return { endpoint: 'script.projects.updateContent', handler: (_u, body, req) => this.updateScript(scriptId, json(body, req)) };
    }
    if (method === 'POST' && (m = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):signJwt$/.exec(path))) {
      const account = decodeURIComponent(m[1]!);
      return { endpoint: 'iam.signJwt', handler: (_u, body, req) => this.signJwt(account, json(body, req)) };
    }
    if (method === 'POST' && path === '/token') {
      return { endpoint: 'oauth.token', handler: (_u, body) => this.token(body) };
    }
    return undefined;
  }

  /** Who may edit a file: its owner, and those it was shared with as writers. */
  private canEdit(id: string, who: string): boolean {
    const ss = this.spreadsheets.get(id);
    if (!ss) return false;
    if ((ss.owner ?? OWNER) === who) return true;
    return (this.permissions.get(id) ?? []).some((p) => p.emailAddress.toLowerCase() === who.toLowerCase() && (p.role === 'writer' || p.role === 'owner'));
  }

  /** Drive `permissions.create`: a writer may share (the default `writersCanShare`). */
  private share(id: string, url: URL, body: { type?: string; role?: string; emailAddress?: string }): Record<string, unknown> {
    if (!this.spreadsheets.has(id)) throw new FakeApiError(404, `File not found: ${id}.`);
    if (!this.canEdit(id, this.caller)) throw new FakeApiError(403, 'The user does not have sufficient permissions for this file.');
    const roles = ['reader', 'commenter', 'writer', 'fileOrganizer', 'organizer', 'owner'];
    if (!body.role || !roles.includes(body.role)) throw new FakeApiError(400, `Invalid permission role: ${body.role}`);
    if (body.type !== 'user' && body.type !== 'group') throw new FakeApiError(400, `The fake shares with users and groups only, not ${body.type}`);
    if (!body.emailAddress || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.emailAddress)) throw new FakeApiError(400, `Invalid email address: ${body.emailAddress}`);
    if (body.role === 'owner' && url.searchParams.get('transferOwnership') !== 'true') throw new FakeApiError(403, 'The transferOwnership parameter must be enabled when the permission role is \'owner\'.');
    const list = this.permissions.get(id) ?? [];
    const p = { type: body.type, role: body.role, emailAddress: body.emailAddress };
    list.push(p);
    this.permissions.set(id, list);
    return { kind: 'drive#permission', id: `perm-${list.length}`, ...p };
  }

  /** Apps Script API `projects.create` bound to a spreadsheet the caller may edit. */
  private createScript(body: { title?: string; parentId?: string }): Record<string, unknown> {
    if (this.appsScriptApiOff.has(this.caller)) {
      throw new FakeApiError(403, 'User has not enabled the Apps Script API. Enable it by visiting https://script.google.com/home/usersettings then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.');
    }
    if (!body.title) throw new FakeApiError(400, 'Invalid argument: title');
    if (body.parentId !== undefined) {
      if (!this.spreadsheets.has(body.parentId)) throw new FakeApiError(404, 'Requested entity was not found.');
      if (!this.canEdit(body.parentId, this.caller)) throw new FakeApiError(403, 'The caller does not have permission');
      if ([...this.scripts.values()].some((x) => x.parentId === body.parentId)) {
        // Google allows several bound projects; one is all we ever make, so a second is a bug here.
        throw new FakeApiError(400, 'The fake allows one bound script per spreadsheet');
      }
    }
    const scriptId = `script-${this.scripts.size + 1}`;
    const project = { scriptId, parentId: body.parentId ?? '', title: body.title, files: [] as { name: string; type: string; source: string }[] };
    this.scripts.set(scriptId, project);
    return { scriptId, title: project.title, parentId: project.parentId };
  }

  /** `projects.updateContent`: the whole set of files, a manifest among them, names unique. */
  private updateScript(scriptId: string, body: { files?: { name?: string; type?: string; source?: string }[] }): Record<string, unknown> {
    const project = this.scripts.get(scriptId);
    if (!project) throw new FakeApiError(404, 'Requested entity was not found.');
    if (project.parentId && !this.canEdit(project.parentId, this.caller)) throw new FakeApiError(403, 'The caller does not have permission');
    const files = body.files ?? [];
    const types = new Set(['SERVER_JS', 'HTML', 'JSON']);
    const names = new Set<string>();
    for (const f of files) {
      if (!f.name || !f.type || !types.has(f.type) || typeof f.source !== 'string') throw new FakeApiError(400, `Invalid file: ${f.name ?? '(no name)'}`);
      if (names.has(f.name)) throw new FakeApiError(400, `Duplicate file name: ${f.name}`);
      names.add(f.name);
      if (f.type === 'JSON' && f.name !== 'appsscript') throw new FakeApiError(400, 'Only the manifest (appsscript) may be of type JSON');
    }
    const manifest = files.find((f) => f.name === 'appsscript' && f.type === 'JSON');
    if (!manifest) throw new FakeApiError(400, 'Project contents must include a manifest file named appsscript.');
    try {
      JSON.parse(manifest.source!);
    } catch {
      throw new FakeApiError(400, 'Invalid manifest: not JSON');
    }
    project.files = files.map((f) => ({ name: f.name!, type: f.type!, source: f.source! }));
    return { scriptId, files: project.files.map((f) => ({ name: f.name, type: f.type })) };
  }

  /** IAM Credentials: signs the payload as `account` (the caller must be it, or allowed to act as it). */
  private signJwt(account: string, body: { payload?: string }): Record<string, unknown> {
    if (this.caller !== OWNER && this.caller !== account) throw new FakeApiError(403, `Permission 'iam.serviceAccounts.signJwt' denied on resource (or it may not exist).`);
    if (typeof body.payload !== 'string') throw new FakeApiError(400, 'payload is required');
    const b64 = (x: string) => Buffer.from(x).toString('base64url');
    const jwt = `${b64(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'fake' }))}.${b64(body.payload)}.${b64('signed-by-fake-iam')}`;
    this.signed.add(jwt);
    return { keyId: 'fake', signedJwt: jwt };
  }

  private readonly codes = new Map<string, { user: string; challenge: string; scope: string }>();
  private readonly refreshTokens = new Map<string, string>();

  /**
   * What Google's consent page does when `user` signs in and agrees: a one-time code for the
   * PKCE challenge the client sent in its authorization URL.
   */
  grantCode(user: string, authUrl: string): string {
    const u = new URL(authUrl);
    const challenge = u.searchParams.get('code_challenge');
    if (!challenge || u.searchParams.get('code_challenge_method') !== 'S256') throw new Error('the authorization URL has no S256 PKCE challenge');
    const code = `4/fake-code-${this.codes.size + 1}`;
    this.codes.set(code, { user, challenge, scope: u.searchParams.get('scope') ?? '' });
    return code;
  }

  /** The OAuth token endpoint: authorization_code (PKCE checked), refresh_token, and jwt-bearer for delegation JWTs signed here. */
  private token(body: Buffer): Record<string, unknown> {
    const form = new URLSearchParams(body.toString('utf8'));
    const refuse = (error: string, description: string): never => {
      throw new FakeApiError(400, `${error}: ${description}`);
    };
    const issue = (user: string, scope?: string) => {
      const token = `ya29.fake-${this.issued.size + 1}`;
      this.issued.set(token, user);
      return { access_token: token, token_type: 'Bearer', expires_in: 3599, ...(scope ? { scope } : {}) };
    };
    if (form.get('grant_type') === 'authorization_code') {
      const grant = this.codes.get(form.get('code') ?? '') ?? refuse('invalid_grant', 'Malformed auth code.');
      this.codes.delete(form.get('code')!);
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) refuse('invalid_grant', 'Invalid code verifier.');
      const refresh = `1//fake-refresh-${this.refreshTokens.size + 1}`;
      this.refreshTokens.set(refresh, grant.user);
      return { ...issue(grant.user, grant.scope), refresh_token: refresh };
    }
    if (form.get('grant_type') === 'refresh_token') {
      const user = this.refreshTokens.get(form.get('refresh_token') ?? '') ?? refuse('invalid_grant', 'Token has been expired or revoked.');
      return issue(user);
    }
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') refuse('unsupported_grant_type', 'Invalid grant_type');
    const assertion = form.get('assertion') ?? '';
    if (!this.signed.has(assertion)) refuse('invalid_grant', 'Invalid JWT Signature.');
    const claims = JSON.parse(Buffer.from(assertion.split('.')[1]!, 'base64url').toString('utf8')) as { iss: string; sub?: string; scope: string; exp: number };
    const allowed = this.delegations.get(claims.iss) ?? [];
    if (claims.sub && !claims.scope.split(' ').every((sc) => allowed.includes(sc))) refuse('unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
    const token = `ya29.fake-${this.issued.size + 1}`;
    this.issued.set(token, claims.sub ?? claims.iss);
    return { access_token: token, token_type: 'Bearer', expires_in: 3599 };
  }

  private get(id: string, url: URL): sheets_v4.Schema$Spreadsheet {
    const ss = this.spreadsheets.get(id);
    if (!ss) throw new FakeApiError(404, 'Requested entity was not found.');
    const fields = url.searchParams.get('fields') ?? '';
    // "If a field mask is set, includeGridData is ignored": the mask decides.
    const withData = fields ? /\bdata\b|rowData/.test(fields) : url.searchParams.get('includeGridData') === 'true';
    const ranges = url.searchParams.getAll('ranges').map((r) => parseRange(ss, r));
    const sheets: sheets_v4.Schema$Sheet[] = [];
    for (const sheet of ss.sheets) {
      const mine = ranges.filter((r) => r.sheet === sheet);
      if (ranges.length > 0 && mine.length === 0) continue;
      const out: sheets_v4.Schema$Sheet = { properties: plainCopy(sheet.properties) };
      if (withData) out.data = (mine.length ? mine : [{ sheet, r0: 0, c0: 0, r1: undefined, c1: undefined }]).map((r) => gridData(sheet, r));
      if (sheet.protectedRanges.length) out.protectedRanges = plainCopy(sheet.protectedRanges);
      if (sheet.conditionalFormats.length) out.conditionalFormats = plainCopy(sheet.conditionalFormats);
      if (sheet.charts.length) out.charts = plainCopy(sheet.charts);
      sheets.push(out);
    }
    const whole = { spreadsheetId: id, spreadsheetUrl: urlOf(id), properties: plainCopy(ss.properties), sheets };
    return applyMask(whole, url.searchParams.get('fields'), SPREADSHEET_FIELDS);
  }

  private batchUpdate(id: string, body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest): sheets_v4.Schema$BatchUpdateSpreadsheetResponse {
    const ss = this.spreadsheets.get(id);
    if (!ss) throw new FakeApiError(404, 'Requested entity was not found.');
    // All or nothing: apply to a draft, keep it only if every request went through.
    const draft = draftOf(ss);
    const replies = applyRequests(draft, body.requests ?? (undefined as any), { caller: this.caller, owner: ss.owner ?? OWNER });
    this.touch(draft, this.caller);
    this.spreadsheets.set(id, draft);
    if (this.onApiChange) setImmediate(this.onApiChange, id);
    return { spreadsheetId: id, replies };
  }

  private create(body: sheets_v4.Schema$Spreadsheet): sheets_v4.Schema$Spreadsheet {
    const id = `fake-sheet-${this.nextId++}`;
    const ss: FakeSpreadsheet = {
      spreadsheetId: id,
      properties: { title: body.properties?.title ?? 'Untitled spreadsheet', locale: body.properties?.locale ?? 'en_US', timeZone: body.properties?.timeZone ?? 'Etc/GMT' },
      sheets: [],
      version: 1,
      nextObjectId: 1_000,
      owner: this.caller,
    };
    const given = body.sheets?.length ? body.sheets : [{ properties: { sheetId: 0, title: 'Sheet1' } }];
    for (const s of given) {
      const p = s.properties ?? {};
      const title = p.title ?? `Sheet${ss.sheets.length + 1}`;
      if (sheetByTitle(ss, title)) throw new FakeApiError(400, `A sheet with the name "${title}" already exists.`);
      const sheetId = p.sheetId ?? ss.nextObjectId++;
      if (ss.sheets.some((x) => x.properties.sheetId === sheetId)) throw new FakeApiError(400, `Duplicate sheetId ${sheetId}`);
      const sheet = newSheet(sheetId, title, ss.sheets.length, p.gridProperties?.rowCount ?? 1000, p.gridProperties?.columnCount ?? 26);
      if (p.gridProperties?.frozenRowCount) sheet.properties.gridProperties.frozenRowCount = p.gridProperties.frozenRowCount;
      for (const grid of s.data ?? []) {
        (grid.rowData ?? []).forEach((row, i) =>
          (row.values ?? []).forEach((cd, j) => {
            const r = (grid.startRow ?? 0) + i;
            const c = (grid.startColumn ?? 0) + j;
            const g = sheet.properties.gridProperties;
            if (r >= g.rowCount || c >= g.columnCount) throw new FakeApiError(400, `Data for '${title}' exceeds its grid`);
            const cell: FakeCell = {};
            setEntered(cell, cd.userEnteredValue);
            if (cd.userEnteredFormat) cell.userEnteredFormat = structuredClone(cd.userEnteredFormat);
            if (cd.note) cell.note = cd.note;
            if (cd.dataValidation) cell.dataValidation = structuredClone(cd.dataValidation);
            if (Object.keys(cell).length) sheet.cells[key(r, c)] = cell;
          }),
        );
      }
      ss.sheets.push(sheet);
    }
    this.touch(ss, this.caller);
    ss.version = 1; // created: its first version
    this.spreadsheets.set(id, ss);
    return {
      spreadsheetId: id,
      spreadsheetUrl: urlOf(id),
      properties: structuredClone(ss.properties),
      sheets: ss.sheets.map((s) => ({ properties: structuredClone(s.properties) })),
    };
  }

  private driveFile(id: string, url: URL): Record<string, unknown> {
    const ss = this.spreadsheets.get(id);
    if (!ss) throw new FakeApiError(404, `File not found: ${id}.`);
    // Drive's `version` is an int64, sent as a string. Without `fields`, Drive v3 answers
    // kind, id, name and mimeType only.
    // Who changed it last, as the caller sees it: `lastModifyingUser.me`, and the caller's own
    // `modifiedByMeTime` (absent if it never changed the file).
    const lastBy = ss.lastModifiedBy ?? PERSON;
    const mine = ss.modifiedByAt?.[this.caller];
    const file = {
      kind: 'drive#file', id, name: ss.properties.title, mimeType: 'application/vnd.google-apps.spreadsheet',
      version: String(ss.version), owners: [{ emailAddress: ss.owner ?? OWNER }], parents: [this.folderOf(id)],
      modifiedTime: new Date(ss.modifiedAt ?? 0).toISOString(),
      ...(mine !== undefined ? { modifiedByMeTime: new Date(mine).toISOString() } : {}),
      modifiedByMe: mine !== undefined,
      lastModifyingUser: { kind: 'drive#user', displayName: lastBy, emailAddress: lastBy, me: lastBy === this.caller },
    };
    return applyMask(file, url.searchParams.get('fields') ?? 'kind,id,name,mimeType', DRIVE_FILE_FIELDS);
  }

  private folderOf(spreadsheetId: string): string {
    return this.folders.get(spreadsheetId) ?? `folder-${spreadsheetId}`;
  }

  /** `files.create` / `files.update` with `uploadType=multipart`: metadata and content in one request. */
  private upload(id: string | null, url: URL, body: Buffer, req: IncomingMessage): Record<string, unknown> {
    if (url.searchParams.get('uploadType') !== 'multipart') throw new FakeApiError(400, 'The fake accepts only uploadType=multipart uploads');
    const { metadata, media, mediaType } = parseMultipart(body, String(req.headers['content-type'] ?? ''));
    const name = metadata.name;
    if (id === null) {
      if (typeof name !== 'string' || !name) throw new FakeApiError(400, 'The fake wants a name for each new file');
      const parents = Array.isArray(metadata.parents) ? metadata.parents.map(String) : [];
      if (parents.length !== 1) throw new FakeApiError(400, 'A file must have exactly one parent (multiple parents are no longer supported)');
      const known = new Set([...this.spreadsheets.keys()].map((s) => this.folderOf(s)));
      if (!known.has(parents[0]!)) throw new FakeApiError(404, `File not found: ${parents[0]}.`, 'notFound');
      const file: FakeDriveFile = {
        id: `file-${this.driveFiles.size + 1}`, name, mimeType: String(metadata.mimeType ?? mediaType), parents, bytes: media, revisions: 1, trashed: false,
      };
      this.driveFiles.set(file.id, file);
      return fileOut(file, url.searchParams.get('fields'));
    }
    const file = this.driveFiles.get(id);
    if (!file) throw new FakeApiError(404, `File not found: ${id}.`, 'notFound');
    // `parents` cannot be set by update (addParents/removeParents do that).
    if (metadata.parents !== undefined) throw new FakeApiError(403, 'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.');
    if (typeof name === 'string' && name) file.name = name;
    file.bytes = media;
    file.mimeType = mediaType || file.mimeType;
    file.revisions++;
    return fileOut(file, url.searchParams.get('fields'));
  }

  /** `files.list` with a `q` of name, parent and trashed clauses. */
  private listFiles(url: URL): Record<string, unknown> {
    const q = parseQuery(url.searchParams.get('q') ?? '');
    const files = [...this.driveFiles.values()].filter((f) => matches(f, q));
    const fields = url.searchParams.get('fields');
    const inner = fields ? /^files\(([^)]*)\)$/.exec(fields)?.[1] : undefined;
    if (fields && inner === undefined) throw new FakeApiError(400, `The fake answers files.list fields=files(…) only, not ${fields}`);
    return { ...(fields ? {} : { kind: 'drive#fileList', incompleteSearch: false }), files: files.map((f) => fileOut(f, inner ?? null)) };
  }

  private gmailSend(userId: string, upload: boolean, url: URL, body: Buffer, req: IncomingMessage): Record<string, unknown> {
    let raw: Buffer;
    if (upload) {
      if (url.searchParams.get('uploadType') !== 'media') throw new FakeApiError(400, 'The fake accepts only uploadType=media uploads');
      if (!String(req.headers['content-type'] ?? '').startsWith('message/rfc822')) throw new FakeApiError(400, 'Media upload must be message/rfc822');
      raw = body;
    } else {
      const msg = json(body) as { raw?: string };
      if (typeof msg.raw !== 'string' || !/^[A-Za-z0-9_-]*={0,2}$/.test(msg.raw)) {
        throw new FakeApiError(400, "Invalid value for ByteString: 'raw' must be base64url");
      }
      raw = Buffer.from(msg.raw, 'base64url');
    }
    if (!/^[\x21-\x39\x3b-\x7e]+:/m.test(raw.toString('utf8'))) throw new FakeApiError(400, 'Invalid RFC 2822 message: no header');
    this.sent.push({ userId, raw, as: this.caller });
    const id = `msg-${this.sent.length}`;
    return { id, threadId: `thread-${this.sent.length}`, labelIds: ['SENT'] };
  }
}

// ── plumbing ───────────────────────────────────────────────────────────────

interface Area {
  sheet: FakeSheet;
  r0: number;
  c0: number;
  r1: number | undefined;
  c1: number | undefined;
}

/** `'Tab name'!A1:C10`, `Tab!B2`, `Tab`, `A1:B2` (first tab). */
function parseRange(ss: FakeSpreadsheet, text: string): Area {
  const bang = text.lastIndexOf('!');
  let title = bang >= 0 ? text.slice(0, bang) : '';
  const cells = bang >= 0 ? text.slice(bang + 1) : text;
  if (title.startsWith("'") && title.endsWith("'")) title = title.slice(1, -1).replace(/''/g, "'");
  let sheet = title ? sheetByTitle(ss, title) : undefined;
  if (bang < 0) {
    sheet = sheetByTitle(ss, unquote(text));
    if (sheet) return { sheet, r0: 0, c0: 0, r1: undefined, c1: undefined };
    sheet = ss.sheets[0];
  }
  if (!sheet) throw new FakeApiError(400, `Unable to parse range: ${text}`);
  const m = /^([A-Z]+\d+)(?::([A-Z]+\d+))?$/i.exec(cells);
  if (!m) throw new FakeApiError(400, `Unable to parse range: ${text}`);
  const a = parseA1(m[1]!);
  const b = m[2] ? parseA1(m[2]) : a;
  return { sheet, r0: a.row, c0: a.col, r1: b.row + 1, c1: b.col + 1 };
}

function unquote(s: string): string {
  return s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

function isEmptyOut(cd: sheets_v4.Schema$CellData): boolean {
  if (cd === EMPTY_CELL) return true;
  for (const _ in cd) return false;
  return true;
}

function gridData(sheet: FakeSheet, area: Area): sheets_v4.Schema$GridData {
  const used = usedExtent(sheet);
  const r1 = Math.min(area.r1 ?? used.rows, used.rows);
  const c1 = Math.min(area.c1 ?? used.cols, used.cols);
  const rowData: sheets_v4.Schema$RowData[] = [];
  for (let r = area.r0; r < r1; r++) {
    const values: sheets_v4.Schema$CellData[] = [];
    for (let c = area.c0; c < c1; c++) values.push(cellOut(sheet.cells[key(r, c)]));
    while (values.length && isEmptyOut(values[values.length - 1]!)) values.pop();
    rowData.push(values.length ? { values } : {});
  }
  while (rowData.length && !rowData[rowData.length - 1]!.values) rowData.pop();
  return { startRow: area.r0, startColumn: area.c0, rowData };
}

const SPREADSHEET_FIELDS = ['spreadsheetId', 'properties', 'sheets', 'namedRanges', 'spreadsheetUrl', 'developerMetadata', 'dataSources', 'dataSourceSchedules'];
const DRIVE_FILE_FIELDS = ['kind', 'id', 'name', 'mimeType', 'version', 'owners', 'modifiedTime', 'modifiedByMeTime', 'modifiedByMe', 'lastModifyingUser', 'permissions', 'capabilities', 'parents'];

function urlOf(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  // Encoded once: its length and its bytes (a read is hundreds of KB of mostly Vietnamese text).
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': bytes.length });
  res.end(bytes);
}

const TOO_BIG = Symbol('too big');

/** The body, or TOO_BIG past `limit` (read to the end, kept no further, so the client gets our 400). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | typeof TOO_BIG> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? TOO_BIG : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A request as logged; its body is parsed when a test first looks at it (the handler parses its own). */
function logged(endpoint: Endpoint | 'unknown', method: string, url: URL, body: Buffer | typeof TOO_BIG): LoggedRequest {
  let parsed: { value: any } | undefined;
  return {
    endpoint,
    method,
    path: url.pathname,
    query: url.searchParams,
    get body() {
      parsed ??= { value: body === TOO_BIG ? '(too big)' : tryJson(body) };
      return parsed.value;
    },
  };
}

function tryJson(body: Buffer): any {
  try {
    return body.length ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    return body.toString('utf8');
  }
}

function json(body: Buffer, req?: IncomingMessage): any {
  // A JSON body must say so, or Google's front end does not read it as JSON.
  if (req && body.length && !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new FakeApiError(400, `Invalid JSON payload received. Content-Type ${req.headers['content-type'] ?? '(none)'} is not application/json.`);
  }
  try {
    return body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    throw new FakeApiError(400, 'Invalid JSON payload received.');
  }
}
