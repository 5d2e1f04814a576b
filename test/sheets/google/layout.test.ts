/** A run's `Xếp hạng` layout on a Google Sheet: formats, notes and widths sent with the values, through the fake. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle, seedSpreadsheet } from '../../support/fake-google/index.js';
import { sheetsClient } from '../../../functions/google/clients.js';
import { readSpreadsheet } from '../../../functions/sheets/google/read.js';
import { buildWriteRequests } from '../../../functions/sheets/google/write.js';
import { layRanking } from '../../../functions/core/edits.js';
import { rankingColumns } from '../../../sheets-schema/ranking.js';
import { TAB } from '../../../sheets-schema/layout.js';

let fake: FakeGoogle;
beforeAll(async () => void (fake = await FakeGoogle.start()));
afterAll(async () => fake.close());

describe('layoutRequests', () => {
  it('gives points two decimals, Cập nhật lúc a date-time format, notes on the header only', async () => {
    const id = seedSpreadsheet(fake, { title: 'x', tabs: [{ name: TAB.ranking, rows: [[{ t: 's', v: 'Cũ' }, { t: 's', v: 'Cũ 2' }, { t: 's', v: 'Cũ 3' }]] }] });
    const columns = rankingColumns([{ code: '1', content: 'Nhóm một' }]);
    const tab = layRanking(columns, [[1, 'HND', 'Hội Nông dân', 50, 1, 0, 94.41, 'Xuất sắc', 'Cờ', 'Hợp lệ']], [
      { label: 'Cập nhật lúc', value: 45280.416666, format: 'dateTime' },
    ], { header: 'Cụm — năm 2023', chartTitle: 'Tổng điểm' });
    const client = sheetsClient({ rootUrl: fake.rootUrl });
    const { sheets } = await readSpreadsheet(client, id);
    const requests = buildWriteRequests({ cells: [], tabs: [tab], append: [], notes: [] }, sheets);
    await client.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests } });
    const total = columns.findIndex((c) => c.key === 'total');
    const at = (col: number) => String.fromCharCode(65 + col);
    expect(fake.cell(id, TAB.ranking, `${at(total)}2`)?.userEnteredFormat?.numberFormat).toEqual({ type: 'NUMBER', pattern: '0.00' });
    const stamp = `${at(columns.length + 2)}1`;
    expect(fake.entered(id, TAB.ranking, stamp)).toEqual({ numberValue: 45280.416666 });
    expect(fake.cell(id, TAB.ranking, stamp)?.userEnteredFormat?.numberFormat).toEqual({ type: 'DATE_TIME', pattern: 'dd/mm/yyyy hh:mm' });
    expect(fake.cell(id, TAB.ranking, 'A1')?.note).toMatch(/^Thứ hạng theo Tổng điểm/);
    expect(fake.cell(id, TAB.ranking, `${at(columns.length + 1)}1`)?.note ?? '').toBe('');
    const widths = requests.filter((r) => r.updateDimensionProperties?.range?.dimension === 'COLUMNS');
    expect(widths).toHaveLength(columns.length + 3);
  });
});
