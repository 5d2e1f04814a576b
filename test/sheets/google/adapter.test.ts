import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGoogle, seedSpreadsheet } from '../../support/fake-google/index.js';
import { driveClient, sheetsClient } from '../../../functions/google/clients.js';
import { GoogleSheetWorkbook } from '../../../functions/sheets/google/adapter.js';
import { GoogleCallError, type RetryEvent, type RetryOptions } from '../../../functions/google/retry.js';
import { WorkbookChangedError, WorkbookUnusableError } from '../../../functions/sheets/port.js';
import { TAB } from '../../../sheets-schema/layout.js';
import { clusterWorkbook, runEdits } from './fixture.js';

let fake: FakeGoogle;
beforeAll(async () => void (fake = await FakeGoogle.start()));
afterAll(async () => fake.close());

/** No real waiting between attempts; retries recorded. */
function quickRetry(extra: RetryOptions = {}) {
  const events: RetryEvent[] = [];
  return { events, retry: { sleep: async () => {}, onRetry: (e: RetryEvent) => void events.push(e), ...extra } };
}

function workbook(id: string, retry: RetryOptions = quickRetry().retry) {
  return new GoogleSheetWorkbook(sheetsClient({ rootUrl: fake.rootUrl }), driveClient({ rootUrl: fake.rootUrl }), id, retry);
}

describe('GoogleSheetWorkbook', () => {
  for (const units of [5, 60]) {
    it(`a run costs two Sheets API calls with ${units} unit tabs`, async () => {
      const id = seedSpreadsheet(fake, clusterWorkbook(units));
      fake.resetCounts();
      const wb = workbook(id);
      const { snapshot, version } = await wb.read();
      expect(snapshot.tabs).toHaveLength(3 + units);
      await wb.write(runEdits(units), version);

      expect(fake.count('sheets.get')).toBe(1);
      expect(fake.count('sheets.batchUpdate')).toBe(1);
      expect(fake.sheetsCalls()).toBe(2);
      expect(fake.count('drive.files.get')).toBe(0);
      // and the write landed on every unit tab
      expect(fake.entered(id, `DV${String(units).padStart(2, '0')}`, 'I2')).toEqual({ numberValue: 9 });
      expect(fake.entered(id, TAB.ranking, `B${units + 1}`)).toEqual({ stringValue: `DV${String(units).padStart(2, '0')}` });
    });
  }

  it('the version names the content: same content same version, an edit changes it', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(2));
    const wb = workbook(id);
    const a = await wb.read();
    const b = await wb.read();
    expect(b.version).toBe(a.version);
    fake.editAsPerson(id, 'DV01', 'E2', 95);
    const c = await wb.read();
    expect(c.version).not.toBe(a.version);
  });

  it('version() is Drive\'s version, one call, and it moves with a person\'s edit and with our write', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(2));
    const wb = workbook(id);
    fake.resetCounts();
    const v1 = await wb.version();
    expect(fake.count('drive.files.get')).toBe(1);
    expect(fake.sheetsCalls()).toBe(0);
    fake.editAsPerson(id, 'DV02', 'E3', 'Không đạt');
    const v2 = await wb.version();
    expect(v2).not.toBe(v1);
    const { version } = await wb.read();
    await wb.write(runEdits(2), version);
    expect(await wb.version()).not.toBe(v2);
    expect(fake.requests('drive.files.get')[0]!.query.get('fields')).toBe('version');
  });

  it("lastChange() tells in the same one Drive call whether the last change was ours: after our write yes, after a person's edit no", async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(2));
    const wb = workbook(id);
    fake.resetCounts();
    const seeded = await wb.lastChange();
    expect(seeded.ours).toBe(false);
    expect(seeded.version).toBe(await wb.version());
    const { version } = await wb.read();
    await wb.write(runEdits(2), version);
    const after = await wb.lastChange();
    expect(after).toEqual({ version: `drive:${fake.spreadsheet(id).version}`, ours: true });
    expect(after.version).not.toBe(seeded.version);
    fake.editAsPerson(id, 'DV01', 'E2', 42);
    expect(await wb.lastChange()).toEqual({ version: `drive:${fake.spreadsheet(id).version}`, ours: false });
    expect(fake.count('drive.files.get')).toBe(4);
    expect(fake.sheetsCalls()).toBe(2);
    expect(fake.requests('drive.files.get')[0]!.query.get('fields')).toBe('version,modifiedTime,modifiedByMeTime,lastModifyingUser(me)');
  });

  it('lastChange() without lastModifyingUser (Drive leaves it out unless a signed-in user made the change): ours only when modifiedByMeTime is modifiedTime', async () => {
    const answer = (data: object) =>
      new GoogleSheetWorkbook(sheetsClient({ rootUrl: fake.rootUrl }), { files: { get: async () => ({ data: { version: '7', ...data } }) } } as any, 'x').lastChange();
    const t = '2026-12-01T10:00:00.000Z';
    expect(await answer({ modifiedTime: t, modifiedByMeTime: t })).toEqual({ version: 'drive:7', ours: true });
    expect(await answer({ modifiedTime: '2026-12-01T10:00:00.001Z', modifiedByMeTime: t })).toEqual({ version: 'drive:7', ours: false });
    expect(await answer({ modifiedTime: t })).toEqual({ version: 'drive:7', ours: false });
    expect(await answer({ modifiedTime: t, modifiedByMeTime: t, lastModifyingUser: { me: false } })).toEqual({ version: 'drive:7', ours: false });
  });

  it('a 429 then success: the write succeeds after one counted retry', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(3));
    const q = quickRetry();
    const wb = workbook(id, q.retry);
    const { version } = await wb.read();
    fake.resetCounts();
    fake.inject({ endpoint: 'sheets.batchUpdate', status: 429 });
    await wb.write(runEdits(3), version);
    expect(fake.count('sheets.batchUpdate')).toBe(2);
    expect(q.events.map((e) => e.status)).toEqual([429]);
    expect(fake.entered(id, TAB.ranking, 'A2')).toEqual({ numberValue: 1 });
  });

  it('500 on every attempt: the write fails after the bounded attempts and the sheet is unchanged', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(3));
    const q = quickRetry({ attempts: 4 });
    const wb = workbook(id, q.retry);
    const { version } = await wb.read();
    const before = structuredClone(fake.spreadsheet(id));
    fake.resetCounts();
    fake.inject({ endpoint: 'sheets.batchUpdate', status: 500, times: 4 });
    const err = await wb.write(runEdits(3), version).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleCallError);
    expect(err.attempts).toBe(4);
    expect(fake.count('sheets.batchUpdate')).toBe(4);
    expect(fake.spreadsheet(id)).toEqual(before);
  });

  it('a read that hangs is abandoned at the timeout and tried again', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(2));
    const q = quickRetry({ timeoutMs: 300 });
    const wb = workbook(id, q.retry);
    fake.resetCounts();
    fake.inject({ endpoint: 'sheets.get', hang: true });
    const { snapshot } = await wb.read();
    expect(snapshot.tabs).toHaveLength(5);
    expect(fake.count('sheets.get')).toBe(2);
    expect(q.events.map((e) => e.timedOut)).toEqual([true]);
  });

  it('a batch rejected midway (a person deleted a unit tab) leaves the sheet exactly as it was', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(3));
    const wb = workbook(id);
    const { version } = await wb.read();
    fake.deleteTabAsPerson(id, 'DV03');
    const before = structuredClone(fake.spreadsheet(id));
    fake.resetCounts();
    const err = await wb.write(runEdits(3), version).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleCallError);
    expect(err.status).toBe(400);
    expect(fake.count('sheets.batchUpdate')).toBe(1); // a 400 is not retried
    // The batch added Xếp hạng and wrote DV01 before reaching DV03: none of it stayed.
    expect(fake.spreadsheet(id)).toEqual(before);
    expect(fake.spreadsheet(id).sheets.map((s) => s.properties.title)).not.toContain(TAB.ranking);
  });

  it('refuses edits computed from content other than its last read, without calling the API', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(1));
    const wb = workbook(id);
    await wb.read();
    fake.resetCounts();
    await expect(wb.write(runEdits(1), 'sha256:something-else')).rejects.toBeInstanceOf(WorkbookChangedError);
    await expect(workbook(id).write(runEdits(1), 'any')).rejects.toBeInstanceOf(WorkbookChangedError);
    expect(fake.sheetsCalls()).toBe(0);
  });

  it('a spreadsheet that does not exist is unusable, not retried', async () => {
    fake.resetCounts();
    const err = await workbook('no-such-sheet').read().catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookUnusableError);
    expect(err.reason).toEqual({ code: 'not-found', path: 'no-such-sheet' });
    expect(fake.count('sheets.get')).toBe(1);
  });

  it('a prepared write asks for its quota token beside the read, once; the write then asks nothing more', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(3));
    const asked: string[] = [];
    const wb = new GoogleSheetWorkbook(sheetsClient({ rootUrl: fake.rootUrl }), driveClient({ rootUrl: fake.rootUrl }), id, quickRetry().retry, {
      take: async (kind) => void asked.push(kind),
    });
    const reading = wb.read();
    wb.prepareWrite();
    wb.prepareWrite();
    expect(asked).toEqual(['read', 'write']); // before the read has answered
    await wb.write(runEdits(3), (await reading).version);
    expect(asked).toEqual(['read', 'write']);
    // Not prepared: the write asks for its own token, as before.
    await wb.write(runEdits(3), (await wb.read()).version);
    expect(asked).toEqual(['read', 'write', 'read', 'write']);
  });

  it('a prepared write whose quota token is refused fails without calling the API', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(1));
    const refused = Object.assign(new Error('quota'), { name: 'BudgetExhausted' });
    const wb = new GoogleSheetWorkbook(sheetsClient({ rootUrl: fake.rootUrl }), driveClient({ rootUrl: fake.rootUrl }), id, quickRetry().retry, {
      take: async (kind) => {
        if (kind === 'write') throw refused;
      },
    });
    const reading = wb.read();
    wb.prepareWrite();
    const { version } = await reading;
    fake.resetCounts();
    await expect(wb.write(runEdits(1), version)).rejects.toBe(refused);
    expect(fake.count('sheets.batchUpdate')).toBe(0);
  });

  it('writes nothing and calls nothing for empty edits', async () => {
    const id = seedSpreadsheet(fake, clusterWorkbook(1));
    const wb = workbook(id);
    const { version } = await wb.read();
    fake.resetCounts();
    await wb.write({ cells: [], tabs: [], append: [], notes: [] }, version);
    expect(fake.sheetsCalls()).toBe(0);
  });
});
