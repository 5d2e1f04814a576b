// Loaded with --import in benchmarked child processes: records the peak memory at exit
// (THIDUA_BENCH_RSS, bytes) and, when asked, the CPU time used (THIDUA_BENCH_CPU, ms).
// Peak memory is VmHWM from /proc (this program's own high-water mark): getrusage's
// maxRSS survives fork + exec on Linux, so it would report the parent's size when larger.
import { readFileSync, writeFileSync } from 'node:fs';
function peakBytes() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {}
  return process.resourceUsage().maxRSS * 1024;
}
process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.THIDUA_BENCH_RSS) writeFileSync(process.env.THIDUA_BENCH_RSS, String(peakBytes()));
  if (process.env.THIDUA_BENCH_CPU) writeFileSync(process.env.THIDUA_BENCH_CPU, String((u.userCPUTime + u.systemCPUTime) / 1000));
});
