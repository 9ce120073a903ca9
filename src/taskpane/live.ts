/**
 * Live mode's scheduler: edits re-run the model after a quiet period (debounce), never two runs at once, and
 * edits that arrive during a run cause exactly one more run after it.
 */
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

export function createRunScheduler(run: () => Promise<void>, delayMs = 500, timers: Timers = browserTimers): RunScheduler {
  let timer: unknown;
  let active: Promise<void> | undefined;
  let again = false;
  let disposed = false;

  const clearTimer = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };

  async function loop(): Promise<void> {
    do {
      again = false;
      try {
        await run();
      } catch {
        // The run reports its own failures; the scheduler only keeps order.
      }
    } while (again && !disposed);
  }

  function start(): Promise<void> {
    if (active) {
      again = true;
      return active;
    }
    active = loop().finally(() => {
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
        void start();
      }, delayMs);
    },
    runNow() {
      clearTimer();
      return start();
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
