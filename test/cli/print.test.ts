import { describe, expect, it } from 'vitest';

import { evaluate } from '../../functions/core/evaluate.js';
import { rankingTable, shorten, useColour } from '../../functions/cli/print.js';
import { createWorkbook } from '../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { SAMPLE } from '../../sheets-schema/sample.js';

const width = (s: string) => Math.max(...s.split('\n').map((l) => [...l.replace(/\u001b\[[0-9;]*m/g, '')].length));

describe('rankingTable', () => {
  it('fits 80 columns (and 60), shortening long names with …, every unit on its line', async () => {
    const ev = evaluate(readXlsx(await createWorkbook(SAMPLE), 'x')).evaluation;
    for (const w of [80, 60]) {
      const t = rankingTable(ev, { width: w });
      expect(width(t), `width ${w}`).toBeLessThanOrEqual(w);
      for (const u of SAMPLE.units) expect(t).toMatch(new RegExp(`\\s${u.code}\\s`));
    }
    const t80 = rankingTable(ev, { width: 80 });
    expect(t80).toMatch(/1\s+HND\s+Hội Nông dân tỉnh\s+94,41\s+Xuất sắc/);
    expect(t80).toContain('…');
    expect(t80).not.toMatch(/\u001b/);
    // A wide terminal shows everything.
    expect(rankingTable(ev, { width: 200 })).toContain('Bằng khen của Chủ tịch UBND tỉnh');
  });

  it('colours only when asked, and NO_COLOR wins over a terminal', async () => {
    const ev = evaluate(readXlsx(await createWorkbook(SAMPLE), 'x')).evaluation;
    expect(rankingTable(ev, { colour: true })).toMatch(/\u001b\[31mCòn 1 lỗi/);
    const tty = { isTTY: true } as unknown as NodeJS.WritableStream;
    expect(useColour(tty, { TERM: 'xterm' })).toBe(true);
    expect(useColour(tty, { TERM: 'xterm', NO_COLOR: '1' })).toBe(false);
    expect(useColour({} as NodeJS.WritableStream, {})).toBe(false);
    expect(useColour({} as NodeJS.WritableStream, { FORCE_COLOR: '1' })).toBe(true);
  });

  it('shortens with one … and never splits a character', () => {
    expect(shorten('Hội Liên hiệp Phụ nữ tỉnh', 10)).toBe('Hội Liên…');
    expect(shorten('ngắn', 10)).toBe('ngắn');
  });
});
