/**
 * Termination of the XML reader, proven by counting steps (never by timing): random
 * text and real parts of a LibreOffice workbook mutated at random each parse, or throw
 * XmlError / LimitError, within a number of loop iterations linear in their length.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LimitError } from '../../../functions/sheets/xlsx/limits.js';
import { decodeOoxmlText, encodeOoxmlText, escapeAttr, escapeText, parseXml, textOf, XmlError, xmlSteps, type XElement } from '../../../functions/sheets/xlsx/xml.js';
import { parseStrict } from './helpers.js';

const parts = unzipSync(new Uint8Array(readFileSync('test/fixtures/libreoffice-cluster.xlsx')));
const REAL = ['xl/sharedStrings.xml', 'xl/worksheets/sheet4.xml', 'xl/workbook.xml', 'xl/styles.xml', 'xl/comments2.xml']
  .map((name) => strFromU8(parts[name]!));

/** Parses and reads every element's text, as the workbook reader does; 'ok' or the typed error's name. */
function readAll(xml: string): string {
  xmlSteps.count = 0;
  try {
    const root = parseXml(xml);
    const walk = (el: XElement): void => {
      textOf(xml, el);
      el.children.forEach(walk);
    };
    walk(root);
    return 'ok';
  } catch (e) {
    if (e instanceof XmlError || e instanceof LimitError) return e.name;
    throw e;
  } finally {
    // Linear: at most a few steps per character (each markup, attribute, text run is one).
    expect(xmlSteps.count).toBeLessThanOrEqual(4 * xml.length + 10);
  }
}

const TOKENS = ['<', '<!', '<?', ']]>', '"', "'", '<![CDATA[', '<!--', '-->', '?>', '>', '/>', '</', '&#0;', '&#xD800;', '<!x>', '<a ', '=', '\u0000'];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), token: fc.constant('') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), token: fc.constant('') }),
);

function mutate(xml: string, ms: { kind: string; at: number; token: string }[]): string {
  let s = xml;
  for (const m of ms) {
    const at = Math.floor(m.at * s.length);
    if (m.kind === 'insert') s = s.slice(0, at) + m.token + s.slice(at);
    else if (m.kind === 'truncate') s = s.slice(0, at);
    else s = s.slice(0, at) + s.slice(at + 1);
  }
  return s;
}

describe('parseXml and textOf terminate on any input', () => {
  it('the markup that used to loop forever inside text is an error or skipped, not a hang', () => {
    expect(readAll('<sst><si><t>a<!x>b</t></si></sst>')).toBe('ok');
    expect(readAll('<t>a<![CDATA[b</t>')).toBe('XmlError');
    expect(readAll('<t>a<!--b</t>')).toBe('XmlError');
    expect(readAll('<t>a<?b</t>')).toBe('XmlError');
    expect(readAll('<t>a<!x')).toBe('XmlError');
  });

  it('random text made of XML pieces: returns or throws XmlError, in linear steps', () => {
    const piece = fc.oneof(fc.constantFrom(...TOKENS, 'a', 't', ' ', 'x:c', 'r="A1"', '<t>', '</t>', '<si>', '</si>'), fc.string({ maxLength: 4 }));
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }).map((a) => a.join('')), (xml) => {
      readAll(xml);
    }), { numRuns: 3000 });
  });

  it('random bytes decoded as text: returns or throws XmlError, in linear steps', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      readAll(Buffer.from(bytes).toString('latin1'));
    }), { numRuns: 2000 });
  });

  it('real parts of a LibreOffice workbook, truncated and with markup inserted at random: returns or throws XmlError', () => {
    fc.assert(fc.property(fc.nat(REAL.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (k, ms) => {
      readAll(mutate(REAL[k]!, ms));
    }), { numRuns: 1500 });
  });

  it('a part with more elements than the limit is refused before it fills memory', () => {
    expect(() => parseXml('<a>' + '<b/>'.repeat(101) + '</a>', 100)).toThrow(LimitError);
  });
});

describe('OOXML text escapes', () => {
  it('decoding what was encoded gives the text back, literal _xHHHH_ and control characters included', () => {
    expect(decodeOoxmlText(encodeOoxmlText('_x005F_x0041_'))).toBe('_x005F_x0041_');
    const piece = fc.constantFrom('_', 'x', '0', '0041', '005F', '_x000D_', '\u0001', '\r', 'a', 'ư', '\ufffe');
    fc.assert(fc.property(fc.array(piece, { maxLength: 20 }).map((a) => a.join('')), (s) => {
      expect(decodeOoxmlText(encodeOoxmlText(s))).toBe(s);
    }), { numRuns: 2000 });
  });
});

describe('written text is always well-formed XML', () => {
  it('control characters, U+FFFE/U+FFFF and lone surrogates never reach the XML', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u001f', '\ufffe', '\uffff', '\ud800', '\udc00', 'a', '&', '<', '"'), maxLength: 20 }), (a, b) => {
      const s = a + b;
      parseStrict(`<x a="${escapeAttr(s)}">${escapeText(s)}</x>`);
    }), { numRuns: 500 });
  });
});
