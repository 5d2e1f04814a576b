/**
 * Matching of what people type against the names in the contract: tab names, headers,
 * settings keys, rule names. Case, surrounding spaces and Unicode normalisation form
 * (NFC from one keyboard, NFD from another) must not matter.
 */
export function normalizeName(s: string): string {
  return s.normalize('NFC').replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
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
