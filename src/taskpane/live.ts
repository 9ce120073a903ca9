/**
 * Live mode's scheduler: edits re-run the model after a quiet period (debounce), never two runs at once, and
 * edits that arrive during a run cause exactly one more run after it. Each run is told why it runs: a request
 * (the Run button, Live switched on) or an edit (Live mode), so an edit-driven run can stop early when the
 * inputs did not change (the add-in's own error marks raise change events too).
 *
 * The pane (controller.ts) and the self-test (src/selftest/scenarios.ts) wire Live mode with the same helpers:
 * liveModelRun chooses how each run reads and writes, notifyOnEdits turns input edits into scheduler notices.
 */
import { type InputSubscription, type RunOutcome, inputsKey } from "../excel";

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

export function createRunScheduler(
  run: (reason: RunReason) => Promise<void>,
  delayMs = 500,
  timers: Timers = browserTimers,
): RunScheduler {
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

/** How Live mode runs the model: the Excel adapter's runModel and runModelIfChanged, bound to a host. */
export interface LiveModelRuns {
  runModel(): Promise<RunOutcome>;
  /** Runs unless the inputs are those of `previousKey` (outcome null). Without it, every edit runs the model. */
  runModelIfChanged?(previousKey: string | undefined): Promise<{ key: string; outcome: RunOutcome | null }>;
}

export interface LiveModelRun {
  /** A request always runs the model; an edit only when the inputs differ from the last written run's (else null). */
  run(reason: RunReason): Promise<RunOutcome | null>;
  /** The inputs of the last run that wrote its results (inputsKey). */
  readonly lastInputsKey: string | undefined;
}

/** The run Live mode's scheduler makes, remembering the inputs of the last run that wrote its results. */
export function liveModelRun(runs: LiveModelRuns, lastInputsKey?: string): LiveModelRun {
  let key = lastInputsKey;
  return {
    async run(reason) {
      if (reason === "edit" && runs.runModelIfChanged) {
        const checked = await runs.runModelIfChanged(key);
        key = checked.key;
        return checked.outcome;
      }
      const outcome = await runs.runModel();
      key = outcome.kind === "done" ? inputsKey(outcome.inputs) : undefined;
      return outcome;
    },
    get lastInputsKey() {
      return key;
    },
  };
}

/** Input edits notify the scheduler while `isOn()` holds (an event may arrive after Live was switched off). */
export function notifyOnEdits(
  onInputsChanged: (handler: () => void) => Promise<InputSubscription>,
  scheduler: Pick<RunScheduler, "notify">,
  isOn: () => boolean = () => true,
): Promise<InputSubscription> {
  return onInputsChanged(() => {
    if (isOn()) scheduler.notify();
  });
}
