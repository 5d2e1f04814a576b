/**
 * The lock through both ledgers (MEETING.md): lock, an edit after the lock, the vote on
 * top, unlock — the same behaviour on SQLite and on the real Firestore emulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SheetEdits, WorkbookSnapshot } from '../../functions/core/cell.js';
import { openFirestoreLedger } from '../../functions/ledger/firestore.js';
import type { Ledger } from '../../functions/ledger/port.js';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { lockResults, unlockResults } from '../../functions/meeting/lock.js';
import { runOnce } from '../../functions/pipeline.js';
import type { WorkbookPort } from '../../functions/sheets/port.js';
import { createWorkbook } from '../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { SAMPLE } from '../../sheets-schema/sample.js';
import { withBallot } from '../support/ballot.js';
import { firestoreEmulatorInstalled, startFirestoreEmulator, type FirestoreEmulator } from '../support/firestore-emulator.js';
import { requireSystem } from '../support/system.js';

/** A workbook in memory: people's edits replace the snapshot; the run's writes are kept to look at. */
class MemoryWorkbook implements WorkbookPort {
  writes: SheetEdits[] = [];
  private n = 0;
  constructor(public snapshot: WorkbookSnapshot) {}
  async read() {
    return { snapshot: this.snapshot, version: String(this.n) };
  }
  async write(edits: SheetEdits) {
    this.writes.push(edits);
    return String(++this.n);
  }
  async version() {
    return String(this.n);
  }
  /** A person types `text` into a cell. */
  type(tab: string, row: number, col: number, text: string): void {
    this.snapshot = {
      ...this.snapshot,
      tabs: this.snapshot.tabs.map((t) => (t.name !== tab ? t : {
        ...t, rows: t.rows.map((r, i) => (i !== row ? r : Object.assign([...r], { [col]: { t: 's' as const, v: text } }))),
      })),
    };
  }
  logLines(): string[] {
    return this.writes.flatMap((w) => w.append.flatMap((a) => a.rows.map((r) => String(r[2]))));
  }
  ranking(): string[] {
    const last = [...this.writes].reverse().find((w) => w.tabs.some((t) => t.name === 'Xếp hạng'))!;
    return last.tabs.find((t) => t.name === 'Xếp hạng')!.rows.flat().map((v) => String(v ?? ''));
  }
}

const T_LOCK = Date.UTC(2023, 11, 20, 2, 30); // 20/12/2023 09:30 in Việt Nam
let sample: WorkbookSnapshot;
beforeAll(async () => {
  sample = readXlsx(await createWorkbook(SAMPLE), 'thi-dua-2023.xlsx');
});

function lockFlow(name: string, open: () => Promise<Ledger>): void {
  describe(`the lock on ${name}`, () => {
    it('freezes the results, warns about edits, counts the vote, and unlocks', async () => {
      const ledger = await open();
      const wb = new MemoryWorkbook(sample);
      let now = T_LOCK;
      const o = { workbook: wb, ledger, cluster: 'cum-lock', trigger: 'cli' as const, now: () => now, by: 'thuky@khoi.example' };
      const first = await runOnce(o);
      if (first.outcome !== 'ok') throw new Error('unusable');
      const scored = first.evaluation.units.map((u) => [u.code, u.rank, u.total, u.grade, u.proposal]);

      const locked = await lockResults(o);
      expect(locked.outcome).toBe('locked');
      expect((await ledger.getLock('cum-lock'))?.by).toBe('thuky@khoi.example');
      expect(wb.logLines()).toContainEqual(expect.stringContaining('Đã chốt kết quả lúc 20/12/2023 09:30 (người chốt: thuky@khoi.example'));
      expect(wb.ranking()).toContain('Đã chốt lúc 20/12/2023 09:30');
      expect((await lockResults(o)).outcome).toBe('already-locked');

      // HND's 2.2 Thực hiện (row 6, column E) goes from 58.782 hộ to 1 hộ after the lock.
      wb.type('HND', 5, 4, '1 hộ');
      now += 3_600_000;
      const after = await runOnce(o);
      if (after.outcome !== 'ok') throw new Error('unusable');
      expect(after.evaluation.units.map((u) => [u.code, u.rank, u.total, u.grade, u.proposal])).toEqual(scored);
      expect(after.evaluation.locked?.at).toBe(T_LOCK);
      expect(after.evaluation.issues).toContainEqual(expect.objectContaining({
        unit: 'HND', cell: 'E6', criterion: '2.2', severity: 'warning', code: 'changed-after-lock',
        message: 'Ô E6 (tiêu chí 2.2): Đã sửa sau khi chốt: 58.782 hộ → 1 hộ. Kết quả đã chốt được giữ nguyên; mở chốt (thidua unlock) để chấm lại',
      }));

      // The vote follows the lock.
      wb.snapshot = withBallot(wb.snapshot, [['Cờ thi đua của UBND tỉnh', 'HND', 3, 6]]);
      const vote = await runOnce(o);
      if (vote.outcome !== 'ok') throw new Error('unusable');
      expect(vote.evaluation.units.find((u) => u.code === 'HND')).toMatchObject({ proposal: 'Cờ thi đua của UBND tỉnh', award: null });

      now += 3_600_000;
      const un = await unlockResults(o);
      expect(un.outcome).toBe('unlocked');
      expect(await ledger.getLock('cum-lock')).toBeNull();
      expect(wb.logLines()).toContainEqual(expect.stringContaining('Đã mở chốt kết quả lúc 20/12/2023 11:30 (người mở: thuky@khoi.example'));
      if (un.outcome !== 'unlocked' || un.run.outcome !== 'ok') throw new Error('not rerun');
      // Scored afresh: HND's 1 hộ now counts.
      expect(un.run.evaluation.locked).toBeNull();
      expect(un.run.evaluation.units.find((u) => u.code === 'HND')!.total).toBeLessThan(first.evaluation.units.find((u) => u.code === 'HND')!.total);
      expect(wb.ranking().some((v) => v.startsWith('Đã chốt lúc'))).toBe(false);
      await ledger.close();
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'thidua-lock-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
lockFlow('SQLite', async () => openSqliteLedger(join(dir, 'ledger.sqlite')));

describe('the lock on an English sheet (Ngôn ngữ = en)', () => {
  it('writes its Nhật ký lines in English, the unlock\'s too', async () => {
    const english = readXlsx(await createWorkbook({ ...SAMPLE, settings: [...SAMPLE.settings.filter(([k]) => k !== 'Ngôn ngữ'), ['Ngôn ngữ', 'en']] }), 'thi-dua-2023.xlsx');
    const ledger = await openSqliteLedger(join(dir, 'ledger-en.sqlite'));
    const wb = new MemoryWorkbook(english);
    let now = T_LOCK;
    const o = { workbook: wb, ledger, cluster: 'cum-lock-en', trigger: 'cli' as const, now: () => now, by: 'thuky@khoi.example' };
    expect((await lockResults(o)).outcome).toBe('locked');
    now += 3_600_000;
    expect((await unlockResults(o)).outcome).toBe('unlocked');
    const lines = wb.logLines();
    expect(lines).toContainEqual(expect.stringMatching(/^Results locked at 20\/12\/2023 09:30 \(by thuky@khoi\.example; /));
    expect(lines).toContainEqual('Results unlocked at 20/12/2023 10:30 (by thuky@khoi.example; locked at 20/12/2023 09:30). This run and the next ones score again from the current data.');
    expect(lines.filter((l) => /Đã (mở )?chốt/.test(l))).toEqual([]);
    await ledger.close();
  });
});

const present = requireSystem('Firestore emulator (gcloud emulators firestore)', firestoreEmulatorInstalled());
describe.runIf(present)('Firestore emulator', () => {
  let emulator: FirestoreEmulator;
  beforeAll(async () => {
    emulator = await startFirestoreEmulator();
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  lockFlow('Firestore', async () => openFirestoreLedger(emulator.db, 'thidua-lock-test'));
});
