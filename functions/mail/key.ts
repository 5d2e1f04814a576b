/**
 * Idempotency keys: sha256 of (cluster, period, kind, recipients, content hash). The
 * content hash covers the facts an email shows — not the as-of date — so re-rendering an
 * unchanged cluster tomorrow gives the same key (nothing is sent again), while a changed
 * total gives a new key (the new figures are sent).
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so equal facts always hash equal. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) s += ',';
      if (i in v) s += canonical(v[i]); // a hole stays empty, as Array#join writes it
    }
    return s + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const x = o[k];
    if (x === undefined) continue;
    s += (first ? '' : ',') + JSON.stringify(k) + ':' + canonical(x);
    first = false;
  }
  return s + '}';
}

export function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

export function contentHash(facts: unknown): string {
  return sha256(canonical(facts));
}

/** Recipients compared as people mean them: case and order do not matter. */
export function normalizeRecipients(to: readonly string[]): string[] {
  return [...new Set(to.map((a) => a.trim().toLowerCase()).filter(Boolean))].sort();
}

export function idempotencyKey(p: { cluster: string; period: string; kind: string; to: readonly string[]; content: string }): string {
  return sha256(canonical([p.cluster, p.period, p.kind, normalizeRecipients(p.to), p.content]));
}

/** Message-ID from the key: a resend of the same key carries the same id, which receivers dedupe. */
export function messageIdFor(key: string): string {
  return `<${key.slice(0, 32)}@thidua>`;
}
