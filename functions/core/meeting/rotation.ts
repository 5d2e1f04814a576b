/**
 * Next year's head and deputy by rotation (MEETING.md): the head is this year's deputy;
 * the deputy is the first unit after this year's deputy in `Đơn vị` order (wrapping
 * around) that is neither this year's head nor next year's head.
 */
export interface Rotation {
  head: string | null;
  deputy: string | null;
}

/** `order`: the codes of `Đơn vị`, in sheet order. Null roles when head or deputy is unknown. */
export function rotate(order: readonly string[], head: string | null, deputy: string | null): Rotation {
  if (head === null || deputy === null) return { head: null, deputy: null };
  const from = order.indexOf(deputy);
  if (from < 0) return { head: null, deputy: null };
  for (let step = 1; step < order.length; step++) {
    const code = order[(from + step) % order.length]!;
    if (code !== head && code !== deputy) return { head: deputy, deputy: code };
  }
  return { head: deputy, deputy: null };
}
