/**
 * At most one run at a time and at most one waiting behind it: a burst of triggers
 * becomes a handful of runs, and the last run always starts after the last trigger.
 */
export interface Coalescer {
  /** Asks for a run; resolves when the runs it caused (or joined) have finished. */
  trigger(): Promise<void>;
  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void>;
}

export function coalesce(run: () => Promise<void>, onError: (e: unknown) => void = () => {}): Coalescer {
  let current: Promise<void> | null = null;
  let waiting = false;

  const loop = async () => {
    do {
      waiting = false;
      try {
        await run();
      } catch (e) {
        onError(e);
      }
    } while (waiting);
    current = null;
  };

  return {
    trigger() {
      if (current) {
        waiting = true;
        return current;
      }
      current = loop();
      return current;
    },
    idle() {
      return current ?? Promise.resolve();
    },
  };
}
