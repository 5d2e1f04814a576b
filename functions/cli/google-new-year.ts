/**
 * `thidua google new-year SPREADSHEET_ID --client-id-file client.json [--admin EMAIL]…
 *   [--functions .thidua/functions.json] [--ledger FILE.sqlite]` (MEETING.md, "A new year",
 * on a Google Sheet): run by the province's administrator with the same credentials as
 * `thidua google setup`.
 *  1. reads this year's sheet (read only: one spreadsheets.get through the workbook adapter)
 *     and plans next year exactly as the local new-year does (planNextYear: the locked
 *     results when the ledger holds a lock for this sheet);
 *  2. lays next year's workbook out with the local writer (createWorkbook, as `thidua init`)
 *     and hands it to the setup path (provisionSheet): tabs, dropdowns, protections — Lịch sử
 *     admins only, like Xếp hạng —, the bound script with the new sheet's key, sharing,
 *     registration, and the ledger's record of the carried Lịch sử (putCarriedHistory) so a
 *     run of the new sheet warns on a hand edit of it.
 * This year's sheet is not written; next year's is a new file with its own id.
 */
import type { Ledger } from '../ledger/port.js';
import type { Options } from './args.js';
import { clientsOf, preflight, provisionSheet, sheetTitle, type GoogleSetupDeps } from './google-setup.js';
import { carriedRecord, describeNextYear, planNextYear } from './new-year.js';
import { describeUnusable, WorkbookUnusableError } from '../core/unusable.js';
import { cliLanguage } from './lang.js';
import type { NextYearContent } from '../core/new-year.js';

export async function googleNewYearCommand(spreadsheetId: string, o: Options, d: GoogleSetupDeps = {}): Promise<number> {
  const err = d.err ?? process.stderr;
  const env = d.env ?? process.env;
  const ready = await preflight(o, env, err);
  if (!ready) return 1;

  const [{ GoogleSheetWorkbook }, { createWorkbook }, { readXlsx }, { evaluate }] = await Promise.all([
    import('../sheets/google/adapter.js'),
    import('../sheets/xlsx/init.js'),
    import('../sheets/xlsx/read.js'),
    import('../core/evaluate.js'),
  ]);
  const clients = await clientsOf(o, d, env);
  const ledger = d.ledger ?? (o.ledger ? (await import('../ledger/sqlite.js')).openSqliteLedger(o.ledger) : await (await import('../cloud/deps.js')).openCloudLedger(env));
  try {
    // As the local command refuses to overwrite: a second call makes no second sheet unless asked.
    const earlier = o.force ? null : await nextYearOf(ledger, spreadsheetId);
    if (earlier) {
      err.write(
        `Bảng tính ${spreadsheetId} đã được sang năm mới: ${earlier.name} (mã ${earlier.id}, https://docs.google.com/spreadsheets/d/${earlier.id}/edit).\n` +
          'Không tạo thêm bảng tính nào. Muốn tạo một bảng tính năm sau nữa thì thêm --force.\n',
      );
      return 1;
    }
    let plan: NextYearContent;
    try {
      const { snapshot } = await new GoogleSheetWorkbook(clients.sheets, clients.drive, spreadsheetId).read();
      plan = await planNextYear(snapshot, ledger, spreadsheetId);
    } catch (e) {
      if (!(e instanceof WorkbookUnusableError)) throw e;
      err.write(describeUnusable(e.reason, cliLanguage()) + '\n');
      return 2;
    }
    // Next year's workbook as `thidua init` lays it out, read back as the snapshot setup takes.
    const bytes = await createWorkbook({ settings: plan.settings, units: plan.units, criteria: plan.criteria, entries: {}, history: plan.history });
    const next = readXlsx(bytes, `thidua-${plan.year}`);
    const settings = evaluate(next).evaluation.settings;
    const title = sheetTitle(settings, next);
    return await provisionSheet({
      snapshot: next,
      name: settings.name || title,
      title,
      o,
      d: { ...d, ...clients, ledger },
      ...ready,
      beforeRegister: (l, id) => l.putCarriedHistory(id, carriedRecord(plan, spreadsheetId)),
      done: (url) =>
        describeNextYear(url, plan) +
        `\nBảng tính năm ${plan.report.from} (${spreadsheetId}) giữ nguyên, không bị ghi.` +
        // The cloud's documents do not include the compact yet (docs/new-year.md).
        `\nGiao ước thi đua năm ${plan.year}: tải bảng tính mới về (Tệp → Tải xuống → .xlsx) rồi chạy thidua documents TỆP.xlsx.`,
    });
  } finally {
    if (!d.ledger) await ledger.close();
  }
}

/** The registered sheet whose Lịch sử was carried from this one, if any. */
async function nextYearOf(ledger: Ledger, spreadsheetId: string) {
  for (const c of await ledger.listClusters()) {
    if ((await ledger.getCarriedHistory(c.id))?.from === spreadsheetId) return c;
  }
  return null;
}
