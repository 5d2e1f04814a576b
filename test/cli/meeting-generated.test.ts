/**
 * MEETING.md's rules on clusters nobody wrote by hand: generated workbooks with random
 * scores, roles and tallies (some of them wrong), through `thidua run --json` in a child
 * process, checked from the JSON alone.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkbook, type InitContent } from '../../functions/sheets/xlsx/init.js';
import { tempDir, thidua } from '../support/cli.js';

const FLAG = 'Cờ thi đua của UBND tỉnh';
const CERT = 'Bằng khen của Chủ tịch UBND tỉnh';

interface Generated {
  content: InitContent;
  places: number;
  threshold: number | null;
  noAward: Set<string>;
  /** The tallies written, with whether each is well-formed. */
  tallies: { subject: string; code: string; for: number | string; valid: number | string; ok: boolean }[];
}

const clusterArb: fc.Arbitrary<Generated> = fc
  .record({
    n: fc.integer({ min: 3, max: 9 }),
    places: fc.integer({ min: 0, max: 3 }),
    threshold: fc.option(fc.constantFrom(60, 70, 75), { nil: null }),
    head: fc.nat(),
    step: fc.integer({ min: 1, max: 8 }),
  })
  .chain(({ n, places, threshold, head, step }) => fc.record({
    scores: fc.array(fc.record({ a: fc.integer({ min: 5, max: 10 }), b: fc.integer({ min: 5, max: 10 }), excluded: fc.boolean() }), { minLength: n, maxLength: n }),
    tallies: fc.array(fc.record({
      subject: fc.constantFrom(FLAG, CERT, CERT, 'Cụm trưởng', 'Cụm phó', 'Giấy khen'),
      unit: fc.integer({ min: 0, max: n }), // n: a code not in Đơn vị
      valid: fc.integer({ min: 1, max: 12 }),
      extra: fc.integer({ min: -12, max: 1 }),
    }), { maxLength: 12 }),
  }).map(({ scores, tallies }): Generated => {
    const codes = scores.map((_, i) => `DV${i + 1}`);
    const h = head % n;
    const d = (h + step) % n === h ? (h + 1) % n : (h + step) % n;
    const noAward = new Set(codes.filter((_, i) => scores[i]!.excluded && i % 3 === 0));
    const written = tallies.map((t) => {
      const agree = Math.max(0, t.valid + t.extra); // above valid sometimes: a bad row
      const code = t.unit === n ? 'KHONGCO' : codes[t.unit]!;
      return { subject: t.subject, code, for: agree, valid: t.valid, ok: t.subject !== 'Giấy khen' && t.unit !== n && agree <= t.valid };
    });
    // One row per unit and form: later duplicates are errors too.
    const seen = new Set<string>();
    for (const t of written) {
      if (!t.ok) continue;
      const key = `${t.subject}/${t.code}`;
      if (seen.has(key)) t.ok = false;
      seen.add(key);
    }
    return {
      places, threshold, noAward, tallies: written,
      content: {
        settings: [
          ['Tên cụm', 'Cụm thi đua sinh tự động'], ['Năm', 2025], ['Thang điểm', 20], ['Mức Xuất sắc', '80%'],
          ['Hình thức Cờ', FLAG], ['Hình thức Bằng khen', CERT], ['Số Bằng khen', places],
          ['Cụm trưởng', codes[h]!], ['Cụm phó', codes[d]!], ...(threshold === null ? [] : [['Tỷ lệ phiếu tối thiểu', `${threshold}%`] as [string, string]]),
        ],
        units: codes.map((code) => ({ code, name: `Đơn vị ${code}`, email: '', editors: '', noAward: noAward.has(code) ? 'đang bị thanh tra' : null })),
        criteria: [
          { code: '1', content: 'Nhiệm vụ', max: 20, rule: null, param: null },
          { code: '1.1', content: 'Tự chấm A', max: 10, rule: 'Tự chấm', param: null },
          { code: '1.2', content: 'Tự chấm B', max: 10, rule: 'Tự chấm', param: null },
        ],
        entries: Object.fromEntries(codes.map((code, i) => [code, [
          { code: '1.1', self: scores[i]!.a, evidence: 'x' },
          { code: '1.2', self: scores[i]!.b, evidence: 'x' },
        ]])),
        ballot: written.map((t) => [t.subject, t.code, t.for, t.valid]),
      },
    };
  }));

interface JsonUnit {
  code: string; rank: number | null; status: string; grade: string | null; award: string | null; proposal: string | null;
  votes: { subject: string; kind: string; for: number; valid: number; passed: boolean; outcome: string }[];
}

describe('the meeting\'s rules on generated clusters, through thidua run --json', () => {
  const cases = fc.sample(clusterArb, { numRuns: 8, seed: 20231220 });
  const dir = tempDir('thidua-meeting-gen-');

  it.each(cases.map((c, i) => [i, c] as const))('cluster %i', async (i, g) => {
    const file = join(dir, `cum-${i}.xlsx`);
    writeFileSync(file, await createWorkbook(g.content));
    const r = thidua(['run', file, '--json', '--outbox', join(dir, `outbox-${i}`)]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { units: JsonUnit[]; issues: { tab: string; cell: string | null; severity: string; code: string }[]; next: Record<string, unknown> };
    const passes = (f: number, v: number) => (g.threshold === null ? 2 * f > v : f * 100 >= g.threshold * v);

    // Every bad tally is an error on its own row of Bỏ phiếu; the good ones are each unit's votes, in order.
    const bad = g.tallies.map((t, n) => ({ t, row: n + 2 })).filter(({ t }) => !t.ok).map(({ row }) => row);
    const errorRows = [...new Set(out.issues.filter((x) => x.tab === 'Bỏ phiếu' && x.severity === 'error').map((x) => Number(x.cell!.slice(1))))];
    expect(errorRows.sort((a, b) => a - b)).toEqual(bad);
    const good = g.tallies.filter((t) => t.ok);
    for (const u of out.units) {
      const mine = good.filter((t) => t.code === u.code);
      expect(u.votes.map((v) => [v.subject, v.for, v.valid, v.passed])).toEqual(mine.map((t) => [t.subject, t.for, t.valid, passes(Number(t.for), Number(t.valid))]));
    }

    const holders = (label: string) => out.units.filter((u) => u.award === label);
    expect(holders(FLAG).length).toBeLessThanOrEqual(1);
    expect(holders(CERT).length).toBeLessThanOrEqual(g.places);
    for (const label of [FLAG, CERT]) {
      const voted = good.some((t) => t.subject === label);
      for (const u of holders(label)) {
        // Only the eligible receive a form, and where the form was voted on, only with a passing row.
        expect([u.status, u.grade, g.noAward.has(u.code)]).toEqual(['ok', 'Xuất sắc', false]);
        if (voted) expect(u.votes.some((v) => v.subject === label && v.passed)).toBe(true);
        else expect(u.proposal).toBe(label);
      }
    }

    // Next year: the vote where there are passing rows, rotation otherwise.
    const roleRows = good.filter((t) => t.subject === 'Cụm trưởng' || t.subject === 'Cụm phó');
    if (!roleRows.length) {
      const codes = g.content.units.map((u) => u.code);
      const [head, deputy] = [g.content.settings[7]![1], g.content.settings[8]![1]] as string[];
      const from = codes.indexOf(deputy!);
      const nextDeputy = [...codes.slice(from + 1), ...codes.slice(0, from)].find((c) => c !== head && c !== deputy) ?? null;
      expect(out.next).toEqual({ year: 2026, head: deputy, deputy: nextDeputy, by: 'rotation' });
    } else {
      expect(out.next.by).toBe('vote');
      expect(out.next.head === null || out.next.head !== out.next.deputy).toBe(true);
    }
  });
});
