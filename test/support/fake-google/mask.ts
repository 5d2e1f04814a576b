/**
 * Partial responses as Google gives them: `fields=a,b.c,d(e,f.g)` keeps only those fields
 * (Sheets "field masks" guide; Drive "return specific fields"). `*` keeps everything below.
 * Arrays are masked element by element. A mask naming an unknown top field is a 400.
 */
import { FakeApiError } from './model.js';

type Tree = Map<string, Tree | true>;

export function parseMask(mask: string): Tree {
  let i = 0;
  const parseList = (): Tree => {
    const tree: Tree = new Map();
    for (;;) {
      parsePath(tree);
      if (mask[i] === ',') {
        i++;
        continue;
      }
      return tree;
    }
  };
  const parsePath = (into: Tree): void => {
    const start = i;
    while (i < mask.length && /[A-Za-z0-9_*]/.test(mask[i]!)) i++;
    const name = mask.slice(start, i);
    if (!name) throw new FakeApiError(400, `Invalid field selection: ${mask}`);
    if (mask[i] === '.') {
      i++;
      const sub = subtree(into, name);
      if (sub) parsePath(sub);
    } else if (mask[i] === '(') {
      i++;
      const inner = parseList();
      if (mask[i] !== ')') throw new FakeApiError(400, `Invalid field selection: ${mask}`);
      i++;
      const sub = subtree(into, name);
      if (sub) for (const [k, v] of inner) merge(sub, k, v);
    } else {
      into.set(name, true);
    }
  };
  const tree = parseList();
  if (i !== mask.length) throw new FakeApiError(400, `Invalid field selection: ${mask}`);
  return tree;
}

function subtree(into: Tree, name: string): Tree | null {
  const have = into.get(name);
  if (have === true) return null; // already whole
  if (have) return have;
  const t: Tree = new Map();
  into.set(name, t);
  return t;
}

function merge(into: Tree, k: string, v: Tree | true): void {
  const have = into.get(k);
  if (have === true || v === true) into.set(k, true);
  else if (have) for (const [kk, vv] of v) merge(have, kk, vv);
  else into.set(k, v);
}

/** `value` with only the fields the mask names; `known` = top-level fields the resource has. */
export function applyMask<T>(value: T, mask: string | null, known?: readonly string[]): T {
  if (mask === null || mask.trim() === '' ) return value;
  const tree = parseMask(mask.replace(/\s+/g, ''));
  if (known) {
    for (const k of tree.keys()) if (k !== '*' && !known.includes(k)) throw new FakeApiError(400, `Invalid field selection ${k}`);
  }
  return pick(value, tree) as T;
}

function pick(value: unknown, tree: Tree): unknown {
  if (tree.has('*')) return value;
  if (Array.isArray(value)) return value.map((v) => pick(v, tree));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of tree) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    out[k] = sub === true ? v : pick(v, sub);
  }
  return out;
}
