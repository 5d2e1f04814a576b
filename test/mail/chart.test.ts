import { describe, expect, it } from 'vitest';
import { chartAlt, chartSvg, MAX_BARS, rasterise, renderChart, renderChartAsync } from '../../functions/mail/chart.js';
import { summaryFacts } from '../../functions/mail/facts.js';
import { isPng, pngStats } from '../support/chromium.js';
import { provincialBlock, syntheticCluster } from './fixtures.js';

const facts = (ev = provincialBlock()) => summaryFacts(ev, { workbookTitle: 'x.xlsx' });

describe('totals chart', () => {
  it('is a PNG at the displayed size, with real content', () => {
    const c = renderChart(facts())!;
    expect(isPng(c.png)).toBe(true);
    const s = pngStats(c.png);
    expect(s.width).toBe(c.width);
    expect(s.height).toBe(c.height);
    expect(s.inkShare).toBeGreaterThan(0.03);
    expect(s.colours).toBeGreaterThan(8);
  });

  it('drawn off the main thread, is the same picture byte for byte', async () => {
    for (const f of [facts(), facts(syntheticCluster(45))]) {
      const [sync, async] = [renderChart(f)!, (await renderChartAsync(f))!];
      expect(async.png.equals(sync.png)).toBe(true);
      expect({ ...async, png: null }).toEqual({ ...sync, png: null });
    }
  });

  it('shows the same totals as the table, in rank order, and no unit without data', () => {
    const ev = provincialBlock({}, (units) => {
      delete units.find((u) => u.code === 'HLHPN')!.scores;
    });
    const svg = chartSvg(facts(ev));
    const labels = [...svg.matchAll(/>(\d)\. ([^<]+)</g)].map((m) => `${m[1]}. ${m[2]}`);
    expect(labels).toEqual([
      '1. Hội Nông dân tỉnh', '2. Liên đoàn Lao động tỉnh', '3. Hội Cựu chiến binh tỉnh', '4. Ủy ban MTTQ Việt Nam tỉnh', '5. Tỉnh đoàn',
    ]);
    const values = [...svg.matchAll(/paint-order="stroke">([\d.,]+)</g)].map((m) => m[1]);
    expect(values).toEqual(['97,5', '94,17', '93,6', '85,4', '75,8']);
    expect(chartAlt(facts(ev))).toBe(
      'Biểu đồ tổng điểm (thang điểm 100): 1. Hội Nông dân tỉnh: 97,5; 2. Liên đoàn Lao động tỉnh: 94,17; 3. Hội Cựu chiến binh tỉnh: 93,6; 4. Ủy ban MTTQ Việt Nam tỉnh: 85,4; 5. Tỉnh đoàn: 75,8',
    );
  });

  it('draws Vietnamese letters with their marks, from the shipped font', () => {
    const text = (s: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="10" y="28" font-size="24" font-family="DejaVu Sans">${s}</text></svg>`;
    const ink = (s: string) => pngStats(rasterise(text(s), 200)).inkShare;
    expect(ink('Ủy ban')).toBeGreaterThan(0.01);
    // The tone and vowel marks are drawn: more ink than the bare letters.
    expect(ink('Hội Nông dân')).toBeGreaterThan(ink('Hoi Nong dan') * 1.05);
    expect(ink('ệ')).toBeGreaterThan(ink('e') * 1.1);
  });

  it('escapes names in the SVG', () => {
    const ev = provincialBlock({}, (units) => {
      units.find((u) => u.code === 'TD')!.name = '<script>alert(1)</script> & "co"';
    });
    const svg = chartSvg(facts(ev));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;co&#34;');
    expect(isPng(renderChart(facts(ev))!.png)).toBe(true);
  });

  it('for a large cluster draws the leaders and says where the others are, in a picture under 200 KB', () => {
    const c = renderChart(facts(syntheticCluster(300)))!;
    const labels = [...c.svg.matchAll(/>(\d+)\. [^<]+</g)].map((m) => Number(m[1]));
    expect(labels).toHaveLength(MAX_BARS);
    expect(labels).toEqual([...labels].sort((a, b) => a - b)); // the leaders, in rank order
    expect(labels[0]).toBe(1);
    expect(c.svg).toContain(`Biểu đồ vẽ ${MAX_BARS} đơn vị đứng đầu; ${300 - MAX_BARS} đơn vị còn lại xem trong bảng xếp hạng.`);
    expect(c.height).toBeLessThan(1400);
    expect(c.png.length).toBeLessThan(200 * 1024);
    expect(pngStats(c.png).inkShare).toBeGreaterThan(0.03);
  });

  it('is left out when no unit has data', () => {
    const ev = provincialBlock({}, (units) => units.forEach((u) => delete u.scores));
    expect(renderChart(facts(ev))).toBeNull();
  });
});
