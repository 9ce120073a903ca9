/**
 * The analysis on several cores. The pool looks to the analysis panel like one analysis worker (it takes an
 * AnalysisRequest and answers with progress, then "done" or "error"), but splits the simulation's trials across up
 * to four analysis workers (navigator.hardwareConcurrency, at most MAX_WORKERS): each runs one consecutive range
 * of every function's trials (analysis.worker.ts handlePartRequest) and sends back each function's per-trial
 * outcomes. The pool joins them in trial order and summarises each function once all its ranges are in (model
 * SimulationMerger), so the report is the one a single worker gives for the same seed, bit for bit. One worker
 * also runs the tornado and the scenarios. Once a function's trials are all in, a worker computes its value of
 * information from them (a "voi" request with the joined trials), so the page's thread never sorts trials.
 * Cancel is terminate(): every worker stops at once.
 */
import {
  type ModelInput,
  SimulationMerger,
  joinOutcomes,
  parseModelInput,
  simulatedTrials,
  splitTrials,
  type VoiTrials,
  voiTrialsOf,
} from "../model";
import {
  type AnalysisMessage,
  type AnalysisRequest,
  type Extras,
  type PartMessage,
  type PartRequest,
  buffersOf,
  figuresWithoutTrials,
  trialReport,
  withCorrelationWarnings,
} from "./analysis.worker";
import type { TypedWorker } from "./typed-worker";

/** One analysis worker as the pool drives it (a real Worker, or a stand-in in tests). */
export type PartWorker = TypedWorker<PartRequest, PartMessage>;

/** What the analysis panel drives: the shape of its WorkerLike. */
export type AnalysisPool = TypedWorker<AnalysisRequest, AnalysisMessage>;

export const MAX_WORKERS = 4;

/**
 * Trials (functions with a range × trials) each extra worker must have to pay for itself. Each run starts fresh
 * workers, and each loads its script and has the engine optimised again; in Chromium on the bench machine
 * (bench/analysis.ts) 2 workers were 0.7× one for the sample at 10,000 trials (40,000 in all), 0.85× at 100,000
 * in all, 1.0–1.1× at 200,000 and 1.2–1.3× at 400,000. Smaller runs use fewer workers.
 */
export const MIN_TRIALS_PER_WORKER = 50_000;

/** Workers for a run of `totalTrials` on a machine with `cores` logical processors. */
export function workerCount(totalTrials: number, cores: number): number {
  const byWork = Math.floor(totalTrials / MIN_TRIALS_PER_WORKER);
  return Math.max(1, Math.min(MAX_WORKERS, Math.floor(cores) || 1, byWork));
}

/** The logical processors of this browser (1 where it does not say). */
export const browserCores = (): number =>
  typeof navigator === "object" && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 1;

/** Trials with a range over all valid functions of the input (0 when the options are invalid: the merger says why). */
function totalTrials(input: ModelInput, trials: number): number {
  return Number.isInteger(trials) && trials > 0 ? simulatedTrials(parseModelInput(input).rows, trials) : 0;
}

export function createAnalysisPool(createWorker: () => PartWorker, cores: number = browserCores()): AnalysisPool {
  const workers: PartWorker[] = [];
  let stopped = false;

  const stop = () => {
    stopped = true;
    for (const worker of workers) worker.terminate();
  };

  const pool: AnalysisPool = {
    onmessage: null,
    onerror: null,
    terminate: stop,
    postMessage(request) {
      const { id, input, trials, seed, correlations } = request;
      const answer = (message: AnalysisMessage) => {
        if (stopped) return;
        if (message.type !== "progress") stop();
        pool.onmessage?.({ data: message });
      };
      let merger: SimulationMerger;
      let figures: ReturnType<typeof figuresWithoutTrials>;
      const ranges = splitTrials(trials, workerCount(totalTrials(input, trials), cores));
      try {
        merger = new SimulationMerger(input, { trials, seed }, ranges);
        figures = figuresWithoutTrials(parseModelInput(input), trials, seed);
      } catch (error) {
        answer({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
        return;
      }
      const doneByPart = ranges.map(() => 0);
      // Each function's trials for its value of information, by range, copied before the merger sorts them.
      const voiParts = figures.map((): (VoiTrials | undefined)[] => []);
      let rangesDone = 0;
      let extras: Extras | undefined;
      const finishIfComplete = () => {
        if (rangesDone < ranges.length || !extras || figures.some((f) => f === undefined)) return;
        const { scenarioErrors, ...rest } = extras;
        const simulation = withCorrelationWarnings(merger.result(), input, correlations);
        answer({
          type: "done",
          id,
          report: { simulation, ...rest, ...trialReport(simulation, figures) },
          scenarioErrors,
        });
      };
      /** Once every range of function `index` is in: its trials joined in trial order go to a worker for its VOI. */
      const collectForVoi = (index: number, part: number, trialsOfPart: VoiTrials) => {
        const parts = voiParts[index];
        parts[part] = trialsOfPart;
        const received = parts.filter((p) => p !== undefined);
        if (received.length < ranges.length) return;
        voiParts[index] = [];
        const outcomes = joinOutcomes(received);
        workers[index % workers.length].postMessage(
          { type: "voi", id, input, trials, seed, index, outcomes, correlations },
          buffersOf(outcomes),
        );
      };
      const receive = (part: number, message: PartMessage) => {
        if (message.id !== id) return;
        switch (message.type) {
          case "progress":
            doneByPart[part] = message.done;
            answer({
              type: "progress",
              id,
              done: doneByPart.reduce((sum, done) => sum + done, 0),
              total: merger.total,
              function: message.function,
            });
            break;
          case "outcomes":
            collectForVoi(message.index, message.part, voiTrialsOf(message.outcomes));
            merger.add(message.index, message.part, message.outcomes);
            break;
          case "voi-done":
            figures[message.index] = message.figures;
            finishIfComplete();
            break;
          case "trials-done":
            rangesDone++;
            finishIfComplete();
            break;
          case "extras-done":
            extras = message.extras;
            finishIfComplete();
            break;
          case "error":
            answer(message);
        }
      };
      ranges.forEach((range, part) => {
        const worker = createWorker();
        workers.push(worker);
        worker.onmessage = ({ data }) => {
          if (stopped) return;
          try {
            receive(part, data);
          } catch (error) {
            answer({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
          }
        };
        worker.onerror = (event) => {
          if (stopped) return;
          stop();
          pool.onerror?.(event);
        };
        worker.postMessage({ type: "trials", id, input, trials, seed, part, range, correlations });
      });
      // The last range is the smallest (splitTrials gives the remainder to the first): its worker also runs the rest.
      workers[workers.length - 1].postMessage({ type: "extras", id, input, scenarios: request.scenarios });
    },
  };
  return pool;
}
