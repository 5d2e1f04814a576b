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
    // Version 2 (MEETING.md): the lock, and next year's head and deputy.
    locked: ev.locked ? { at: isoVietnam(ev.locked.at) } : null,
    next: ev.next,
    units: ev.units.map((u) => ({
      code: u.code,
      name: u.name,
      rank: u.rank,
      total: centsToNumber(u.total),
      grade: u.grade,
      award: u.award,
      proposal: u.proposal,
      votes: u.votes.map((v) => ({ subject: v.subject, kind: v.kind, for: v.for, valid: v.valid, passed: v.passed, outcome: v.outcome })),
      voteResult: u.voteResult,
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

/** Epoch ms → "2023-12-20T09:30:00+07:00": the cluster's own clock (Việt Nam has no daylight saving). */
export function isoVietnam(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
}
