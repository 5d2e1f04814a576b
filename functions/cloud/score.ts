/**
 * One run of a registered spreadsheet, then the version it is recorded at. For Google that is
 * Drive's version as it was when the run READ (asked in parallel with the read, so it adds
 * no request to the edit's path); our own write then moves it, and the no-loop check tells
 * that change apart by who made it (`lastChange().ours`, handlers.ts): the ranking is
 * written after two sequential Google calls and nothing waits on Drive after the write.
 * Where the write itself tells the version after it (an .xlsx file), that one is recorded.
 * A person's edit landing between the version look and the read is recorded as seen; its
 * own ping asks for the run that sees it (docs/cloud.md, "No loops").
 */
import type { MailStep, RunResult } from '../pipeline.js';
import { runOnce } from '../pipeline.js';
import type { CloudDeps } from './deps.js';
import type { WorkbookPort } from '../sheets/port.js';
import { appendAfterOwnWrite } from './log-append.js';

export type CloudTrigger = 'edit' | 'reconcile' | 'schedule' | 'manual';

export async function scoreAndRecord(
  deps: CloudDeps,
  spreadsheetId: string,
  trigger: CloudTrigger,
  now: () => number,
  mail?: MailStep,
): Promise<RunResult> {
  const workbook = versionAtRead(deps.workbook(spreadsheetId));
  const result = await runOnce({ workbook: mail ? appendAfterOwnWrite(workbook) : workbook, ledger: deps.ledger, cluster: spreadsheetId, trigger, now, reportUnusable: true, ...(mail ? { mail } : {}) });
  // An unusable workbook is recorded as seen too: it is reported, not retried every period.
  await deps.ledger.setProcessedVersion(spreadsheetId, await workbook.seen());
  return result;
}

/**
 * Drive's version is asked for together with each read of the run's content (not after its
 * write): the version of what the run saw, or older. A read after our own write (the fresh
 * read before appending delivery lines) asks nothing: what it reads is ours.
 */
function versionAtRead(wb: WorkbookPort): WorkbookPort & { seen(): Promise<string> } {
  let atRead: Promise<string> | null = null;
  let written = '';
  let wrote = false;
  return {
    read() {
      if (!wrote) {
        const p = wb.version();
        p.catch(() => {}); // awaited in seen(); not an unhandled rejection meanwhile
        atRead = p;
      }
      return wb.read();
    },
    version: () => wb.version(),
    ...(wb.lastChange ? { lastChange: () => wb.lastChange!() } : {}),
    ...(wb.prepareWrite ? { prepareWrite: () => wb.prepareWrite!() } : {}),
    async write(edits, version) {
      const v = await wb.write(edits, version);
      wrote = true;
      if (v) written = v;
      return v;
    },
    seen: async () => written || (await (atRead ?? wb.version())),
  };
}
