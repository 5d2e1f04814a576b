// Loaded with --import in the suite's child processes: records the peak resident memory at exit.
import { writeFileSync } from 'node:fs';
import { peakBytes } from '../support/peak-bytes.mjs';

process.on('exit', () => {
  if (process.env.THIDUA_PEAK_FILE) writeFileSync(process.env.THIDUA_PEAK_FILE, String(peakBytes()));
});
