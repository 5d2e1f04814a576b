// Loaded with --import in the suite's child processes: records the peak resident memory at exit.
// VmHWM from /proc is this program's own high-water mark; getrusage's maxRSS survives
// fork + exec on Linux, so it reported vitest's size for small runs (~200 MB for a refusal).
import { readFileSync, writeFileSync } from 'node:fs';
function peakBytes() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
}
process.on('exit', () => {
  if (process.env.THIDUA_PEAK_FILE) writeFileSync(process.env.THIDUA_PEAK_FILE, String(peakBytes()));
});
