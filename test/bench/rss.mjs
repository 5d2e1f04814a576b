// Loaded with --import in benchmarked child processes: records the peak memory at exit
// (THIDUA_BENCH_RSS, bytes) and, when asked, the CPU time used (THIDUA_BENCH_CPU, ms).
import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.THIDUA_BENCH_RSS) writeFileSync(process.env.THIDUA_BENCH_RSS, String(u.maxRSS * 1024));
  if (process.env.THIDUA_BENCH_CPU) writeFileSync(process.env.THIDUA_BENCH_CPU, String((u.userCPUTime + u.systemCPUTime) / 1000));
});
