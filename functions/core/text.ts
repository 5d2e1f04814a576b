/**
 * Matching of what people type against the names in the contract: tab names, headers,
 * settings keys, rule names. Case, surrounding spaces and Unicode normalisation form
 * (NFC from one keyboard, NFD from another) must not matter.
 */
/**
 * `s.normalize('NFC')`, without asking ICU when no character can change: below U+0300
 * (Latin letters, digits, punctuation, đ ơ ư ă) and Vietnamese's precomposed letters
 * (U+1EA0–U+1EF9) are NFC alone and in any sequence (checked for every pair). Most cells
 * are such text; normalising each one was a few percent of the core at 10.000 units.
 */
export function nfc(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300 && (c < 0x1ea0 || c > 0x1ef9)) return s.normalize('NFC');
  }
  return s;
}

export function normalizeName(s: string): string {
  return nfc(s).replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/** Removes the tone and vowel marks too ("Tỷ lệ" → "ty le"), for rule names typed loosely. */
export function foldAccents(s: string): string {
  return normalizeName(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

/**
 * Text as it leaves the core for people to read — emails, the chart, the terminal — with
 * what cannot be shown taken out (docs/robustness.md): control characters other than tab
 * and newline (a carriage return becomes a newline) are removed, as they are invisible in
 * a spreadsheet too; U+FFFE, U+FFFF and half a surrogate pair (broken text) become U+FFFD
 * "�", so that a person can see where something was lost. The workbook itself keeps the
 * text exactly (written with OOXML's `_xHHHH_` escapes).
 */
const UNPRINTABLE = /\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Every character UNPRINTABLE could match, in one class: a quick "nothing to do" over a whole email. */
const MAYBE_UNPRINTABLE = /[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]/;

export function printable(s: string): string {
  if (!MAYBE_UNPRINTABLE.test(s)) return s;
  UNPRINTABLE.lastIndex = 0;
  if (!UNPRINTABLE.test(s)) return s;
  return s.replace(UNPRINTABLE, (c) => (c[0] === '\r' ? '\n' : c.length === 1 && c.charCodeAt(0) < 0x80 ? '' : '\ufffd'));
}
