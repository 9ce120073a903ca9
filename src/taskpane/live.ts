/**
 * Live mode's scheduler: edits re-run the model after a quiet period (debounce), never two runs at once, and
 * edits that arrive during a run cause exactly one more run after it. Each run is told why it runs: a request
 * (the Run button, Live switched on) or an edit (Live mode), so an edit-driven run can stop early when the
 * inputs did not change (the add-in's own error marks raise change events too).
 */
export type RunReason = "request" | "edit";

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RunScheduler {
  /** An edit happened: run after `delayMs` without further edits. */
  notify(): void;
  /** Run now (the Run button), or once more after the current run. */
  runNow(): Promise<void>;
  readonly running: boolean;
  dispose(): void;
}

export function createRunScheduler(run: (reason: RunReason) => Promise<void>, delayMs = 500, timers: Timers = browserTimers): RunScheduler {
  let timer: unknown;
  let active: Promise<void> | undefined;
  let again: RunReason | undefined;
  let disposed = false;

  const clearTimer = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };

  async function loop(first: RunReason): Promise<void> {
    let reason: RunReason | undefined = first;
    while (reason && !disposed) {
      again = undefined;
      try {
        await run(reason);
      } catch {
        // The run reports its own failures; the scheduler only keeps order.
      }
      reason = again;
    }
  }

  function start(reason: RunReason): Promise<void> {
    if (active) {
      // A request outranks an edit: it must run even when the inputs are unchanged.
      again = again === "request" ? "request" : reason;
      return active;
    }
    active = loop(reason).finally(() => {
      active = undefined;
    });
    return active;
  }

  return {
    notify() {
      if (disposed) return;
      clearTimer();
      timer = timers.set(() => {
        timer = undefined;
        void start("edit");
      }, delayMs);
    },
    runNow() {
      clearTimer();
      return start("request");
    },
    get running() {
      return active !== undefined;
    },
    dispose() {
      disposed = true;
      clearTimer();
    },
  };
}
