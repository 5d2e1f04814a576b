/**
 * The bundled 2023 sample (sheets-schema/sample.ts) as the meeting leaves it: head Hội Nông
 * dân, deputy Ủy ban MTTQ, a place, and the tallies of the secret ballot typed into
 * `Bỏ phiếu` — evaluated by the real core, for the documents' tests.
 */
import type { Cell, WorkbookSnapshot } from '../../functions/core/cell.js';
import { evaluate } from '../../functions/core/evaluate.js';
import type { Evaluation } from '../../functions/core/model.js';
import { createWorkbook } from '../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { BALLOT_HEADERS, SETTING, TAB } from '../../sheets-schema/layout.js';
import { SAMPLE } from '../../sheets-schema/sample.js';

export const FLAG = 'Cờ thi đua của UBND tỉnh';
export const CERT = 'Bằng khen của Chủ tịch UBND tỉnh';

/** The meeting's tallies: 9 members' representatives voting. */
export const BALLOT: [string, string, number, number][] = [
  [FLAG, 'HND', 8, 9],
  [CERT, 'LDLD', 7, 9],
  [CERT, 'CCB', 6, 9],
];

const s = (v: string | number): Cell => (typeof v === 'number' ? { t: 'n', v } : { t: 's', v });

let bytes: Promise<Buffer> | null = null;

export async function meetingSnapshot(o: { settings?: [string, string][]; ballot?: [string, string, number, number][] | null } = {}): Promise<WorkbookSnapshot> {
  bytes ??= createWorkbook(SAMPLE);
  const wb = readXlsx(await bytes, 'sample');
  const settings = wb.tabs.find((t) => t.name === TAB.settings)!;
  const extra: [string, string][] = [[SETTING.head, 'HND'], [SETTING.deputy, 'MTTQ'], [SETTING.place, 'Phú Yên'], ...(o.settings ?? [])];
  for (const [k, v] of extra) {
    const at = settings.rows.findIndex((r) => r[0] && 'v' in r[0] && r[0].v === k);
    if (at >= 0) settings.rows[at] = [s(k), s(v)];
    else settings.rows.push([s(k), s(v)]);
  }
  const ballot = o.ballot === undefined ? BALLOT : o.ballot;
  const tabs = wb.tabs.filter((t) => t.name !== TAB.ballot);
  if (ballot) tabs.push({ name: TAB.ballot, rows: [Object.values(BALLOT_HEADERS).map(s), ...ballot.map((r) => r.map(s))] });
  return { ...wb, tabs };
}

export async function meetingEvaluation(o: Parameters<typeof meetingSnapshot>[0] = {}): Promise<Evaluation> {
  return evaluate(await meetingSnapshot(o)).evaluation;
}
