/**
 * Coalescing across processes (ARCHITECTURE.md "Triggers"): at most one run per
 * spreadsheet at a time — a lease in the ledger — and at most one waiting behind it — the
 * lease's rerun mark. A burst of pings becomes a handful of runs, and a run always starts
 * after the last ping's edit.
 *
 * Protocol, for a request that wants the sheet scored again:
 *  1. set the rerun mark ("someone wants a run that starts after now");
 *  2. try to take the lease; if another request holds it, leave: the holder looks at the
 *     mark after each run and runs again (answer "queued");
 *  3. holding the lease: while the mark is set, clear it and run (the run reads after the
 *     mark was cleared, so it sees every edit whose ping came before);
 *  4. release; then look at the mark once more — a request may have set it after our last
 *     look and found the lease still ours — and if it is set, start again at 2.
 * Every mark is thus cleared only by a holder that runs afterwards, or by step 4, which
 * sets it again before trying for the lease.
 *
 * A request with its own work (sending reports) cannot leave it to another holder: it
 * waits for the lease (bounded), does its work — which scores too, so it satisfies the
 * marks set before it — and then serves the marks like any holder.
 */
import type { Ledger } from '../ledger/port.js';

/** Lease lifetime; renewed before each run. Must exceed one run (retries included) — see docs/cloud.md. */
export const LEASE_TTL_MS = 5 * 60_000;
/** Runs one request may do before leaving the rest to the next ping or to `reconcile`. */
export const MAX_RUNS_PER_REQUEST = 10;

export type Coalesced =
  | { outcome: 'ran'; runs: number }
  | { outcome: 'queued' }
  | { outcome: 'busy' };

export interface CoalesceOptions {
  ledger: Ledger;
  /** Lease name: the spreadsheet id. */
  name: string;
  /** Unique per request. */
  holder: string;
  now: () => number;
  /** Scores the spreadsheet again (what a mark asks for). */
  run: () => Promise<void>;
  /** Work only this request can do; it waits up to `waitMs` for the lease instead of leaving a mark. */
  own?: { run: () => Promise<void>; waitMs: number; pollMs?: number };
  ttlMs?: number;
  maxRuns?: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Adaptive coalescing: before run n+1 of a burst (n ≥ 1 runs done, and still wanted), wait
   * this long, so that one run takes in the edits that keep coming instead of each costing
   * two of the quota's calls.
   */
  pauseMs?: (runsDone: number) => number;
}

export async function coalescedRun(o: CoalesceOptions): Promise<Coalesced> {
  const { ledger, name, holder } = o;
  const ttlMs = o.ttlMs ?? LEASE_TTL_MS;
  const maxRuns = o.maxRuns ?? MAX_RUNS_PER_REQUEST;
  const take = () => ledger.acquireLease(name, holder, o.now(), ttlMs);
  let own = o.own?.run ?? null;
  let runs = 0;

  if (o.own) {
    if (!(await waitForLease(take, o.own.waitMs, o.own.pollMs ?? 500, o.sleep))) return { outcome: 'busy' };
  } else {
    await ledger.requestRerun(name);
    if (!(await take())) return { outcome: 'queued' };
  }

  for (;;) {
    try {
      for (;;) {
        const wanted = await ledger.takeRerun(name);
        if (!own && !wanted) break;
        const renewed = runs === 0 || (await take());
        if (runs >= maxRuns || !renewed) {
          // Leave the wish standing: the next ping, or `reconcile`, takes it up.
          await ledger.requestRerun(name);
          return { outcome: 'ran', runs };
        }
        const job = own ?? o.run;
        own = null;
        const pause = runs > 0 ? (o.pauseMs?.(runs) ?? 0) : 0;
        if (pause > 0) await (o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms))))(pause);
        await job();
        runs++;
      }
    } finally {
      await ledger.releaseLease(name, holder);
    }
    if (!(await ledger.takeRerun(name))) return { outcome: 'ran', runs };
    await ledger.requestRerun(name);
    if (!(await take())) return { outcome: 'ran', runs };
  }
}

async function waitForLease(
  take: () => Promise<boolean>,
  waitMs: number,
  pollMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<boolean> {
  const deadline = performance.now() + waitMs;
  for (;;) {
    if (await take()) return true;
    if (performance.now() + pollMs > deadline) return false;
    await sleep(pollMs);
  }
}
