/** The facts' canonical JSON (functions/mail/key.ts): what every idempotency key is a hash of. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical } from '../../functions/mail/key.js';

/** The form the keys of every email already queued or previewed were made with: it must not change. */
function reference(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${reference(o[k])}`)
    .join(',')}}`;
}

describe('canonical', () => {
  it('sorts object keys and leaves out undefined members', () => {
    expect(canonical({ b: 1, a: [true, null, 'x'], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}');
    expect(canonical([undefined, 1])).toBe('[null,1]');
  });

  it('is the same text as before for any value (so no key changes)', () => {
    fc.assert(
      fc.property(fc.anything({ withSparseArray: true, withNullPrototype: true }), (v) => {
        expect(canonical(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });
});
