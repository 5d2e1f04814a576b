/**
 * One run of a registered spreadsheet, then the version it is left at. The version is
 * taken AFTER our own write (for Google a Drive call: our batchUpdate moves Drive's
 * version), so that `reconcile` finds it unchanged and writes nothing until someone
 * edits. A person's edit landing between our read and that look would be recorded as
 * seen; its own ping asks for the run that sees it (docs/cloud.md).
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
  const workbook = versionAfterWrites(deps.workbook(spreadsheetId));
  const result = await runOnce({ workbook: mail ? appendAfterOwnWrite(workbook) : workbook, ledger: deps.ledger, cluster: spreadsheetId, trigger, now, reportUnusable: true, ...(mail ? { mail } : {}) });
  // An unusable workbook is recorded as seen too: it is reported, not retried every period.
  await deps.ledger.setProcessedVersion(spreadsheetId, await workbook.settled());
  return result;
}

/**
 * Drive's version is asked for as soon as each write has landed, while the run goes on with
 * its ledger records, instead of after them: the ranking is visible after two sequential
 * calls (read, write), and the version look overlaps the rest.
 */
function versionAfterWrites(wb: WorkbookPort): WorkbookPort & { settled(): Promise<string> } {
  let pending: Promise<string> | null = null;
  const look = () => {
    const p = wb.version();
    p.catch(() => {}); // awaited in settled(); not an unhandled rejection meanwhile
    return p;
  };
  return {
    read: () => wb.read(),
    version: () => wb.version(),
    async write(edits, version) {
      const v = await wb.write(edits, version);
      pending = look();
      return v;
    },
    settled: () => pending ?? look(),
  };
}
