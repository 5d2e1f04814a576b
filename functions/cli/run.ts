/** `thidua run FILE`: one run; exit 0 when it completed whatever it found, 2 when the workbook cannot be used. */
import { describeUnusable } from '../core/unusable.js';
import { cliLanguage } from './lang.js';
import { jsonReport } from '../core/report.js';
import { openLocal } from '../local.js';
import { runOnce, type MailStep } from '../pipeline.js';
import type { Options } from './args.js';
import { clock, outboxFor } from './args.js';
import { OPEN_IN_EXCEL, rankingTable, terminalWidth, useColour } from './print.js';
import { localMail } from './mail.js';

export async function runCommand(file: string, o: Options, out = process.stdout, err = process.stderr): Promise<number> {
  const local = openLocal(file, o.ledger);
  try {
    const now = clock(o.now);
    const smtp = o.smtp ?? process.env.THIDUA_SMTP_URL;
    const mail: MailStep = localMail({ cluster: local.cluster, ledger: local.ledger, outbox: outboxFor(file, o), send: o.send, ...(smtp ? { smtp } : {}) });
    const result = await local.exclusive(() => runOnce({ workbook: local.workbook, ledger: local.ledger, cluster: local.cluster, trigger: 'cli', now, mail }));
    if (result.outcome === 'unusable') {
      err.write(describeUnusable(result.error.reason, cliLanguage()) + '\n');
      return 2;
    }
    const emails = result.outcome === 'ok' ? result.emails : [];
    if (o.json) out.write(JSON.stringify(jsonReport(result.evaluation, emails), null, 2) + '\n');
    else {
      out.write(rankingTable(result.evaluation, { width: terminalWidth(out), colour: useColour(out) }) + '\n');
      if (emails.length && !o.send) out.write(`${emails.length} thư xem trước trong ${outboxFor(file, o)}\n`);
    }
    if (result.outcome === 'open') err.write(`${OPEN_IN_EXCEL(local.path)} Hãy đóng tệp rồi chạy lại, hoặc dùng thidua watch: kết quả được ghi ngay khi tệp được đóng.\n`);
    return 0;
  } finally {
    await local.ledger.close();
  }
}
