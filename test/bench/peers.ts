/**
 * The same workbook through `thidua run --json` and through its peers, each a fresh
 * process, in paired rounds: exceljs and SheetJS reading and re-writing it, LibreOffice
 * converting it (it carries fullCalcOnLoad, so LibreOffice recalculates on load), and the
 * floor — unzipping and decoding every part with fflate, and `node -e 0`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { has, paired, round, timeProcess, type ProcessTime } from './measure.js';

const BIN = resolve('bin/thidua.js');
const node = process.execPath;

const EXCELJS = `const E = require('exceljs'); (async () => { const wb = new E.Workbook(); await wb.xlsx.readFile(process.argv[1]); await wb.xlsx.writeFile(process.argv[2]); })();`;
const SHEETJS = `const X = require('xlsx'); const wb = X.readFile(process.argv[1], { cellStyles: true }); X.writeFile(wb, process.argv[2]);`;
const FFLATE = `const { unzipSync, strFromU8 } = require('fflate'); const fs = require('fs'); const parts = unzipSync(fs.readFileSync(process.argv[1])); let n = 0; for (const k in parts) if (!/\\.(png|jpe?g|bin)$/.test(k)) n += strFromU8(parts[k]).length;`;

export interface PeerOptions {
  rounds: number;
  /** First run: a fresh copy with no previews and an empty ledger; re-run: the same again. */
  emails: boolean;
  libreOffice: boolean;
  /** Leave SheetJS out (the 2.000-unit workbook: the target compares with exceljs, and each SheetJS round is tens of seconds). */
  sheetjs?: boolean;
}

export function comparePeers(file: string, o: PeerOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-peers-'));
  const rss = join(dir, 'rss');
  const profile = join(dir, 'lo-profile');
  const lo = o.libreOffice && has('soffice');
  const loConvert = (src: string, out: string): ProcessTime =>
    timeProcess('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, src]);
  if (lo) loConvert(file, join(dir, 'lo-warm')); // the profile's first start is not what we measure

  const fresh = (i: number) => {
    const d = join(dir, `r${i}`);
    mkdirSync(d, { recursive: true });
    const copy = join(d, 'khoi.xlsx');
    copyFileSync(file, copy);
    return d;
  };
  const runArgs = (d: string) => [BIN, 'run', join(d, 'khoi.xlsx'), '--json', '--outbox', join(d, 'outbox')];
  const dirs: string[] = [];
  const r = paired(o.rounds, {
    nodeE0: () => timeProcess(node, ['-e', '0'], { rssFile: rss }),
    fflateFloor: () => timeProcess(node, ['-e', FFLATE, file], { rssFile: rss }),
    thiduaFirstRun: (i) => {
      dirs[i] = fresh(i);
      return timeProcess(node, runArgs(dirs[i]!), { rssFile: rss, env: { THIDUA_LEDGER: join(dirs[i]!, 'ledger.sqlite') } });
    },
    // The same folder again: the first run's previews and ledger are there, as for a person's second run.
    thiduaRerun: (i) => timeProcess(node, runArgs(dirs[i]!), { rssFile: rss, env: { THIDUA_LEDGER: join(dirs[i]!, 'ledger.sqlite') } }),
    exceljsReadWrite: (i) => timeProcess(node, ['-e', EXCELJS, file, join(dir, `exceljs-${i}.xlsx`)], { rssFile: rss }),
    ...(o.sheetjs === false ? {} : { sheetjsReadWrite: (i: number) => timeProcess(node, ['-e', SHEETJS, file, join(dir, `sheetjs-${i}.xlsx`)], { rssFile: rss }) }),
    ...(lo ? { libreOfficeConvert: (i: number) => loConvert(join(dirs[i]!, 'khoi.xlsx'), join(dir, `lo-${i}`)) } : {}),
  } as Record<string, (i: number) => ProcessTime>);
  rmSync(dir, { recursive: true, force: true });
  const { ratios, ...times } = r;
  const peers = ['exceljsReadWrite', ...(o.sheetjs === false ? [] : ['sheetjsReadWrite']), ...(lo ? ['libreOfficeConvert'] : []), 'fflateFloor', 'nodeE0'];
  return {
    emails: o.emails,
    times,
    ...(lo ? {} : { libreOffice: 'soffice not found: not measured' }),
    /** thidua's time divided by each peer's, median of the per-round ratios. */
    ratios: Object.fromEntries(
      ['thiduaFirstRun', 'thiduaRerun'].map((t) => [t, Object.fromEntries(peers.map((p) => [p, ratios(t, p)]))]),
    ),
  };
}

export { round };
