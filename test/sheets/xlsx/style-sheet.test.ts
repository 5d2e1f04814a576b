/**
 * ensureXfs adds every missing style in one pass over styles.xml: the part it returns must
 * be byte for byte the one adding the specs one at a time gives, on the parts a run meets
 * (our own workbook's, a minimal one, one with custom number formats, one with empty lists).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkbook } from '../../../functions/sheets/xlsx/init.js';
import { ensureXfs, STYLES_XML_MINIMAL, type XfSpec } from '../../../functions/sheets/xlsx/style-sheet.js';
import { SAMPLE } from '../../../sheets-schema/sample.js';
import { entryText } from './helpers.js';

const spec: fc.Arbitrary<XfSpec> = fc.record(
  {
    bold: fc.boolean(),
    color: fc.constantFrom('FF000000', 'FFB3261E'),
    fill: fc.constantFrom('FFFFF2CC', 'FFE2EFDA', 'FFFCE4D6'),
    numFmt: fc.constantFrom(null, '0', '0.00', '#,##0', '0.0%', 'dd/mm/yyyy', '#,##0" đ"', '0.00 "<điểm>"'),
    wrap: fc.boolean(),
    align: fc.constantFrom('left' as const, 'center' as const, 'right' as const),
    vertical: fc.constantFrom('top' as const, 'center' as const),
    border: fc.boolean(),
    size: fc.constantFrom(11, 12, 13),
  },
  { requiredKeys: [] },
);

function oneAtATime(xml: string | undefined, specs: readonly XfSpec[]) {
  let current = xml;
  const ids: number[] = [];
  for (const s of specs) {
    const r = ensureXfs(current, [s]);
    current = r.xml;
    ids.push(r.ids[0]!);
  }
  return { xml: current ?? STYLES_XML_MINIMAL, ids };
}

describe('ensureXfs', async () => {
  const ours = entryText(await createWorkbook(SAMPLE), 'xl/styles.xml');
  const parts: [string, string | undefined][] = [
    ['a new workbook of ours', ours],
    ['no styles part', undefined],
    ['custom number formats already there', STYLES_XML_MINIMAL.replace('<fonts', '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="170" formatCode="0.0%"/></numFmts><fonts')],
    ['empty lists written as <x/>', STYLES_XML_MINIMAL.replace(/<fills count="2">.*<\/fills>/, '<fills count="0"/>').replace(/<borders count="1">.*<\/borders>/, '<borders/>')],
  ];
  for (const [name, xml] of parts) {
    it(`gives the part and ids of adding the specs one at a time: ${name}`, () => {
      fc.assert(
        fc.property(fc.array(spec, { maxLength: 40 }), (specs) => {
          expect(ensureXfs(xml, specs)).toEqual(oneAtATime(xml, specs));
        }),
        { numRuns: 150 },
      );
    });
  }

  it('adds nothing when every style is already there (a re-run)', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 30 }), (specs) => {
        const first = ensureXfs(ours, specs);
        expect(ensureXfs(first.xml, specs)).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});
