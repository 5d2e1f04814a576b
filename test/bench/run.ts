/**
 * `npm run bench`: thidua next to its peers on the same machine in one go, paired rounds,
 * medians (measure.ts). Writes bench/results.json — merged key by key, so figures other
 * scripts add (the cloud's `province`) stay — and the README's benchmark section.
 * Nothing here is asserted: the targets of issue 10 are reported as met or not.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createWorkbook, type InitContent } from '../../functions/sheets/xlsx/init.js';
import { SAMPLE } from '../../sheets-schema/sample.js';
import { execFileSync } from 'node:child_process';
import { coldStart } from './cold-start.js';
import { coreCurve } from './core-curve.js';
import { editToRanking } from './edit-to-ranking.js';
import { git } from './measure.js';
import { comparePeers } from './peers.js';
import { readme } from './readme.js';
import { syntheticCluster } from './synthetic.js';
import { cloudBench } from './cloud.js';

// The bin runs dist/: measure the build of these sources, not an old one.
execFileSync(process.execPath, ['bin/build.js'], { stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-'));
const quick = process.env.THIDUA_BENCH_QUICK === '1';
const say = (s: string) => process.stderr.write(`bench: ${s}\n`);

async function workbook(name: string, content: InitContent) {
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, await createWorkbook(content));
  return file;
}

/** The same cluster with no address anywhere: a run that sends and previews nothing. */
function withoutEmails(c: InitContent): InitContent {
  return { ...c, settings: c.settings.filter(([k]) => k !== 'Email nhận báo cáo'), units: c.units.map((u) => ({ ...u, email: '' })) };
}

const sizes: [string, () => InitContent, { rounds: number; libreOffice: boolean; emails: boolean; sheetjs?: boolean }][] = [
  ['sample', () => SAMPLE, { rounds: quick ? 3 : 7, libreOffice: true, emails: true }],
  ['60x40', () => syntheticCluster(60, 40), { rounds: quick ? 3 : 5, libreOffice: true, emails: true }],
  ['300x40', () => syntheticCluster(300, 40), { rounds: 3, libreOffice: false, emails: true }],
  // Issue 10's target workbook: 2.000 × 50 with no address anywhere (2.007 tabs, 518.265 cells, 12,8 MB), within the
  // reader's limits since they admit 2.500 × 60 (functions/sheets/xlsx/limits.ts; docs/performance.md "Reader memory").
  ['2000x50', () => withoutEmails(syntheticCluster(2000, 50)), { rounds: quick ? 1 : 3, libreOffice: false, emails: false, sheetjs: false }],
];

const workbooks: Record<string, unknown> = {};
for (const [name, content, o] of sizes) {
  if (quick && name === '2000x50' && process.env.THIDUA_BENCH_BIG !== '1') continue;
  say(`${name}: building`);
  const file = await workbook(name, content());
  say(`${name}: measuring`);
  workbooks[name] = comparePeers(file, o);
}
say('core curve');
const core = await coreCurve(quick ? [6, 60, 600, 2000] : [6, 60, 600, 2000, 10_000]);
say('cold start');
const cold = coldStart(quick ? 3 : 7);
say('edit → ranking');
const edit = await editToRanking(60, 150, quick ? 3 : 7);
say('cloud');
const cloud = await cloudBench();

const file = 'bench/results.json';
const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
// Keys this script wrote before it compared with peers: superseded by `workbooks`.
delete before.sample;
delete before.synthetic60x40;
const results = {
  ...before,
  measuredAt: new Date().toISOString(),
  commit: git(['rev-parse', '--short', 'HEAD']),
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memGB: Math.round(totalmem() / 2 ** 30), load: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10) },
  note: 'medians of paired rounds in one run: every contestant once per round, in turn; ratios are medians of the per-round ratios. thidua runs compiled (dist/). Figures from a shared 2-core machine.',
  workbooks,
  coreCurve: core,
  coldStart: cold,
  editToRanking: edit,
  cloud,
};
mkdirSync('bench', { recursive: true });
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
if (!quick) writeFileSync('README.md', readme(readFileSync('README.md', 'utf8'), results as never));
console.log(JSON.stringify(results, null, 2));
