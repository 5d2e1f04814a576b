/**
 * The bar chart of totals in the summary email, drawn without a browser: an SVG built
 * here, rasterised by resvg with the DejaVu Sans font shipped in templates/fonts (it has
 * every Vietnamese glyph; system fonts are not loaded, so the picture is the same on
 * every machine). Mail clients show the PNG inline (cid); SVG would be blocked.
 */
import { printable } from '../core/text.js';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type * as ResvgModule from '@resvg/resvg-js';
import { formatPoints } from '../core/format.js';
import type { Lang } from '../core/model.js';
import type { AwardClass, SummaryFacts } from './facts.js';
import { templatesDir } from './templates.js';

const WIDTH = 680;
const PAD = 20;
const ROW = 36;
const TOP = 64;
/**
 * Rasterised at the displayed width: twice as sharp on a phone would be four times the
 * pixels (2 s and 2,2 MB at 300 units); the numbers that matter are also in the table.
 */
const PIXEL_RATIO = 1;
/** Beyond this many units the chart shows the leaders and says where the rest are: a bar per unit of 300 is unreadable. */
export const MAX_BARS = 30;
const FONT = 'DejaVu Sans';

const COLOUR: Record<AwardClass, string> = {
  flag: '#b3261e',
  cert: '#c98a0c',
  vote: '#6a4c93',
  none: '#5b7ba6',
};

const WORDS: Record<Lang, { title: string; scale: (n: string) => string; excellent: string; vote: string; none: string; alt: string; points: string; rest: (shown: number, n: number) => string }> = {
  vi: {
    title: 'Tổng điểm của các đơn vị',
    scale: (n) => `Thang điểm ${n}`,
    excellent: 'Mức Xuất sắc',
    vote: 'Cần bỏ phiếu',
    none: 'Chưa đề nghị khen thưởng',
    alt: 'Biểu đồ tổng điểm',
    points: 'điểm',
    rest: (shown, n) => `Biểu đồ vẽ ${shown} đơn vị đứng đầu; ${n} đơn vị còn lại xem trong bảng xếp hạng.`,
  },
  en: {
    title: 'Total points by unit',
    scale: (n) => `Scale of ${n}`,
    excellent: 'Excellent',
    vote: 'Needs a vote',
    none: 'No award proposed',
    alt: 'Chart of total points',
    points: 'points',
    rest: (shown, n) => `The top ${shown} units are drawn; the other ${n} are in the ranking table.`,
  },
};

function esc(s: string): string {
  // Sheet text with a control character would make the SVG unparseable (and the run fail).
  return printable(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function clip(s: string, max: number): string {
  const t = s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Gridline step: a fifth of the scale, rounded to 1, 2 or 5 × 10ⁿ. */
function niceStep(max: number): number {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

function ranked(f: SummaryFacts) {
  return f.rows.filter((r) => r.status !== 'missing' && r.rank !== null);
}

/** What the chart shows, in words: the alt text of the image. */
export function chartAlt(f: SummaryFacts): string {
  const w = WORDS[f.lang];
  const items = ranked(f).map((r) => `${r.rank}. ${r.name}: ${formatPoints(r.total, f.lang)}`);
  return `${w.alt} (${w.scale(String(f.cluster.scale)).toLocaleLowerCase(f.lang)}): ${items.join('; ')}`;
}

/** Legend entries left to right, wrapping to a new line when the next would not fit. */
function legendLayout(f: SummaryFacts, classes: AwardClass[], top: number) {
  const w = WORDS[f.lang];
  const label: Record<AwardClass, string> = { flag: f.flagLabel, cert: f.certificateLabel, vote: w.vote, none: w.none };
  const items: { cls: AwardClass; text: string; x: number; y: number }[] = [];
  let x = PAD;
  let y = top;
  for (const cls of classes) {
    const text = clip(label[cls], 48);
    // No text metrics without a layout engine: a DejaVu Sans glyph averages under 0,62 em.
    const width = 18 + Math.ceil(text.length * 12 * 0.62);
    if (x > PAD && x + width > WIDTH - PAD) {
      x = PAD;
      y += 20;
    }
    items.push({ cls, text, x, y });
    x += width + 22;
  }
  return { items, bottom: y };
}

export function chartSvg(f: SummaryFacts): string {
  const w = WORDS[f.lang];
  const all = ranked(f);
  const rows = all.slice(0, MAX_BARS);
  const rest = all.length - rows.length;
  const scale = f.cluster.scale > 0 ? f.cluster.scale : 100;
  const top = Math.max(scale, ...rows.map((r) => r.total / 100));
  const step = niceStep(top);
  const domain = Math.ceil(top / step) * step;
  const x0 = PAD;
  const x1 = WIDTH - PAD - 56;
  const xOf = (points: number) => x0 + (Math.max(0, points) / domain) * (x1 - x0);
  const axisY = TOP + rows.length * ROW + 4;
  const classes = (['flag', 'cert', 'vote', 'none'] as AwardClass[]).filter((c) => rows.some((r) => r.awardClass === c));
  const noteY = axisY + 40;
  const legend = legendLayout(f, classes, rest > 0 ? noteY + 26 : axisY + 42);
  const height = classes.length > 0 ? legend.bottom + 12 : rest > 0 ? noteY + 14 : axisY + 28;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}">`);
  out.push(`<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${PAD}" y="26" font-size="16" font-weight="bold" fill="#1f1f1f">${esc(w.title)}</text>`);
  out.push(`<text x="${PAD}" y="46" font-size="12" fill="#555555">${esc(w.scale(String(scale)))}</text>`);

  for (let v = 0; v <= domain + 1e-9; v += step) {
    const x = xOf(v).toFixed(1);
    out.push(`<line x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${axisY}" stroke="#e3e3e3" stroke-width="1"/>`);
    out.push(`<text x="${x}" y="${axisY + 16}" font-size="11" fill="#666666" text-anchor="middle">${esc(formatPoints(Math.round(v * 100), f.lang))}</text>`);
  }

  const ex = f.cluster.excellent * scale;
  if (ex > 0 && ex <= domain) {
    const x = xOf(ex).toFixed(1);
    out.push(`<line x1="${x}" y1="${TOP - 10}" x2="${x}" y2="${axisY}" stroke="#b3261e" stroke-width="1.2" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${x}" y="${TOP - 14}" font-size="11" fill="#b3261e" text-anchor="middle">${esc(`${w.excellent} ≥ ${formatPoints(Math.round(ex * 100), f.lang)}`)}</text>`);
  }

  rows.forEach((r, i) => {
    const y = TOP + i * ROW;
    const end = xOf(r.total / 100);
    out.push(`<text x="${x0}" y="${y + 8}" font-size="12.5" fill="#1f1f1f" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(`${r.rank}. ${clip(r.name, 80)}`)}</text>`);
    out.push(`<rect x="${x0}" y="${y + 13}" width="${Math.max(1, end - x0).toFixed(1)}" height="15" rx="2" fill="${COLOUR[r.awardClass]}"/>`);
    out.push(`<text x="${(end + 6).toFixed(1)}" y="${y + 25}" font-size="12.5" font-weight="bold" fill="#1f1f1f" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(formatPoints(r.total, f.lang))}</text>`);
  });

  if (rest > 0) out.push(`<text x="${PAD}" y="${noteY}" font-size="12.5" font-style="italic" fill="#333333">${esc(w.rest(rows.length, rest))}</text>`);

  for (const item of legend.items) {
    out.push(`<rect x="${item.x}" y="${item.y - 10}" width="12" height="12" rx="2" fill="${COLOUR[item.cls]}"/>`);
    out.push(`<text x="${item.x + 18}" y="${item.y}" font-size="12" fill="#333333">${esc(item.text)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

export interface Chart {
  png: Buffer;
  svg: string;
  alt: string;
  /** Displayed size in CSS pixels (the PNG's too: drawn at 1×). */
  width: number;
  height: number;
}

/** SVG → PNG at `widthPx`, with the shipped fonts only. */
// The native rasteriser loads with the first chart drawn, not with every run.
let resvgModuleCache: typeof ResvgModule | null = null;
function resvgModule(): typeof ResvgModule {
  return (resvgModuleCache ??= createRequire(import.meta.url)('@resvg/resvg-js') as typeof ResvgModule);
}

function resvgOptions(widthPx: number) {
  const fonts = join(templatesDir(), 'fonts');
  return {
    fitTo: { mode: 'width' as const, value: widthPx },
    background: '#ffffff',
    font: {
      fontFiles: [join(fonts, 'DejaVuSans.ttf'), join(fonts, 'DejaVuSans-Bold.ttf')],
      loadSystemFonts: false,
      defaultFontFamily: FONT,
    },
  };
}

export function rasterise(svg: string, widthPx: number): Buffer {
  const { Resvg } = resvgModule();
  return new Resvg(svg, resvgOptions(widthPx)).render().asPng();
}

/**
 * The same picture, drawn on libuv's thread pool: parsing, laying out every label
 * (resvg shapes each text run against the font, ~1 ms apiece: most of a chart's cost)
 * and painting happen off the main thread, which meanwhile renders and builds the other
 * emails. The PNG is the same, byte for byte (its encoding, a few ms, stays here).
 */
export async function rasteriseAsync(svg: string, widthPx: number): Promise<Buffer> {
  return (await resvgModule().renderAsync(svg, resvgOptions(widthPx))).asPng();
}

function chartOf(f: SummaryFacts): { svg: string; height: number } | null {
  if (ranked(f).length === 0) return null;
  const svg = chartSvg(f);
  return { svg, height: Number(/height="(\d+)"/.exec(svg)![1]) };
}

export function renderChart(f: SummaryFacts): Chart | null {
  const c = chartOf(f);
  return c && { png: rasterise(c.svg, WIDTH * PIXEL_RATIO), svg: c.svg, alt: chartAlt(f), width: WIDTH, height: c.height };
}

/** renderChart, rasterised off the main thread (rasteriseAsync). */
export async function renderChartAsync(f: SummaryFacts): Promise<Chart | null> {
  const c = chartOf(f);
  return c && { png: await rasteriseAsync(c.svg, WIDTH * PIXEL_RATIO), svg: c.svg, alt: chartAlt(f), width: WIDTH, height: c.height };
}
