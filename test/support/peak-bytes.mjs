// This process's peak resident memory, bytes: VmHWM from /proc (its own high-water mark).
// getrusage's maxRSS survives fork + exec on Linux, so in a child of a larger process it
// reports the parent's size; it is the fallback where /proc is absent.
import { readFileSync } from 'node:fs';

export function peakBytes() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
}
