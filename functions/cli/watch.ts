/**
 * `thidua watch FILE`: re-scores whenever the file is saved. Our own writes change the
 * file too; a run is skipped when the file is exactly what our last run left (its hash),
 * so a run never re-runs itself. The first run prints the table; later ones print what
 * changed (cli/watch-lines.ts). While Excel holds the file, the results wait and are
 * written as soon as it is closed.
 */
import { describeUnusable } from '../core/unusable.js';
import { describeFailure } from './failure.js';
import { cliLanguage } from './lang.js';
import { openLocal, type Local } from '../local.js';
import { runOnce } from '../pipeline.js';
import { coalesce } from '../triggers/coalesce.js';
import { watchWorkbook } from '../triggers/file-watch.js';
import { clock, outboxFor, type Options } from './args.js';
import { localMail } from './mail.js';
import { OPEN_IN_EXCEL, rankingTable, terminalWidth, useColour } from './print.js';
import { watchLines } from './watch-lines.js';
import type { Evaluation } from '../core/model.js';

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

  let previous: Evaluation | null = null;
  // While Excel holds the file: a look every two seconds for its owner file to go.
  let waiting: NodeJS.Timeout | null = null;
  const stopWaiting = () => {
    if (waiting) clearInterval(waiting);
    waiting = null;
  };
  const stamp = () => `[${new Date().toLocaleTimeString('vi-VN')}]`;
  const table = (ev: Evaluation) => rankingTable(ev, { width: terminalWidth(process.stdout), colour: useColour(process.stdout) });

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
        log(describeUnusable(result.error.reason, cliLanguage()));
        return;
      }
      if (result.outcome === 'open') {
        log(`${stamp()} ${OPEN_IN_EXCEL(local.path)} Kết quả sẽ được ghi ngay khi tệp được đóng.`);
        if (!previous) log(table(result.evaluation));
        previous ??= result.evaluation;
        waiting ??= setInterval(() => {
          void local.workbook.openInExcel().then((open) => {
            if (!open) {
              stopWaiting();
              void runs.trigger();
            }
          });
        }, 2000);
        waiting.unref?.();
        return;
      }
      lastVersion = result.version;
      if (!previous) log(`\n${stamp()} ${table(result.evaluation)}`);
      else {
        const lines = watchLines(previous, result.evaluation, result.changes);
        log(`${stamp()} ${lines.length ? `Đã chấm lại:\n  ${lines.join('\n  ')}` : 'Đã chấm lại: không có thay đổi về số liệu và thứ hạng.'}`);
      }
      previous = result.evaluation;
    },
    // The same line as `thidua run` prints for the same failure.
    (e) => log(cliLanguage() === 'en' ? `Could not run: ${describeFailure(e, 'en')}.` : `Không chạy được: ${describeFailure(e)}.`),
  );

  const watcher = watchWorkbook(local.path, () => void runs.trigger());
  return {
    async stop() {
      watcher.close();
      stopWaiting();
      await runs.idle();
      await local.ledger.close();
    },
    idle: () => runs.idle(),
    trigger: () => runs.trigger(),
  };
}
