/** The lease protocol on a real (SQLite) ledger: one run at a time, one waiting, none lost. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coalescedRun, type CoalesceOptions } from '../../functions/cloud/coalesced-run.js';
import type { Ledger } from '../../functions/ledger/port.js';
import { tempLedger } from './support.js';

let ledger: Ledger;
let clock = 1_000_000;
beforeEach(() => {
  ledger = tempLedger();
});
afterEach(async () => ledger.close());

const NAME = 'sheet-1';
let n = 0;
const request = (run: () => Promise<void>, extra: Partial<CoalesceOptions> = {}) =>
  coalescedRun({ ledger, name: NAME, holder: `h${++n}`, now: () => clock, run, ...extra });

/** A run that waits until the test lets it finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

const leaseFree = async () => {
  const free = await ledger.acquireLease(NAME, 'probe', clock, 1000);
  if (free) await ledger.releaseLease(NAME, 'probe');
  return free;
};

describe('coalescedRun', () => {
  it('alone: one run, then the lease is free and no wish is left', async () => {
    let runs = 0;
    expect(await request(async () => void runs++)).toEqual({ outcome: 'ran', runs: 1 });
    expect(runs).toBe(1);
    expect(await leaseFree()).toBe(true);
    expect(await ledger.takeRerun(NAME)).toBe(false);
  });

  it('requests during a run are queued and become one more run, which starts after all of them', async () => {
    const events: string[] = [];
    const first = gate();
    let runs = 0;
    const run = async () => {
      const k = ++runs;
      events.push(`start ${k}`);
      if (k === 1) await first.opened;
      events.push(`end ${k}`);
    };
    const a = request(run);
    await new Promise((r) => setTimeout(r, 10));
    const queued = await Promise.all([request(run), request(run), request(run)]);
    events.push('queued');
    expect(queued).toEqual([{ outcome: 'queued' }, { outcome: 'queued' }, { outcome: 'queued' }]);
    first.open();
    expect(await a).toEqual({ outcome: 'ran', runs: 2 });
    expect(events).toEqual(['start 1', 'queued', 'end 1', 'start 2', 'end 2']);
  });

  it('a wish made just before the holder releases (after its last look) is not lost', async () => {
    let runs = 0;
    let late: Promise<unknown> | null = null;
    const racing: Ledger = Object.create(ledger);
    racing.releaseLease = async (name, holder) => {
      if (!late) late = request(async () => void runs++); // arrives while the lease is still held
      await late;
      return ledger.releaseLease(name, holder);
    };
    const r = await coalescedRun({ ledger: racing, name: NAME, holder: 'A', now: () => clock, run: async () => void runs++ });
    expect(await late).toEqual({ outcome: 'queued' });
    expect(r).toEqual({ outcome: 'ran', runs: 2 });
    expect(runs).toBe(2);
    expect(await ledger.takeRerun(NAME)).toBe(false);
  });

  it('stops after maxRuns, leaving the wish for the next ping or reconcile, and frees the lease', async () => {
    let runs = 0;
    const restless = async () => {
      runs++;
      await ledger.requestRerun(NAME); // someone edits during every run
    };
    expect(await request(restless, { maxRuns: 3 })).toEqual({ outcome: 'ran', runs: 3 });
    expect(runs).toBe(3);
    expect(await leaseFree()).toBe(true);
    expect(await ledger.takeRerun(NAME)).toBe(true);
  });

  it('a failing run frees the lease and reports the error', async () => {
    await expect(request(async () => Promise.reject(new Error('Sheets đang lỗi')))).rejects.toThrow('Sheets đang lỗi');
    expect(await leaseFree()).toBe(true);
  });

  it('a crashed holder blocks only until its lease expires', async () => {
    expect(await ledger.acquireLease(NAME, 'crashed', clock, 60_000)).toBe(true);
    let runs = 0;
    expect(await request(async () => void runs++)).toEqual({ outcome: 'queued' });
    clock += 60_001;
    expect(await request(async () => void runs++)).toEqual({ outcome: 'ran', runs: 1 });
  });

  it('own work waits for the lease (no wish left behind), then serves the wishes made meanwhile', async () => {
    expect(await ledger.acquireLease(NAME, 'other', clock, 60_000)).toBe(true);
    setTimeout(() => void ledger.releaseLease(NAME, 'other'), 30);
    const done: string[] = [];
    const r = await request(async () => void done.push('plain'), {
      own: { run: async () => {
        done.push('own');
        await ledger.requestRerun(NAME); // a ping during the report run
      }, waitMs: 5_000, pollMs: 5 },
    });
    expect(r).toEqual({ outcome: 'ran', runs: 2 });
    expect(done).toEqual(['own', 'plain']);
  });

  it('own work gives up after waitMs while another run holds the lease', async () => {
    expect(await ledger.acquireLease(NAME, 'other', clock, 60_000)).toBe(true);
    let ran = false;
    const r = await request(async () => {}, { own: { run: async () => void (ran = true), waitMs: 30, pollMs: 5 } });
    expect(r).toEqual({ outcome: 'busy' });
    expect(ran).toBe(false);
  });
});
