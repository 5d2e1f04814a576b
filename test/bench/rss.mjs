// Loaded with --import in benchmarked child processes: records the peak memory at exit
// (THIDUA_BENCH_RSS, bytes; this program's own, see peak-bytes.mjs) and, when asked, the
// CPU time used (THIDUA_BENCH_CPU, ms).
import { writeFileSync } from 'node:fs';
import { peakBytes } from '../support/peak-bytes.mjs';

process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.THIDUA_BENCH_RSS) writeFileSync(process.env.THIDUA_BENCH_RSS, String(peakBytes()));
  if (process.env.THIDUA_BENCH_CPU) writeFileSync(process.env.THIDUA_BENCH_CPU, String((u.userCPUTime + u.systemCPUTime) / 1000));
});
