/** The report a broken shared sheet gets: the reason, a log line, the last ranking marked stale. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellText, type Cell, type OutValue, type SheetEdits, type WorkbookSnapshot } from '../../functions/core/cell.js';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { lockResults } from '../../functions/meeting/lock.js';
import { runOnce } from '../../functions/pipeline.js';
import type { WorkbookPort } from '../../functions/sheets/port.js';
import { withBallot } from '../support/ballot.js';
import { meetingSnapshot } from '../support/meeting-sample.js';
import { staleEdits } from '../../functions/core/stale.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { buildEdits } from '../../functions/core/edits.js';
import { snapshot } from '../support/snapshot.js';
import { WORKED } from '../support/worked-example.js';

const asCell = (v: OutValue): Cell => (v === null ? null : typeof v === 'number' ? { t: 'n', v } : { t: 's', v });

describe('staleEdits', () => {
  const wb = snapshot(WORKED);
  // A previous good run left its ranking in the sheet.
  const ranking = buildEdits(evaluate(wb), { now: 0, trigger: 'edit', source: 'x', log: [] }).tabs[0]!;
  wb.tabs.push({ name: 'Xếp hạng', rows: ranking.rows.map((r) => r.map(asCell)) });
  const edits = staleEdits(wb, { code: 'missing-tab', tab: 'Tiêu chí' }, Date.UTC(2024, 0, 8, 3));

  it('puts the reason in Kiểm tra and a line in Nhật ký', () => {
    expect(edits.tabs).toEqual([{ name: 'Kiểm tra', rows: [['Đơn vị', 'Ô', 'Tiêu chí', 'Mức độ', 'Nội dung'], ['Tiêu chí', null, null, 'Lỗi', expect.stringContaining('thiếu tab "Tiêu chí"')]] }]);
    expect(edits.append[0]!.rows[0]).toEqual(['08/01/2024 10:00', 'Chấm điểm', expect.stringContaining('Không chấm được')]);
  });

  it('leaves the ranking table alone and marks it stale beside it', () => {
    const col = ranking.rows[0]!.indexOf('Cập nhật lúc');
    expect(edits.cells).toEqual([
      { tab: 'Xếp hạng', row: 5, col, value: 'Tình trạng' },
      { tab: 'Xếp hạng', row: 5, col: col + 1, value: expect.stringMatching(/^KẾT QUẢ CŨ — 08\/01\/2024 10:00: Bảng tính thiếu tab "Tiêu chí"/) },
    ]);
    expect(edits.cells.every((c) => c.col > ranking.rows[0]!.indexOf('Trạng thái'))).toBe(true);
  });
});

describe('staleEdits on an English sheet', () => {
  const wb = snapshot({ ...WORKED, settings: { ...WORKED.settings, 'Ngôn ngữ': 'en' } });
  const ranking = buildEdits(evaluate(wb), { now: 0, trigger: 'edit', source: 'x', log: [] }).tabs[0]!;
  const col = ranking.rows[0]!.indexOf('Updated at');
  wb.tabs.push({ name: 'Xếp hạng', rows: ranking.rows.map((r) => r.map(asCell)) });
  const edits = staleEdits(wb, { code: 'missing-tab', tab: 'Tiêu chí' }, Date.UTC(2024, 0, 8, 3));

  it('marks it in English, where the layout puts it (not found by the label "Cập nhật lúc")', () => {
    expect(col).toBeGreaterThan(0);
    expect(edits.cells).toEqual([
      { tab: 'Xếp hạng', row: 5, col, value: 'Status' },
      { tab: 'Xếp hạng', row: 5, col: col + 1, value: 'STALE RESULTS — 08/01/2024 10:00: The workbook has no "Tiêu chí" tab; create it as the workbook contract says (thidua init makes a template). See the Kiểm tra tab.' },
    ]);
  });

  it('gives the reason in English in Kiểm tra and Nhật ký (the tabs and headers keep their names)', () => {
    expect(edits.tabs).toEqual([{ name: 'Kiểm tra', rows: [['Đơn vị', 'Ô', 'Tiêu chí', 'Mức độ', 'Nội dung'], ['Tiêu chí', null, null, 'Lỗi', expect.stringMatching(/^The workbook has no "Tiêu chí" tab/)]] }]);
    expect(edits.append[0]!.rows[0]).toEqual(['08/01/2024 10:00', 'Scoring', expect.stringMatching(/^Could not score: The workbook has no "Tiêu chí" tab/)]);
  });

  it('replaces a mark written in Vietnamese before Ngôn ngữ became en, rather than adding a second', () => {
    // The same sheet once marked while still in Vietnamese.
    const marked = structuredClone(wb);
    const tab = marked.tabs.find((t) => t.name === 'Xếp hạng')!;
    while (tab.rows.length <= 5) tab.rows.push([]);
    tab.rows[5]![col] = { t: 's', v: 'Tình trạng' };
    tab.rows[5]![col + 1] = { t: 's', v: 'KẾT QUẢ CŨ — 07/01/2024 09:00: Bảng tính thiếu tab "Tiêu chí". Xem tab Kiểm tra.' };
    const again = staleEdits(marked, { code: 'missing-tab', tab: 'Tiêu chí' }, Date.UTC(2024, 0, 8, 3));
    expect(again.cells.map((c) => [c.row, c.col, c.value])).toEqual([[5, col, 'Status'], [5, col + 1, expect.stringMatching(/^STALE RESULTS — 08\/01\/2024 10:00: /)]]);
  });
});

describe('staleEdits when Cấu hình itself is unreadable', () => {
  it('writes Vietnamese, the default language', () => {
    const wb = snapshot(WORKED);
    const ranking = buildEdits(evaluate(wb), { now: 0, trigger: 'edit', source: 'x', log: [] }).tabs[0]!;
    wb.tabs.push({ name: 'Xếp hạng', rows: ranking.rows.map((r) => r.map(asCell)) });
    const broken = { ...wb, tabs: wb.tabs.filter((t) => t.name !== 'Cấu hình') };
    const edits = staleEdits(broken, { code: 'missing-tab', tab: 'Cấu hình' }, Date.UTC(2024, 0, 8, 3));
    expect(edits.cells.map((c) => c.value)).toEqual(['Tình trạng', expect.stringMatching(/^KẾT QUẢ CŨ — 08\/01\/2024 10:00: Bảng tính thiếu tab "Cấu hình"/)]);
  });
});

/** A shared sheet in memory: a run's writes land in it (tabs rewritten, cells set), as on Google Sheets. */
class SheetInMemory implements WorkbookPort {
  private n = 0;
  constructor(public snapshot: WorkbookSnapshot) {}
  async read() {
    return { snapshot: this.snapshot, version: String(this.n) };
  }
  async write(edits: SheetEdits) {
    const tabs = this.snapshot.tabs.map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) }));
    for (const t of edits.tabs) {
      const rows = t.rows.map((r) => r.map(asCell));
      const at = tabs.findIndex((x) => x.name === t.name);
      if (at >= 0) tabs[at] = { name: t.name, rows };
      else tabs.push({ name: t.name, rows });
    }
    for (const c of edits.cells) {
      const tab = tabs.find((x) => x.name === c.tab)!;
      while (tab.rows.length <= c.row) tab.rows.push([]);
      const row = tab.rows[c.row]!;
      while (row.length <= c.col) row.push(null);
      row[c.col] = asCell(c.value);
    }
    this.snapshot = { ...this.snapshot, tabs };
    return String(++this.n);
  }
  async version() {
    return String(this.n);
  }
  /** `Xếp hạng` beside its table: label → value, as a person reads the lines. */
  asideLines(): [string, string][] {
    const rows = this.snapshot.tabs.find((t) => t.name === 'Xếp hạng')!.rows;
    const col = rows[0]!.indexOf(rows[0]!.find((c) => c?.t === 's' && c.v === 'Cập nhật lúc')!);
    return rows.filter((r) => r[col]).map((r) => [cellText(r[col]!), r[col + 1] ? cellText(r[col + 1]!) : '']);
  }
}

describe('the stale mark on a locked, voted ranking', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-stale-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the lock and next year\'s head and deputy visible beside it', async () => {
    const sheet = new SheetInMemory(await meetingSnapshot());
    const ledger = await openSqliteLedger(join(dir, 'ledger.sqlite'));
    let now = Date.UTC(2023, 11, 20, 2, 30); // 20/12/2023 09:30 in Việt Nam
    const o = { workbook: sheet, ledger, cluster: 'cum-stale', trigger: 'edit' as const, now: () => now, by: 'thuky@khoi.example', reportUnusable: true };
    expect((await runOnce(o)).outcome).toBe('ok');
    expect((await lockResults(o)).outcome).toBe('locked');
    // The meeting elects next year's head and deputy after the lock.
    sheet.snapshot = withBallot(sheet.snapshot, [['Cụm trưởng', 'MTTQ', 8, 9], ['Cụm phó', 'LDLD', 7, 9]]);
    now += 3_600_000;
    expect((await runOnce(o)).outcome).toBe('ok');
    const meeting = sheet.asideLines().filter(([label]) => label === 'Kết quả' || label === 'Năm sau');
    expect(meeting).toEqual([
      ['Kết quả', 'Đã chốt lúc 20/12/2023 09:30'],
      ['Năm sau', 'Năm 2024: Cụm trưởng Ủy ban MTTQ Việt Nam tỉnh, Cụm phó Liên đoàn Lao động tỉnh (theo kết quả bỏ phiếu)'],
    ]);

    // Someone deletes Tiêu chí: the run cannot score, twice (one mark, the latest).
    sheet.snapshot = { ...sheet.snapshot, tabs: sheet.snapshot.tabs.filter((t) => t.name !== 'Tiêu chí') };
    for (let i = 0; i < 2; i++) {
      now += 3_600_000;
      expect((await runOnce(o)).outcome).toBe('unusable');
    }

    const lines = sheet.asideLines();
    expect(lines.filter(([label]) => label === 'Kết quả' || label === 'Năm sau')).toEqual(meeting);
    expect(lines.filter(([label]) => label === 'Tình trạng')).toEqual([
      ['Tình trạng', expect.stringMatching(/^KẾT QUẢ CŨ — 20\/12\/2023 12:30: Bảng tính thiếu tab "Tiêu chí"/)],
    ]);
    await ledger.close();
  });
});
