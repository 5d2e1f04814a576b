/**
 * Builds workbook snapshots for core tests the way staff lay them out (WORKBOOK.md),
 * from a compact description. Values are typed as people type them (strings) unless a
 * test gives a Cell.
 */
import type { Cell, TabSnapshot, WorkbookSnapshot } from '../../functions/core/cell.js';
import { CRITERIA_HEADERS, ENTRY_HEADERS, SETTINGS_HEADERS, TAB, UNIT_HEADERS } from '../../sheets-schema/layout.js';

export type Typed = string | number | boolean | Cell;

export interface ClusterSpec {
  settings?: Record<string, Typed>;
  units: { code: string; name?: string; email?: string; noAward?: string }[];
  criteria: { code: string; content?: string; max?: Typed; rule?: string; param?: Typed }[];
  /** unit code → criterion code → inputs; a unit absent here gets no tab. */
  entries: Record<string, Record<string, { target?: Typed; actual?: Typed; self?: Typed; evidence?: Typed; review?: Typed }>>;
}

export function cell(v: Typed | undefined): Cell {
  if (v === undefined || v === '') return null;
  if (typeof v === 'string') return { t: 's', v };
  if (typeof v === 'number') return { t: 'n', v };
  if (typeof v === 'boolean') return { t: 'b', v };
  return v;
}

function tab(name: string, header: string[], rows: Typed[][]): TabSnapshot {
  return { name, rows: [header.map((h) => cell(h)), ...rows.map((r) => r.map((v) => cell(v)))] };
}

export function snapshot(spec: ClusterSpec): WorkbookSnapshot {
  const settings = { 'Tên cụm': 'Cụm thử nghiệm', 'Năm': 2024, ...spec.settings };
  const leaves = spec.criteria.filter((c) => !spec.criteria.some((o) => o.code.startsWith(c.code + '.')));
  const tabs: TabSnapshot[] = [
    tab(TAB.settings, Object.values(SETTINGS_HEADERS), Object.entries(settings).map(([k, v]) => [k, v])),
    tab(TAB.units, Object.values(UNIT_HEADERS), spec.units.map((u) => [u.code, u.name ?? `Đơn vị ${u.code}`, u.email ?? '', '', u.noAward ?? ''])),
    tab(TAB.criteria, Object.values(CRITERIA_HEADERS), spec.criteria.map((c) => [c.code, c.content ?? `Tiêu chí ${c.code}`, c.max ?? '', c.rule ?? '', c.param ?? ''])),
  ];
  for (const u of spec.units) {
    const e = spec.entries[u.code];
    if (!e) continue;
    tabs.push(
      tab(u.code, Object.values(ENTRY_HEADERS), leaves.map((c) => {
        const x = e[c.code] ?? {};
        return [c.code, c.content ?? '', c.max ?? '', x.target ?? '', x.actual ?? '', x.self ?? '', x.evidence ?? '', x.review ?? '', '', ''];
      })),
    );
  }
  return { title: 'test.xlsx', tabs };
}
