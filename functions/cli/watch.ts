/**
 * `thidua watch FILE`: re-scores whenever the file is saved. Our own writes change the
 * file too; a run is skipped when the file is exactly what our last run left (its hash),
 * so a run never re-runs itself.
 */
import { describeUnusable } from '../core/unusable.js';
import { describeFailure } from './failure.js';
import { openLocal, type Local } from '../local.js';
import { runOnce } from '../pipeline.js';
import { coalesce } from '../triggers/coalesce.js';
import { watchWorkbook } from '../triggers/file-watch.js';
import { clock, outboxFor, type Options } from './args.js';
import { localMail } from './mail.js';
import { rankingTable } from './print.js';

export interface Watching {
  /** Stops watching, waits for a run in progress, closes the ledger. */
  stop(): Promise<void>;
  /** Resolves when no run is in progress or waiting. */
  idle(): Promise<void>;
  /** Looks now (the first run, or a test's poke). */
  trigger(): Promise<void>;
}

export function startWatching(file: string, o: Options, log: (s: string) => void, openedLocal?: Local): Watching {
  const local = openedLocal ?? openLocal(file, o.ledger);
  let lastVersion = '';
  const now = clock(o.now);
  // Previews only: watching never sends (no email per edit); `thidua run --send` does.
  const mail = localMail({ cluster: local.cluster, ledger: local.ledger, outbox: outboxFor(file, o), send: false });

  const runs = coalesce(
    async () => {
      let current: string;
      try {
        current = await local.workbook.version();
      } catch {
        return; // mid-rename or removed: the next event will tell
      }
      if (current === lastVersion) return;
      const result = await local.exclusive(() => runOnce({ workbook: local.workbook, ledger: local.ledger, cluster: local.cluster, trigger: 'watch', now, mail }));
      if (result.outcome === 'unusable') {
        lastVersion = current;
        log(describeUnusable(result.error.reason));
        return;
      }
      lastVersion = result.version;
      log(`\n[${new Date().toLocaleTimeString('vi-VN')}] ${rankingTable(result.evaluation)}`);
    },
    (e) => log(`Lỗi khi chấm: ${describeFailure(e)}`),
  );

  const watcher = watchWorkbook(local.path, () => void runs.trigger());
  return {
    async stop() {
      watcher.close();
      await runs.idle();
      await local.ledger.close();
    },
    idle: () => runs.idle(),
    trigger: () => runs.trigger(),
  };
}
