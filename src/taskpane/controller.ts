/** Wires the page to the Excel adapter: buttons, Live mode, the error list. Logic lives in the modules it calls. */
import * as excel from "../excel";
import {
  type LiveModelRuns,
  type RunScheduler,
  type Timers,
  browserTimers,
  createRunScheduler,
  liveModelRun,
  notifyOnEdits,
} from "./live";
import { type PaneElements, findElements, render } from "./render";
import {
  type PaneState,
  afterFailure,
  afterInsert,
  afterRun,
  chartFor,
  initialState,
  markedStale,
  running,
} from "./view-model";
import type { ModelResult } from "../model";

/** runModel, and runModelIfChanged for runs caused by edits in Live mode (see LiveModelRuns). */
export interface PaneDeps extends LiveModelRuns {
  insertSample: () => Promise<excel.InsertSampleOutcome>;
  onInputsChanged: (handler: () => void) => Promise<excel.InputSubscription>;
  /** Live off: marks the Results sheet out of date when the inputs differ from the last run's (see run-model.ts). */
  markResultsIfInputsChanged: (previousKey: string) => Promise<{ key: string; changed: boolean }>;
  selectCell: (address: string) => Promise<void>;
  timers: Timers;
  /** Quiet period before Live mode re-runs, in ms. */
  liveDelayMs: number;
}

export const officeDeps = (): PaneDeps => ({
  insertSample: () => excel.insertSample(),
  runModel: () => excel.runModel(),
  runModelIfChanged: (previousKey) => excel.runModelIfChanged(previousKey),
  markResultsIfInputsChanged: (previousKey) => excel.markResultsIfInputsChanged(previousKey),
  onInputsChanged: (handler) => excel.onInputsChanged(handler),
  selectCell: (address) => excel.selectCell(address),
  timers: browserTimers,
  liveDelayMs: 500,
});

/** A run shorter than this shows no progress bar: it would only flash. */
export const PROGRESS_DELAY_MS = 300;

export interface Pane {
  readonly state: PaneState;
  readonly scheduler: RunScheduler;
  insertSample(): Promise<void>;
  setLive(on: boolean): Promise<void>;
  dispose(): Promise<void>;
}

export function createPane(
  doc: Pick<Document, "createElement" | "getElementById"> & Partial<Pick<Document, "activeElement" | "body">>,
  deps: PaneDeps,
  elements: PaneElements = findElements(doc),
): Pane {
  let state = initialState();
  let subscription: excel.InputSubscription | undefined;
  /** The last run's result, for drawing another function's chart without running again. */
  let lastResult: ModelResult | undefined;

  const onSelect = (address: string) => {
    deps.selectCell(address).catch((error: unknown) => update(afterFailure(state, error)));
  };
  let progressTimer: unknown;
  const update = (next: PaneState) => {
    if (!next.running) {
      if (progressTimer !== undefined) deps.timers.clear(progressTimer);
      progressTimer = undefined;
      state = { ...next, progressVisible: false };
    } else {
      state = next;
      if (progressTimer === undefined && !next.progressVisible) {
        progressTimer = deps.timers.set(() => {
          progressTimer = undefined;
          if (state.running) update({ ...state, progressVisible: true });
        }, PROGRESS_DELAY_MS);
      }
    }
    render(doc, elements, state, onSelect);
  };

  /** Nothing in the pane may be left with focus on the page body: a keyboard user would start again from the top. */
  const focusLost = () => doc.activeElement === null || (doc.body !== undefined && doc.activeElement === doc.body);

  /** Keeps the inputs of the last run that wrote its results: an edit-driven run with the same inputs writes nothing. */
  const live = liveModelRun(deps);

  /** Live off: an edit after a run marks the results out of date, once, until the next run. */
  async function markIfStale(): Promise<void> {
    const lastKey = live.lastInputsKey;
    if (state.stale || lastKey === undefined) return;
    try {
      const { changed } = await deps.markResultsIfInputsChanged(lastKey);
      if (changed && !state.live && !state.running) update(markedStale(state));
    } catch (error) {
      update(afterFailure(state, error));
    }
  }

  /** Edits are heard while Live is on, or while there are results that an edit would make out of date. */
  const listening = () => state.live || (!state.stale && live.lastInputsKey !== undefined);

  const scheduler = createRunScheduler(
    async (reason) => {
      // An edit with Live off (or one that arrives after Live was switched off) only checks for stale results.
      if (reason === "edit" && !state.live) return markIfStale();
      const before = state;
      // Focus on Run model before the run stays there after it (the button's own click, not Live's runs).
      const focusWasOnRun = reason === "request" && doc.activeElement === elements.runModel;
      update(running(state));
      try {
        const outcome = await live.run(reason);
        if (outcome === null) {
          // Only formats changed (e.g. the add-in's own error marks): the results on screen still hold.
          update({ ...state, running: false, status: before.status });
          return;
        }
        lastResult = outcome.kind === "done" ? outcome.result : undefined;
        update(afterRun(state, outcome));
        // From now on an edit can make these results out of date, with Live on or off: listen for edits.
        if (outcome.kind === "done" && (subscription === undefined || subscription.watching.length === 0))
          await subscribe();
      } catch (error) {
        update(afterFailure(state, error));
      } finally {
        if (focusWasOnRun && focusLost()) elements.runModel.focus();
      }
    },
    deps.liveDelayMs,
    deps.timers,
  );

  async function subscribe(): Promise<void> {
    await subscription?.remove();
    subscription = undefined;
    subscription = await notifyOnEdits(deps.onInputsChanged, scheduler, listening);
  }

  const pane: Pane = {
    get state() {
      return state;
    },
    scheduler,
    async insertSample() {
      if (state.running) return;
      update(running(state, "Inserting the sample model…"));
      try {
        const outcome = await deps.insertSample();
        update(afterInsert(state, outcome));
        // New tables: whoever listens (Live, or the stale check after a run) must now watch them.
        if (outcome.inserted && (state.live || subscription !== undefined)) await subscribe();
      } catch (error) {
        update(afterFailure(state, error));
      }
    },
    async setLive(on: boolean) {
      try {
        if (on) {
          await subscribe();
          update({ ...state, live: true });
          await scheduler.runNow();
          if (subscription && subscription.watching.length === 0) {
            update({
              ...state,
              status: {
                kind: "info",
                text: `${state.status.text} Live mode is on, but there is no input table to watch yet.`,
              },
            });
          }
        } else {
          // The handlers stay: with Live off an edit only marks the results out of date (markIfStale).
          update({
            ...state,
            live: false,
            status: { kind: "info", text: "Live mode is off: select Run model to update the results." },
          });
        }
      } catch (error) {
        subscription = undefined;
        update(afterFailure({ ...state, live: false }, error));
      }
    },
    async dispose() {
      scheduler.dispose();
      await subscription?.remove();
    },
  };

  elements.runModel.addEventListener("click", () => void scheduler.runNow());
  const chart = elements.chart;
  chart?.select.addEventListener("change", () => {
    const name = chart.select.selectedOptions[0]?.textContent ?? undefined;
    if (lastResult) update({ ...state, chart: chartFor(lastResult, name) });
  });
  elements.insertSample.addEventListener("click", () => void pane.insertSample());
  elements.live.addEventListener("change", () => void pane.setLive(elements.live.checked));
  render(doc, elements, state, onSelect);
  return pane;
}
