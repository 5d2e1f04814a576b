// Loaded with --import in benchmarked child processes: records the peak memory at exit.
import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  if (process.env.THIDUA_BENCH_RSS) writeFileSync(process.env.THIDUA_BENCH_RSS, String(process.resourceUsage().maxRSS * 1024));
});
