import { describe, expect, it } from 'vitest';
import { missingLogLines } from '../../functions/core/log-restore.js';
import type { TabSnapshot } from '../../functions/core/cell.js';

const s = (v: string) => ({ t: 's' as const, v });
const tab = (rows: string[][]): TabSnapshot => ({ name: 'Nhật ký', rows: [[s('Thời điểm'), s('Nguồn'), s('Nội dung')], ...rows.map((r) => r.map(s))] });
const line = (when: string, text: string) => ({ when, source: 'Dòng lệnh', text });

describe('missingLogLines', () => {
  it('finds the lines a stale save dropped, in ledger order', () => {
    const ledger = [line('01/12 10:00', 'a'), line('01/12 10:05', 'b'), line('01/12 10:05', 'c'), line('01/12 10:09', 'd')];
    expect(missingLogLines(ledger, tab([['01/12 10:00', 'Dòng lệnh', 'a']]))).toEqual(ledger.slice(1));
    expect(missingLogLines(ledger, tab(ledger.map((l) => [l.when, l.source, l.text])))).toEqual([]);
  });

  it('counts repeated lines one by one, and ignores lines people typed themselves', () => {
    const ledger = [line('t', 'same'), line('t', 'same')];
    expect(missingLogLines(ledger, tab([['t', 'Dòng lệnh', 'same'], ['x', 'tay', 'ghi chú của văn thư']]))).toEqual([ledger[1]]);
  });

  it('restores everything into a tab that was emptied or deleted', () => {
    const ledger = [line('t', 'a')];
    expect(missingLogLines(ledger, undefined)).toEqual(ledger);
    expect(missingLogLines(ledger, tab([]))).toEqual(ledger);
  });
});
