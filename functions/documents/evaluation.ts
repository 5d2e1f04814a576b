/**
 * The evaluation the documents are made from, shared by `thidua documents` and the cloud's
 * "Tạo văn bản": read only (nothing is written), with the ledger's lock — so a locked year
 * gives the locked figures and no "DỰ THẢO" — and the history it carried into this year.
 */
import { evaluate } from '../core/evaluate.js';
import type { Evaluation } from '../core/model.js';
import type { Ledger } from '../ledger/port.js';
import { heldLock } from '../pipeline.js';
import type { WorkbookPort } from '../sheets/port.js';

export async function documentEvaluation(o: { workbook: WorkbookPort; ledger: Ledger | null; cluster: string }): Promise<Evaluation> {
  const [carried, lock] = o.ledger ? await Promise.all([o.ledger.getCarriedHistory(o.cluster), heldLock(o.ledger, o.cluster)]) : [null, null];
  const { snapshot } = await o.workbook.read();
  return evaluate(snapshot, { carriedHistory: carried?.rows ?? null, lock }).evaluation;
}
