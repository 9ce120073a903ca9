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
import { type PaneState, afterFailure, afterInsert, afterRun, chartFor, initialState, running } from "./view-model";
import type { ModelResult } from "../model";

/** runModel, and runModelIfChanged for runs caused by edits in Live mode (see LiveModelRuns). */
export interface PaneDeps extends LiveModelRuns {
  insertSample: () => Promise<excel.InsertSampleOutcome>;
  onInputsChanged: (handler: () => void) => Promise<excel.InputSubscription>;
  selectCell: (address: string) => Promise<void>;
  timers: Timers;
  /** Quiet period before Live mode re-runs, in ms. */
  liveDelayMs: number;
}

export const officeDeps = (): PaneDeps => ({
  insertSample: () => excel.insertSample(),
  runModel: () => excel.runModel(),
  runModelIfChanged: (previousKey) => excel.runModelIfChanged(previousKey),
  onInputsChanged: (handler) => excel.onInputsChanged(handler),
  selectCell: (address) => excel.selectCell(address),
  timers: browserTimers,
  liveDelayMs: 500,
});

export interface Pane {
  readonly state: PaneState;
  readonly scheduler: RunScheduler;
  insertSample(): Promise<void>;
  setLive(on: boolean): Promise<void>;
  dispose(): Promise<void>;
}

export function createPane(
  doc: Pick<Document, "createElement" | "getElementById">,
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
  const update = (next: PaneState) => {
    state = next;
    render(doc, elements, state, onSelect);
  };

  /** Keeps the inputs of the last run that wrote its results: an edit-driven run with the same inputs writes nothing. */
  const live = liveModelRun(deps);

  const scheduler = createRunScheduler(
    async (reason) => {
      // An edit that arrives after Live was switched off is ignored.
      if (reason === "edit" && !state.live) return;
      const before = state;
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
      } catch (error) {
        update(afterFailure(state, error));
      }
    },
    deps.liveDelayMs,
    deps.timers,
  );

  async function subscribe(): Promise<void> {
    await subscription?.remove();
    subscription = await notifyOnEdits(deps.onInputsChanged, scheduler, () => state.live);
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
        if (outcome.inserted && state.live) await subscribe();
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
          // Off first, so a change event that arrives while the handlers are removed is ignored.
          update({ ...state, live: false });
          await subscription?.remove();
          subscription = undefined;
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
