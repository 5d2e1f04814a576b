/**
 * Hard to break: whatever people type into a laid-out workbook, the core answers with
 * results and issues — never an exception, never NaN — or says the workbook is unusable.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Cell, WorkbookSnapshot } from '../../functions/core/cell.js';
import { evaluate } from '../../functions/core/evaluate.js';
import { WorkbookUnusableError } from '../../functions/core/unusable.js';
import { readNumberText } from '../../functions/core/values/numbers.js';
import { readDate } from '../../functions/core/values/dates.js';
import { snapshot } from '../support/snapshot.js';
import { WORKED } from '../support/worked-example.js';

const typed = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('1.250,5', '113%', '-', '(5)', '31/02/2024', 'Đạt', '=SUM(A1)', '1e400', '٣', '１２', 'NaN', ' '),
  fc.double({ noNaN: false }).map(String),
);
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  typed.map((v) => ({ t: 's' as const, v })),
  fc.double().map((v) => ({ t: 'n' as const, v })),
  fc.boolean().map((v) => ({ t: 'b' as const, v })),
  fc.constantFrom('2024-02-29', '2023-12-15').map((v) => ({ t: 'd' as const, v })),
  fc.constantFrom('#DIV/0!', '').map((v) => ({ t: 'e' as const, v, f: true as const })),
);

describe('robustness', () => {
  it('reading any text as a number or a date never throws and never yields NaN', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        const n = readNumberText(s);
        if (n.kind === 'value') expect(Number.isFinite(n.value)).toBe(true);
        readDate({ t: 's', v: s });
      }),
      { numRuns: 2000 },
    );
  });

  it('any values typed into the cells of a laid-out workbook give results, not exceptions', () => {
    const base = snapshot(WORKED);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.tabs.length - 1), fc.integer({ min: 1, max: 8 }), fc.nat(10), cell), { maxLength: 40 }), (edits) => {
        const wb: WorkbookSnapshot = structuredClone(base);
        for (const [t, r, c, v] of edits) {
          const rows = wb.tabs[t]!.rows;
          while (rows.length <= r) rows.push([]);
          rows[r]![c] = v;
        }
        let ev;
        try {
          ev = evaluate(wb).evaluation;
        } catch (e) {
          expect(e).toBeInstanceOf(WorkbookUnusableError); // only ever a structural verdict
          return;
        }
        for (const u of ev.units) {
          expect(Number.isInteger(u.total)).toBe(true);
          expect(u.total).toBeGreaterThanOrEqual(0);
        }
        for (const i of ev.issues) expect(i.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
