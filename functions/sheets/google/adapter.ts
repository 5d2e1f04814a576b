/**
 * The workbook port on a Google Sheet. A run costs two Sheets API calls whatever the
 * number of units: `read()` is one `spreadsheets.get`, `write()` one `batchUpdate`.
 *
 * Versions: `read()` names what it read by a hash of the content. `version()` is Drive's
 * own `version` number, one cheap metadata call; `lastChange()` the same call telling also
 * whether the last change was ours (the no-loop check, docs/cloud.md). The two kinds of
 * version are never compared with each other.
 *
 * Sheets has no "write only if unchanged" for a batch, so `write()` cannot refuse a
 * workbook that a person edited after the read. It does not need to: it writes only
 * system-owned places, so no person's edit is overwritten, and the person's edit fires
 * its own run, which sees it.
 */
import { createHash } from 'node:crypto';
import type { sheets_v4 } from '@googleapis/sheets';
import type { drive_v3 } from '@googleapis/drive';
import type { SheetEdits, WorkbookSnapshot } from '../../core/cell.js';
import { WorkbookChangedError, WorkbookUnusableError, type WorkbookPort } from '../port.js';
import { GoogleCallError, withRetry, type RetryOptions } from '../../google/retry.js';
import { unlimited, type SheetsBudget } from '../../google/budget.js';
import { readSpreadsheet, type SheetRef } from './read.js';
import { buildWriteRequests } from './write.js';
import { sheetAdmins } from './admins.js';
import { sameName } from '../../core/text.js';

export class GoogleSheetWorkbook implements WorkbookPort {
  /** The tabs (ids, grid sizes) as of the last read, keyed by the version it returned. */
  private lastRead: { version: string; sheets: SheetRef[] } | null = null;
  /** The next write's quota token, asked for while the read was out (prepareWrite). */
  private writeToken: Promise<void> | null = null;

  constructor(
    private readonly sheets: sheets_v4.Sheets,
    private readonly drive: drive_v3.Drive,
    readonly spreadsheetId: string,
    private readonly retry: RetryOptions = {},
    /** The deployment's share of Sheets' per-minute quotas (functions/google/budget.ts). */
    private readonly budget: SheetsBudget = unlimited,
  ) {}

  async read(): Promise<{ snapshot: WorkbookSnapshot; version: string }> {
    try {
      await this.budget.take('read');
      const { snapshot, sheets } = await readSpreadsheet(this.sheets, this.spreadsheetId, this.retry);
      const version = contentVersion(snapshot);
      this.lastRead = { version, sheets };
      return { snapshot, version };
    } catch (e) {
      if (e instanceof GoogleCallError && e.status === 404) {
        throw new WorkbookUnusableError({ code: 'not-found', path: this.spreadsheetId });
      }
      throw e;
    }
  }

  async write(edits: SheetEdits, version: string): Promise<string> {
    // Returns '' : the version after a write is not known without another call (the 2-call budget).
    // The requests name tabs by the sheetIds of one particular read: edits computed from
    // any other content must not be applied with them.
    if (!this.lastRead || this.lastRead.version !== version) throw new WorkbookChangedError();
    const sheets = this.lastRead.sheets;
    // A unit's new tab is protected for it and the admins: one small read, only then.
    const creates = (edits.addTabs ?? []).some((t) => !sheets.some((s) => sameName(s.title, t.name)));
    const admins = creates ? await this.admins() : [];
    const requests = buildWriteRequests(edits, sheets, admins);
    this.lastRead = null; // tabs may be added below: the next write needs a new read
    if (requests.length === 0) return '';
    // Serialised once here: given an object, the client deep-copies it (extend) before
    // serialising it itself, tens of ms for a large cluster's batch; a string is passed as is.
    const body = JSON.stringify({ requests, includeSpreadsheetInResponse: false });
    const token = this.writeToken ?? this.budget.take('write');
    this.writeToken = null;
    await token;
    await withRetry(
      'Sheets spreadsheets.batchUpdate',
      (s) =>
        this.sheets.spreadsheets.batchUpdate(
          // `fields`: the replies are not needed, only that it succeeded.
          { spreadsheetId: this.spreadsheetId, fields: 'spreadsheetId', requestBody: body as sheets_v4.Schema$BatchUpdateSpreadsheetRequest },
          { ...s, headers: { 'content-type': 'application/json; charset=utf-8' } },
        ),
      this.retry,
    );
    return '';
  }

  /**
   * The write's quota token is asked for now, beside the read, instead of between the read's
   * answer and the write (on Firestore, two transactions on the edit's critical path). A run
   * that ends up not writing leaves one token spent: the budget errs on the safe side.
   */
  prepareWrite(): void {
    if (this.writeToken) return;
    const t = this.budget.take('write');
    t.catch(() => {}); // awaited by the write, which then fails as it would have
    this.writeToken = t;
  }

  private async admins(): Promise<string[]> {
    await this.budget.take('read');
    return sheetAdmins(this.sheets, this.spreadsheetId, this.retry);
  }

  async version(): Promise<string> {
    return (await this.file('version')).version;
  }

  /**
   * Drive's version and who made the last change, in the same one call: `lastModifyingUser.me`
   * ("whether this user is the requesting user"), or, where Drive leaves `lastModifyingUser`
   * out ("only populated when the last modification was performed by a signed-in user"),
   * `modifiedByMeTime` equal to `modifiedTime`. Neither → not ours (a run, never a missed edit).
   */
  async lastChange(): Promise<{ version: string; ours: boolean }> {
    const f = await this.file('version,modifiedTime,modifiedByMeTime,lastModifyingUser(me)');
    const byUser = f.data.lastModifyingUser;
    const ours = byUser ? byUser.me === true : !!f.data.modifiedByMeTime && f.data.modifiedByMeTime === f.data.modifiedTime;
    return { version: f.version, ours };
  }

  private async file(fields: string): Promise<{ version: string; data: drive_v3.Schema$File }> {
    const res = await withRetry(
      'Drive files.get',
      (s) => this.drive.files.get({ fileId: this.spreadsheetId, fields, supportsAllDrives: true }, s),
      this.retry,
    );
    const v = res.data.version;
    if (v === undefined || v === null) throw new Error('Drive files.get returned no version');
    return { version: `drive:${v}`, data: res.data };
  }
}

/** Names exactly the content read: same tabs, same values → same version. */
export function contentVersion(snapshot: WorkbookSnapshot): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([snapshot.title, snapshot.tabs]));
  return `sha256:${h.digest('hex')}`;
}
