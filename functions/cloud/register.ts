/**
 * Registering a spreadsheet: the allowlist of the cloud functions (a ping for an
 * unregistered id is refused before anything is read). Registration first checks that the
 * functions' credentials can see the file — the usual mistake is a sheet not shared with
 * the service account — and takes the sheet's title as the cluster's name.
 */
import type { drive_v3, sheets_v4 } from '../google/clients.js';
import { GoogleCallError, withRetry, type RetryOptions } from '../google/retry.js';
import type { Ledger } from '../ledger/port.js';
import { GoogleSheetWorkbook } from '../sheets/google/adapter.js';

export interface Registered {
  id: string;
  name: string;
  /** Drive's version now; the first reconcile runs (nothing processed yet). */
  version: string;
}

export class NotSharedError extends Error {
  constructor(readonly spreadsheetId: string, readonly status: number | undefined) {
    super(
      `Không mở được bảng tính ${spreadsheetId}${status ? ` (HTTP ${status})` : ''}: kiểm tra mã bảng tính và ` +
        'chia sẻ bảng tính (quyền Người chỉnh sửa) cho tài khoản dịch vụ mà các hàm dùng.',
    );
    this.name = 'NotSharedError';
  }
}

export async function registerSpreadsheet(o: {
  ledger: Ledger;
  sheets: sheets_v4.Sheets;
  drive: drive_v3.Drive;
  spreadsheetId: string;
  name?: string;
  now: number;
  retry?: RetryOptions;
}): Promise<Registered> {
  let version: string;
  let title: string;
  try {
    version = await new GoogleSheetWorkbook(o.sheets, o.drive, o.spreadsheetId, o.retry).version();
    const res = await withRetry(
      'Sheets spreadsheets.get',
      (s) => o.sheets.spreadsheets.get({ spreadsheetId: o.spreadsheetId, fields: 'properties.title' }, s),
      o.retry,
    );
    title = res.data.properties?.title ?? o.spreadsheetId;
  } catch (e) {
    if (e instanceof GoogleCallError && (e.status === 403 || e.status === 404)) throw new NotSharedError(o.spreadsheetId, e.status);
    throw e;
  }
  const name = o.name?.trim() || title;
  await o.ledger.registerCluster({ id: o.spreadsheetId, name, registeredAt: o.now });
  return { id: o.spreadsheetId, name, version };
}
