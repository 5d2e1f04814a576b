/** The summary and the scorecards on a phone (issue 9): at 390 px the page never scrolls sideways. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, layoutWidth } from '../support/chromium.js';
import { requireSystem } from '../support/system.js';
import { thidua, tempDir } from '../support/cli.js';

const present = requireSystem('chromium', chromiumPath() !== null);

describe.runIf(present)('emails at phone width', () => {
  it('summary and scorecards fit 390 px: the wide tables reflow or scroll inside themselves', async () => {
    const dir = tempDir();
    const file = join(dir, 'khoi.xlsx');
    expect(thidua(['init', file, '--sample']).code).toBe(0);
    expect(thidua(['run', file, '--now', '20/12/2023']).code).toBe(0);
    const outbox = join(dir, 'khoi-thu');
    const pages = readdirSync(outbox).filter((f) => f.endsWith('.html') && (f.startsWith('summary') || /scorecard-(HND|HPN)/.test(f)));
    expect(pages.length).toBe(3);
    for (const f of pages) {
      const html = readFileSync(join(outbox, f), 'utf8');
      expect(html, f).toMatch(/<style>[^<]*@media only screen and \(max-width: 480px\)/);
      const w = await layoutWidth(html, 390);
      expect(w.scroll, f).toBeLessThanOrEqual(w.client);
      // And the desktop layout stays as it was: 720 px paper.
      const wide = await layoutWidth(html, 900);
      expect(wide.scroll, f).toBeLessThanOrEqual(wide.client);
    }
  }, 120_000);
});
