/**
 * Which cell styles show a number as a date. A date in an `.xlsx` is a number (days
 * since 1900 or 1904) with a date number format, so the style decides.
 */
import { attr, child, children, parseXml } from './xml.js';

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30 and the East Asian ids). */
function isBuiltInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * A custom format code is a date when a day, month or year token (d, m, y) appears
 * outside quoted text, `[...]` (colours, conditions, locales) and escaped or
 * padding characters (`\x`, `_x`, `*x`).
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '');
  return /[dmy]/i.test(bare);
}

/** For each index of `cellXfs` (a cell's `s`), whether it formats numbers as dates. */
export function dateStyles(stylesXml: string | undefined): boolean[] {
  if (!stylesXml) return [];
  const root = parseXml(stylesXml);
  const custom = new Map<number, string>();
  const numFmts = child(root, 'numFmts');
  if (numFmts) {
    for (const f of children(numFmts, 'numFmt')) custom.set(Number(attr(f, 'numFmtId')), attr(f, 'formatCode') ?? '');
  }
  const xfs = child(root, 'cellXfs');
  if (!xfs) return [];
  return children(xfs, 'xf').map((xf) => {
    const id = Number(attr(xf, 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : isBuiltInDate(id);
  });
}
