/**
 * A mid-year review (sơ kết 6 tháng) in the same workbook keeps its own record: after the
 * cluster switches `Kỳ đánh giá` to the year-end review, the mid-year emails, previews,
 * runs and last inputs all still stand beside the year-end ones.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteLedger } from '../../functions/ledger/sqlite.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { applyEdits } from '../../functions/sheets/xlsx/write.js';
import { thidua, tempDir } from '../support/cli.js';

const dir = tempDir();
const file = join(dir, 'khoi.xlsx');
const outbox = join(dir, 'outbox');

/** Types into the workbook as a person would (only input cells). */
function type(edits: { tab: string; code: string; col: number; value: string }[]): void {
  const bytes = new Uint8Array(readFileSync(file));
  const wb = readXlsx(bytes, 'x');
  const cells = edits.map((e) => {
    const t = wb.tabs.find((x) => x.name === e.tab)!;
    return { tab: e.tab, row: t.rows.findIndex((r) => r[0]?.v === e.code), col: e.col, value: e.value };
  });
  writeFileSync(file, applyEdits(bytes, { cells, tabs: [], append: [], notes: [] }));
}

const run = () => {
  const r = thidua(['run', file, '--json', '--send', '--outbox', outbox, '--now', '2023-12-16']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { cluster: { period: string }; emails: { kind: string; subject: string; path: string }[] };
};

describe('Kỳ đánh giá "6 tháng", then "Cả năm", in one workbook', () => {
  it('keeps the mid-year emails, previews, runs and inputs beside the year-end ones', async () => {
    expect(thidua(['init', file, '--sample']).code).toBe(0);
    type([{ tab: 'Cấu hình', code: 'Kỳ đánh giá', col: 1, value: '6 tháng' }, { tab: 'HND', code: '2.1', col: 4, value: '2.900' }]);
    const mid = run();
    expect(mid.cluster.period).toBe('6 tháng');
    const midSummary = mid.emails.find((e) => e.kind === 'summary')!;
    expect(midSummary.subject).toContain('6 tháng');
    expect(midSummary.path).toContain(join('outbox', '6-thang'));

    type([{ tab: 'Cấu hình', code: 'Kỳ đánh giá', col: 1, value: 'Cả năm' }, { tab: 'HND', code: '2.1', col: 4, value: '5.860' }]);
    const end = run();
    const endSummary = end.emails.find((e) => e.kind === 'summary')!;
    expect(endSummary.subject).not.toContain('6 tháng');

    // Both previews stand, each with its own figures.
    expect(midSummary.path).not.toBe(endSummary.path);
    expect(existsSync(midSummary.path) && existsSync(endSummary.path)).toBe(true);
    const html = (p: string) => readFileSync(p.replace(/\.eml$/, '.html'), 'utf8');
    expect(html(midSummary.path)).toContain('Kỳ đánh giá: 6 tháng');
    expect(html(endSummary.path)).toContain('Kỳ đánh giá: Cả năm');
    // Both deliveries stand: seven emails per review, none overwritten.
    expect(readdirSync(join(outbox, 'sent')).filter((f) => f.endsWith('.eml'))).toHaveLength(14);

    const ledger = openSqliteLedger(join(dir, '.thidua', 'ledger.sqlite'));
    try {
      const cluster = `file:${resolve(file)}`;
      expect((await ledger.recentRuns(cluster, 10)).map((r) => [r.outcome, r.period])).toEqual([
        ['ok', '2023 Cả năm'],
        ['ok', '2023 6 tháng'],
      ]);
      expect((await ledger.getSnapshot(`${cluster}#2023 6 tháng`))!.units.HND!['2.1']!['Thực hiện']).toBe('2.900');
      expect((await ledger.getSnapshot(cluster))!.units.HND!['2.1']!['Thực hiện']).toBe('5.860');
      const subjects = (await ledger.listMessages(cluster)).map((m) => m.subject);
      expect(subjects.filter((s) => s.includes('6 tháng'))).toHaveLength(7);
      expect(subjects).toHaveLength(14);
    } finally {
      await ledger.close();
    }

    // Back to the mid-year review: its content is unchanged, so nothing goes out again.
    type([{ tab: 'Cấu hình', code: 'Kỳ đánh giá', col: 1, value: '6 tháng' }, { tab: 'HND', code: '2.1', col: 4, value: '2.900' }]);
    run();
    expect(readdirSync(join(outbox, 'sent')).filter((f) => f.endsWith('.eml'))).toHaveLength(14);
  });
});
