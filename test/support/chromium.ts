/**
 * Headless Chromium screenshots of rendered pages, and a small PNG reader to check that
 * a screenshot is a real picture (not blank, not one colour) without an image library.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { hasProgram } from './system.js';

export function chromiumPath(): string | null {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) if (hasProgram(name)) return name;
  return null;
}

/** Screenshots `htmlPath` at `width`×`height` into `pngPath`; bounded by `timeoutMs`. */
export async function screenshot(htmlPath: string, pngPath: string, size = { width: 900, height: 1600 }, timeoutMs = 60_000): Promise<void> {
  const program = chromiumPath();
  if (!program) throw new Error('chromium không có trên máy này / chromium is not installed');
  const profile = mkdtempSync(join(tmpdir(), 'thidua-chromium-'));
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(program, [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
        '--disable-component-update', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${profile}`,
        `--screenshot=${pngPath}`, `--window-size=${size.width},${size.height}`, pathToFileURL(htmlPath).href,
      ], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => { stderr = (stderr + c.toString()).slice(-4000); });
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`chromium exited with ${code}: ${stderr}`));
      });
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface PngStats {
  width: number;
  height: number;
  /** Share of pixels that are not (near) white. */
  inkShare: number;
  /** Distinct colours (RGB, quantised to 4 bits per channel). */
  colours: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(b: Buffer): boolean {
  return b.length > 8 && b.subarray(0, 8).equals(PNG_SIGNATURE);
}

/** Decodes an 8-bit RGB/RGBA non-interlaced PNG (what Chromium and resvg write) enough to measure it. */
export function pngStats(png: Buffer): PngStats {
  if (!isPng(png)) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
      colourType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  if (!channels) throw new Error(`unsupported PNG colour type ${colourType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const prev = Buffer.alloc(stride);
  const cur = Buffer.alloc(stride);
  let ink = 0;
  const seen = new Set<number>();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let v = line[i]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const r = cur[x * channels]!;
      const g = cur[x * channels + 1]!;
      const bl = cur[x * channels + 2]!;
      if (r < 235 || g < 235 || bl < 235) ink++;
      seen.add(((r >> 4) << 8) | ((g >> 4) << 4) | (bl >> 4));
    }
    cur.copy(prev);
  }
  return { width, height, inkShare: ink / (width * height), colours: seen.size };
}

/**
 * How wide a page lays itself out in a viewport `width` px wide (headless Chromium keeps
 * its window at 500 px at least, so the page goes into an iframe of that width):
 * `scroll` above `client` means the page scrolls sideways.
 */
export async function layoutWidth(html: string, width: number, timeoutMs = 60_000): Promise<{ scroll: number; client: number }> {
  const program = chromiumPath();
  if (!program) throw new Error('chromium không có trên máy này / chromium is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'thidua-chromium-'));
  try {
    const escaped = html.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    const page = join(dir, 'page.html');
    writeFileSync(page, `<!doctype html><html><head><title>-</title><style>body{margin:0}</style></head><body>` +
      `<iframe id="f" style="border:0;width:${width}px;height:2000px" srcdoc="${escaped}"></iframe>` +
      '<script>document.getElementById("f").addEventListener("load",()=>{const d=document.getElementById("f").contentDocument.documentElement;document.title="W="+d.scrollWidth+"/"+d.clientWidth;});</script></body></html>');
    const dom = await new Promise<string>((resolve, reject) => {
      const child = spawn(program, [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
        '--disable-component-update', '--disable-sync', `--user-data-dir=${join(dir, 'profile')}`, '--window-size=600,900',
        '--dump-dom', pathToFileURL(page).href,
      ], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(out);
      });
    });
    const m = /<title>W=(\d+)\/(\d+)<\/title>/.exec(dom);
    if (!m) throw new Error('chromium did not lay the page out');
    return { scroll: Number(m[1]), client: Number(m[2]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
