/**
 * A synthetic cluster as the core receives it (a WorkbookSnapshot), built in memory for
 * any size: the cluster tabs come from a real small workbook made by `thidua init`'s
 * code and read back by the xlsx reader, the N unit tabs are written the same way the
 * reader hands them over (text as typed). 10.000 unit tabs through exceljs would take
 * minutes; this takes a second, so the core curve can reach 10.000 units.
 */
import type { Cell, TabSnapshot, WorkbookSnapshot } from '../../functions/core/cell.js';
import { createWorkbook } from '../../functions/sheets/xlsx/init.js';
import { readXlsx } from '../../functions/sheets/xlsx/read.js';
import { TAB } from '../../sheets-schema/layout.js';
import { syntheticCluster } from './synthetic.js';

const text = (v: string | number | null | undefined): Cell =>
  v === undefined || v === null || v === '' ? null : typeof v === 'number' ? { t: 'n', v } : { t: 's', v };

export async function syntheticSnapshot(units: number, criteria: number): Promise<WorkbookSnapshot> {
  const small = readXlsx(new Uint8Array(await createWorkbook(syntheticCluster(2, criteria))), 'synthetic.xlsx');
  const content = syntheticCluster(units, criteria);
  const tab = (name: string) => small.tabs.find((t) => t.name === name)!;
  const unitTemplate = tab('DV01');
  const max = new Map(content.criteria.map((c) => [c.code, c.max]));
  const content_ = new Map(content.criteria.map((c) => [c.code, c.content]));
  const unitsTab: TabSnapshot = {
    name: TAB.units,
    rows: [tab(TAB.units).rows[0]!, ...content.units.map((u) => [text(u.code), text(u.name), text(u.email), text(u.editors)])],
  };
  const unitTabs: TabSnapshot[] = content.units.map((u) => ({
    name: u.code,
    rows: [
      unitTemplate.rows[0]!,
      ...content.entries[u.code]!.map((e) => [
        text(e.code), text(content_.get(e.code)), text(max.get(e.code)),
        text(e.target), text(e.actual), text(e.self), text(e.evidence),
      ]),
    ],
  }));
  const system = small.tabs.filter((t) => t.name !== TAB.units && !/^DV\d+$/.test(t.name));
  const [settings, , criteriaTab] = [tab(TAB.settings), null, tab(TAB.criteria)];
  const rest = system.filter((t) => t !== settings && t !== criteriaTab);
  return { title: 'synthetic.xlsx', tabs: [settings, unitsTab, criteriaTab, ...unitTabs, ...rest] };
}
