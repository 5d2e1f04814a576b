/**
 * Sheets' quotas, kept by every instance together: 60 read and 60 write requests a minute
 * per user per project, 300 each per project (developers.google.com/sheets/api/limits).
 * One service account serves every cluster, so the budget is the deployment's, kept in the
 * ledger (one counter per kind, account and minute). A call that finds the minute spent
 * waits for the next one instead of drawing a 429.
 */
import type { Ledger } from '../ledger/port.js';

export type CallKind = 'read' | 'write';

export interface SheetsBudget {
  /** Resolves when one call of `kind` may go out (waiting into a later minute if need be). */
  take(kind: CallKind): Promise<void>;
}

export interface BudgetOptions {
  ledger: Ledger;
  /** The quota user: the account the calls are made as. */
  user: string;
  /** Per user per minute (Google: 60); a little is left for setup and registration by hand. */
  perUser?: number;
  /** Per project per minute (Google: 300). */
  perProject?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Longest wait before giving up (the caller then leaves the run queued). */
  maxWaitMs?: number;
}

export const SHEETS_PER_USER_PER_MINUTE = 60;
export const SHEETS_PER_PROJECT_PER_MINUTE = 300;
const MINUTE = 60_000;

export class BudgetExhausted extends Error {
  constructor(readonly kind: CallKind) {
    super(`Hết hạn mức gọi Google Sheets (${kind}) trong thời gian chờ cho phép`);
    this.name = 'BudgetExhausted';
  }
}

export function ledgerBudget(o: BudgetOptions): SheetsBudget {
  const perUser = o.perUser ?? SHEETS_PER_USER_PER_MINUTE - 4;
  const perProject = o.perProject ?? SHEETS_PER_PROJECT_PER_MINUTE - 20;
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = o.random ?? Math.random;
  const maxWaitMs = o.maxWaitMs ?? 4 * MINUTE;
  return {
    async take(kind) {
      const started = now();
      for (;;) {
        const t = now();
        const minute = Math.floor(t / MINUTE) * MINUTE;
        if (await o.ledger.spendBudget(`sheets:${kind}:user:${o.user}`, minute, perUser)) {
          if (await o.ledger.spendBudget(`sheets:${kind}:project`, minute, perProject)) return;
        }
        // Into the next minute, spread over its first seconds so waiters do not all wake at once.
        const wait = minute + MINUTE - t + Math.floor(random() * 3_000);
        if (t + wait - started > maxWaitMs) throw new BudgetExhausted(kind);
        await sleep(wait);
      }
    },
  };
}

/** No budget: every call goes (tests that do not count quotas, `thidua serve`). */
export const unlimited: SheetsBudget = { take: async () => {} };
