import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { writePreviews } from '../../functions/mail/preview.js';
import { planReports } from '../../functions/mail/plan.js';
import { chromiumPath, isPng, pngStats, screenshot } from '../support/chromium.js';
import { requireSystem } from '../support/system.js';
import { provincialBlock } from './fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, '..', 'artifacts');
const dir = mkdtempSync(join(tmpdir(), 'thidua-preview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx = { cluster: 'local', asOf: '2023-12-15', workbookTitle: 'thi-dua-2023.xlsx', url: 'https://docs.google.com/spreadsheets/d/abc/edit' };
const drafts = planReports(provincialBlock(), ctx);

describe('writePreviews', () => {
  it('writes each draft as <kind>-<unit or recipient>.eml and .html, with the chart beside the summary', async () => {
    const files = await writePreviews(drafts, dir);
    expect(files.map((f) => basename(f.eml))).toEqual([
      'summary-lanhdao@example.vn.eml', 'scorecard-HND.eml', 'scorecard-LDLD.eml', 'scorecard-CCB.eml',
      'scorecard-HLHPN.eml', 'scorecard-MTTQ.eml', 'scorecard-TD.eml',
    ]);
    const summary = files[0]!;
    expect(basename(summary.html)).toBe('summary-lanhdao@example.vn.html');
    expect(summary.images.map((p) => basename(p))).toEqual(['summary-lanhdao@example.vn-tong-diem.png']);
    const page = readFileSync(summary.html, 'utf8');
    expect(page).toContain('src="summary-lanhdao@example.vn-tong-diem.png"');
    expect(page).not.toContain('cid:');
    expect(isPng(readFileSync(summary.images[0]!))).toBe(true);
    const mail = await simpleParser(readFileSync(summary.eml));
    expect(mail.subject).toBe(drafts[0]!.subject);
  });

  const hasChromium = requireSystem('chromium (ảnh chụp email / email screenshot)', chromiumPath() !== null);
  it.runIf(hasChromium)('renders the summary in a browser as a real, non-blank report (test/artifacts/summary.png)', async () => {
    mkdirSync(artifacts, { recursive: true });
    const [summary] = await writePreviews(drafts.slice(0, 1), join(dir, 'shot'));
    const png = join(artifacts, 'summary.png');
    rmSync(png, { force: true });
    await screenshot(summary!.html, png, { width: 900, height: 1600 });
    const buf = readFileSync(png);
    expect(isPng(buf)).toBe(true);
    const s = pngStats(buf);
    expect(s.width).toBe(900);
    expect(s.height).toBe(1600);
    // Text, table rules and the chart's bars: plenty of ink and colour, not a blank page.
    expect(s.inkShare).toBeGreaterThan(0.1);
    expect(s.colours).toBeGreaterThan(40);
    // a copy of the HTML and chart beside it, to open by hand
    for (const f of [summary!.html, ...summary!.images]) copyFileSync(f, join(artifacts, basename(f)));
    expect(existsSync(join(artifacts, 'summary.png'))).toBe(true);
  });
});
