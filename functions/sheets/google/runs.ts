/** Numbers as runs of consecutive ones, [first, last] inclusive, sorted, duplicates dropped: one request per run. */
export function runs(nums: readonly number[]): [number, number][] {
  const sorted = [...new Set(nums)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}
