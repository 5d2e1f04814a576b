/**
 * The value checks of sheets-schema/schemas.ts are written by hand so that the core loads no
 * zod; they must answer exactly as the zod schemas they replaced. Compared here with those
 * schemas, on crafted edge values and on thousands of generated ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as ours from '../../sheets-schema/schemas.js';

/** The schemas as they were, in zod. */
const zod = {
  UnitCode: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/),
  CriterionCode: z.string().regex(/^[A-Za-z0-9]{1,10}(\.[A-Za-z0-9]{1,10}){0,5}$/),
  Email: z.email(),
  Year: z.number().int().min(1900).max(2200),
  Scale: z.number().positive().max(1e9),
  NonNegative: z.number().min(0).max(1e9),
  Count: z.number().int().min(0).max(1000),
  Share: z.number().min(0).max(1),
  Language: z.enum(['vi', 'en']),
} as const;

const edges: unknown[] = [
  0, -0, 1, -1, 0.5, 1.0000001, 0.9999999, 1899, 1900, 1900.5, 2200, 2201, 1000, 1001, 1e9, 1e9 + 1, -1e-300, 5e-324,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, Number.MIN_SAFE_INTEGER - 1, 2 ** 60, NaN, Infinity, -Infinity,
  '', ' ', 'vi', 'en', 'VI', 'vi ', 'DV01', 'dv_01-x', 'a'.repeat(20), 'a'.repeat(21), 'DV 01', 'Đơn vị', '1', '1.2', '2.1.3',
  'I.1', 'A', '1.', '.1', '1..2', '1.2.3.4.5.6', '1.2.3.4.5.6.7', 'abcdefghijk', 'a@b.vn', 'a.b@c.d.vn', 'a..b@c.vn', '.a@b.vn',
  'a.@b.vn', "o'neil+x@so-noi-vu.gov.vn", 'a@b', 'a@b.c', 'a@-b.vn', 'a@b-.vn', 'a b@c.vn', 'a@b.vn.', 'ä@b.vn', 'a@bü.vn',
  'A@B.VN', 'a@b.v1', '_@b.vn', '-@b.vn', 'a-@b.vn', "a'@b.vn", '1900', '90', true, false, null, undefined, {}, [], ['vi'], 1n,
];

describe('value checks without zod', () => {
  for (const name of Object.keys(zod) as (keyof typeof zod)[]) {
    it(`${name} answers as zod did`, () => {
      const same = (v: unknown) => expect([name, v, ours[name].safeParse(v).success]).toEqual([name, v, zod[name].safeParse(v).success]);
      for (const v of edges) same(v);
      fc.assert(
        fc.property(
          fc.oneof(
            fc.double(), fc.integer({ min: -5000, max: 5000 }), fc.double({ min: -2, max: 2 }), fc.double({ min: 1e9 - 2, max: 1e9 + 2 }),
            fc.string(), fc.stringMatching(/^[A-Za-z0-9_.@'+-]{0,30}$/), fc.emailAddress(), fc.constantFrom('vi', 'en', 'fr'),
            fc.anything(),
          ),
          (v) => ours[name].safeParse(v).success === zod[name].safeParse(v).success,
        ),
        { numRuns: 3000 },
      );
    });
  }
});
