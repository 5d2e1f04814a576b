/**
 * `thidua remind FILE [--send] [--now YYYY-MM-DD]`: reminders to units that have not
 * submitted or still have errors, from `Nhắc trước (ngày)` days before `Hạn nộp` until
 * the deadline; at most one per unit per day. Scores are not rewritten; deliveries are
 * logged in `Nhật ký`.
 */
import { LOG_HEADERS, TAB } from '../../sheets-schema/layout.js';
import { evaluate } from '../core/evaluate.js';
import { formatDateTime } from '../core/format.js';
import { describeUnusable, WorkbookUnusableError } from '../core/unusable.js';
import { cliLanguage } from './lang.js';
import { openLocal, type Local } from '../local.js';
import { emailsFor } from '../mail/policy.js';
import { WorkbookChangedError } from '../sheets/port.js';
import { heldLock } from '../pipeline.js';
import { clock, outboxFor, type Options } from './args.js';
import { deliverPlanned, forReview } from './mail.js';

export async function remindCommand(file: string, o: Options, out = process.stdout, err = process.stderr): Promise<number> {
  const local = openLocal(file, o.ledger);
  return local.exclusive(() => remindLocked(local, o, out, err));
}

async function remindLocked(local: Local, o: Options, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  try {
    const now = clock(o.now)();
    const { snapshot, version } = await local.workbook.read();
    // Locked results stay locked here too (MEETING.md): the reports are the locked ones.
    const ev = evaluate(snapshot, { lock: await heldLock(local.ledger, local.cluster) }).evaluation;
    // The daily job (mail/policy.ts): reminders in the window, and the reports once the deadline has passed.
    const drafts = emailsFor(ev, 'daily', { cluster: local.cluster, now, workbookTitle: snapshot.title });
    const smtp = o.smtp ?? process.env.THIDUA_SMTP_URL;
    const result = await deliverPlanned(drafts, forReview({ cluster: local.cluster, ledger: local.ledger, outbox: outboxFor(local.path, o), send: o.send, ...(smtp ? { smtp } : {}) }, ev.settings), now, ev.settings.language);
    if (result.log.length) {
      const when = formatDateTime(now);
      try {
        await local.workbook.write(
          { cells: [], tabs: [], notes: [], append: [{ tab: TAB.log, header: [...LOG_HEADERS], rows: result.log.map((l) => [when, 'Nhắc nộp', l]) }] },
          version,
        );
      } catch (e) {
        if (!(e instanceof WorkbookChangedError)) throw e; // a person's save wins; the ledger keeps the record
      }
    }
    if (o.json) out.write(JSON.stringify({ emails: result.emails }, null, 2) + '\n');
    else out.write(summaryLine(drafts.filter((d) => d.kind === 'reminder').length, drafts.length, o, local.path) + (result.log.length ? `${result.log.join('\n')}\n` : ''));
    return 0;
  } catch (e) {
    if (e instanceof WorkbookUnusableError) {
      err.write(describeUnusable(e.reason, cliLanguage()) + '\n');
      return 2;
    }
    throw e;
  } finally {
    await local.ledger.close();
  }
}

function summaryLine(reminders: number, all: number, o: Options, file: string): string {
  const en = cliLanguage() === 'en';
  if (all === 0) return en ? 'No unit needs a reminder today.\n' : 'Không có đơn vị nào cần nhắc hôm nay.\n';
  const reports = all - reminders;
  const what = (en
    ? [reminders ? `${reminders} reminder${reminders === 1 ? '' : 's'}` : '', reports ? `${reports} report${reports === 1 ? '' : 's'} (the deadline has passed)` : '']
    : [reminders ? `${reminders} thư nhắc` : '', reports ? `${reports} báo cáo (đã quá hạn nộp)` : '']).filter(Boolean).join(', ');
  return `${what}${o.send ? '' : en ? ` (previews in ${outboxFor(file, o)})` : ` (xem trước trong ${outboxFor(file, o)})`}\n`;
}
