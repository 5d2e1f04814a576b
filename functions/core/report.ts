/** The `thidua run --json` object (WORKBOOK.md): plain numbers rounded to 2 decimals. */
import { centsToNumber } from './format.js';
import type { Evaluation } from './model.js';

export interface JsonEmail {
  kind: string;
  to: string[];
  subject: string;
  path?: string;
}

export function jsonReport(ev: Evaluation, emails: JsonEmail[]) {
  return {
    cluster: { name: ev.settings.name, year: ev.settings.year, period: ev.settings.period, scale: ev.settings.scale },
    units: ev.units.map((u) => ({
      code: u.code,
      name: u.name,
      rank: u.rank,
      total: centsToNumber(u.total),
      grade: u.grade,
      award: u.award,
      status: u.status,
      scores: Object.fromEntries(u.scores.map((s) => [s.code, centsToNumber(s.points)])),
      groups: Object.fromEntries(Object.entries(u.groups).map(([k, v]) => [k, centsToNumber(v)])),
      bonus: centsToNumber(u.bonus),
      deduction: centsToNumber(u.deduction),
      awardReason: u.awardReason,
      history: u.history,
    })),
    issues: ev.issues.map((i) => ({
      unit: i.unit,
      tab: i.tab,
      cell: i.cell,
      criterion: i.criterion,
      severity: i.severity,
      code: i.code,
      message: i.message,
    })),
    emails,
  };
}
