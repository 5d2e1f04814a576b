/**
 * The cluster's admins, as the sheet itself says: the editors of the protection over the
 * whole `Xếp hạng` tab (setup makes it "admins only"; whoever changes that protection in
 * Google Sheets changes who may send reports and lock). One small read, only for admin acts.
 */
import type { sheets_v4 } from '@googleapis/sheets';
import { sameName } from '../../core/text.js';
import { TAB } from '../../../sheets-schema/layout.js';
import { withRetry, type RetryOptions } from '../../google/retry.js';

export const ADMIN_FIELDS = 'sheets(properties(sheetId,title),protectedRanges(range,warningOnly,editors.users))';

export async function sheetAdmins(client: sheets_v4.Sheets, spreadsheetId: string, retry: RetryOptions = {}): Promise<string[]> {
  const res = await withRetry(
    'Sheets spreadsheets.get',
    (s) => client.spreadsheets.get({ spreadsheetId, fields: ADMIN_FIELDS }, s),
    retry,
  );
  const ranking = (res.data.sheets ?? []).find((s) => sameName(s.properties?.title ?? '', TAB.ranking));
  const whole = (ranking?.protectedRanges ?? []).filter((p) => {
    const r = p.range ?? {};
    return !p.warningOnly && r.startRowIndex == null && r.endRowIndex == null && r.startColumnIndex == null && r.endColumnIndex == null;
  });
  return [...new Set(whole.flatMap((p) => p.editors?.users ?? []).map((u) => u.toLowerCase()))];
}
