/**
 * The analysis panel: "How sure are we? What drives it? What if we're wrong?" Runs the Monte Carlo simulation,
 * the tornado and the scenario comparison in a Web Worker (analysis.worker.ts) with a progress bar and a
 * Cancel button, shows a short summary, and writes the full analysis with native charts to the
 * "Sourcing Analysis" sheet (src/excel/write-analysis.ts). Below it: "Add a scenarios table" for a workbook without
 * one (src/excel/scenarios-template.ts), and the goal-seek form (goal-seek-form.ts), so every analysis is a click away.
 *
 * The pane's entry (index.ts) mounts it: mountAnalysisPanel(container, officeAnalysisDeps()).
 * Everything from the workbook is shown through textContent, never as HTML.
 */
import { type AnalysisWriteSummary, writeAnalysis, writeGoalSeek } from "../excel/write-analysis";
import { readScenarioRows } from "../excel/read-scenarios";
import { type WorkbookCorrelations, readWorkbookCorrelations } from "../excel/read-correlations";
import { addCorrelationsTable } from "../excel/correlations-template";
import type { TemplateOutcome } from "../excel/template-table";
import { type ScenariosTemplateOutcome, addScenariosTable } from "../excel/scenarios-template";
import type { AnalysisReport } from "../layout/analysis-sheet";
import { readInputs } from "../excel/read";
import { plusMinus, voiSentence, voiVerdict } from "../layout/voi-sheet";
import {
  type FunctionVoi,
  MAX_TRIALS,
  formatMoney,
  trialsForPrecision,
  formatMonth,
  formatPercentOneDecimal,
  type ModelInput,
  type ScenarioRow,
  type VoiResult,
} from "../model";
import { type Doc, element, headedSection, oneAtATime, readTrialsAndSeed, trialsAndSeedInputs } from "./controls";
import type { AnalysisMessage, AnalysisRequest } from "./analysis.worker";
import { type GoalSeekForm, type GoalSeekFormDeps, mountGoalSeekForm } from "./goal-seek-form";
import type { TypedWorker } from "./typed-worker";
import { type PartWorker, createAnalysisPool } from "./worker-pool";

/** The analysis worker (or the pool of them) as the panel drives it. */
export type WorkerLike = TypedWorker<AnalysisRequest, AnalysisMessage>;

export interface AnalysisPanelDeps extends GoalSeekFormDeps {
  readInputs(): Promise<{
    input: ModelInput;
    scenarios: ScenarioRow[];
    /** The SourcingCorrelations table's valid pairs and its errors (none without the table). */
    correlations?: WorkbookCorrelations;
    notFoundReason?: string;
  }>;
  createWorker(): WorkerLike;
  writeAnalysis(report: AnalysisReport): Promise<AnalysisWriteSummary>;
  addScenariosTable(): Promise<ScenariosTemplateOutcome>;
  addCorrelationsTable(): Promise<TemplateOutcome>;
}

/**
 * The worker as webpack 5 bundles it. The expression must stay exactly `new Worker(new URL("…", import.meta.url))`
 * in one piece: that is the pattern webpack turns into a worker chunk (a URL built apart is copied as a raw asset).
 */
export function createAnalysisWorker(): PartWorker {
  return new Worker(
    /* webpackChunkName: "analysis-worker" */ new URL("./analysis.worker.ts", import.meta.url),
  ) as unknown as PartWorker;
}

export const officeAnalysisDeps = (): AnalysisPanelDeps => ({
  readInputs: async () => {
    const { input, notFoundReason } = await readInputs();
    return {
      input,
      notFoundReason,
      scenarios: await readScenarioRows(),
      correlations: await readWorkbookCorrelations(),
    };
  },
  // Several workers, each a share of the trials (worker-pool.ts); the same numbers as one.
  createWorker: () => createAnalysisPool(createAnalysisWorker),
  writeAnalysis: (report) => writeAnalysis(report),
  addScenariosTable: () => addScenariosTable(),
  addCorrelationsTable: () => addCorrelationsTable(),
  writeGoalSeek: (report) => writeGoalSeek(report),
});

export interface AnalysisPanel {
  /** Starts an analysis (the Run button); resolves when it is written, cancelled or failed. */
  run(): Promise<void>;
  /** Stops a running analysis (the Cancel button): the worker is terminated, nothing is written. */
  cancel(): void;
  /** Adds a SourcingScenarios table from the template (the Add a scenarios table button). */
  addScenarios(): Promise<void>;
  /** Adds a SourcingCorrelations table from the template (the Add a correlations table button). */
  addCorrelations(): Promise<void>;
  readonly running: boolean;
  readonly elements: AnalysisPanelElements;
  readonly goalSeek: GoalSeekForm;
}

export interface AnalysisPanelElements {
  trials: HTMLInputElement;
  seed: HTMLInputElement;
  /** Optional target standard error of P(BPO cheaper): trials are added until every function's is below it. */
  precision: HTMLInputElement;
  run: HTMLButtonElement;
  cancel: HTMLButtonElement;
  progress: HTMLProgressElement;
  status: HTMLElement;
  summary: HTMLElement;
  /** What could change the decision: value of information per function, filled after a run. */
  voi: HTMLElement;
  addScenarios: HTMLButtonElement;
  addCorrelations: HTMLButtonElement;
}

/** What the section does, under its heading. */
const INTRO =
  "Simulates every function over the Min/Max columns of the inputs, ranks what drives the saving (tornado) and compares the scenarios of the SourcingScenarios table. Results go to the Sourcing Analysis sheet.";

function build(doc: Doc, container: HTMLElement): AnalysisPanelElements {
  const section = headedSection(doc, "analysis-panel", "Uncertainty, drivers and scenarios", "How sure are we?", INTRO);
  const [trialsLabel, trials, seedLabel, seed] = trialsAndSeedInputs(doc);
  const precisionLabel = element(doc, "label", "analysis-label", "Until P(BPO cheaper) is known to ± ");
  const precision = element(doc, "input", "analysis-precision");
  precision.type = "text";
  precision.placeholder = "e.g. 0.5% (optional)";
  precisionLabel.append(precision);
  const run = element(doc, "button", "button primary analysis-run", "Run analysis");
  run.type = "button";
  const cancel = element(doc, "button", "button analysis-cancel", "Cancel");
  cancel.type = "button";
  cancel.disabled = true;
  const progress = element(doc, "progress", "analysis-progress");
  progress.setAttribute("max", "1");
  progress.setAttribute("value", "0");
  progress.hidden = true;
  const status = element(doc, "p", "analysis-status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const summary = element(doc, "ul", "analysis-summary");
  const voi = element(doc, "div", "analysis-voi");
  voi.setAttribute("aria-label", "What could change the decision");
  voi.hidden = true;
  const scenariosHelp = element(
    doc,
    "p",
    "analysis-intro",
    "No scenarios yet? Add a SourcingScenarios table on the inputs sheet, with one example row to copy: Scenario, Key (an input), Value, Function (blank: every row).",
  );
  const addScenarios = element(doc, "button", "button analysis-add-scenarios", "Add a scenarios table");
  addScenarios.type = "button";
  const addCorrelations = element(doc, "button", "button analysis-add-correlations", "Add a correlations table");
  addCorrelations.type = "button";
  const scenarioActions = element(doc, "div", "actions");
  scenarioActions.append(addScenarios, addCorrelations);
  section.append(
    trialsLabel,
    seedLabel,
    precisionLabel,
    run,
    cancel,
    progress,
    status,
    summary,
    voi,
    scenariosHelp,
    scenarioActions,
  );
  container.append(section);
  return { trials, seed, precision, run, cancel, progress, status, summary, voi, addScenarios, addCorrelations };
}

/** One line per function and per scenario, for the pane (the sheet has everything). */
export function summaryLines(report: AnalysisReport): string[] {
  const currency = report.simulation.assumptions.currency;
  const money = (x: number) => formatMoney(x, currency);
  // Each simulated figure with its Monte Carlo standard error, "± x", when the trials give one.
  const plusMinusShare = (se: number | undefined) =>
    se === undefined || se === 0 ? "" : ` ± ${formatPercentOneDecimal(se)}`;
  const plusMinusMoney = (se: number | null | undefined) => (se ? ` ${plusMinus(se)}` : "");
  const lines = report.simulation.results.map((r, i) => {
    const b = r.BPO;
    const se = report.standardErrors?.[i];
    return `${r.function}: BPO cheaper than staff augmentation in ${formatPercentOneDecimal(b.probabilityCheaper)}${plusMinusShare(se?.BPO.probabilityCheaper)} of trials (bridge ${formatPercentOneDecimal(r.BRIDGE.probabilityCheaper)}${plusMinusShare(se?.BRIDGE.probabilityCheaper)}); saving P10 ${money(b.saving.p10)}${plusMinusMoney(se?.BPO.p10)}, P50 ${money(b.saving.p50)}${plusMinusMoney(se?.BPO.p50)}, P90 ${money(b.saving.p90)}${plusMinusMoney(se?.BPO.p90)}; break-even P10/P50/P90 ${formatMonth(b.breakEvenMonth.p10)}/${formatMonth(b.breakEvenMonth.p50)}/${formatMonth(b.breakEvenMonth.p90)}, none in ${formatPercentOneDecimal(b.noBreakEvenShare)}.`;
  });
  for (const r of report.sensitivity.results) {
    const top = r.bars[0];
    if (top)
      lines.push(
        `${r.function}: the saving moves most with ${top.label} (${money(top.savingLow)} to ${money(top.savingHigh)}).`,
      );
  }
  for (const s of report.scenarios?.scenarios ?? []) {
    const changed = s.differences
      .filter((d) => d.recommendationChanged)
      .map((d) => `${d.function} ${d.base?.recommendation ?? "-"} → ${d.scenario?.recommendation ?? "-"}`);
    lines.push(
      `Scenario ${s.name}: ${changed.length > 0 ? `recommendation changes for ${changed.join(", ")}` : "no recommendation changes"}.`,
    );
  }
  return lines;
}

/**
 * The optional precision target as typed: blank for none, else a share above 0 and at most 0.5 ("0.5%" or 0.005);
 * a RangeError in the pane's words otherwise.
 */
export function readPrecision(input: HTMLInputElement): number | undefined {
  const text = String(input.value ?? "").trim();
  if (text === "") return undefined;
  const value = text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (!(value > 0 && value <= 0.5))
    throw new RangeError(`The precision must be a share above 0% and at most 50%, such as 0.5%; got "${text}".`);
  return value;
}

/** A standard error as a percentage with two decimals: 0.0025 is "0.25%" (one decimal would round targets away). */
const percentTwoDecimals = (share: number): string => `${(share * 100).toFixed(2)}%`;

/** The largest standard error of P(BPO cheaper) in a report, and the trials that would bring every one below `target`. */
function precisionStep(report: AnalysisReport, target: number): { worst: number; next: number } {
  const { simulation } = report;
  const worst = Math.max(0, ...(report.standardErrors ?? []).map((e) => e.BPO.probabilityCheaper));
  const next = Math.max(
    simulation.trials,
    ...simulation.results
      .filter((r) => r.trialsRun > 0)
      .map((r) => trialsForPrecision(r.BPO.probabilityCheaper, target, simulation.trials, simulation.trials)),
  );
  return { worst, next };
}

/** What the value-of-information part of the panel says under its heading. */
const VOI_INTRO =
  "What knowing an input before signing would save on average (EVPPI; every input at once: EVPI), on the simulation's own trials: an upper bound on what a pilot, an RFP round or a study is worth. The tornado says what moves the cost; this says what could change the decision.";

/**
 * One function's value of information: its sentence, then (when something is worth finding out) the inputs
 * ranked, each with a bar of its EVPPI against the EVPI (a native meter: no chart library, readable by screen
 * readers) and its amount and chance of changing the decision in words.
 */
function voiFunction(doc: Doc, f: FunctionVoi, currency: string): HTMLElement {
  const block = element(doc, "div", "analysis-voi-function");
  block.append(element(doc, "p", "analysis-voi-sentence", voiSentence(f, currency)));
  if (voiVerdict(f) !== "worth") return block;
  const list = element(doc, "ol", "analysis-voi-inputs");
  for (const input of f.inputs) {
    const item = element(doc, "li", "analysis-voi-input");
    const bar = element(doc, "meter", "analysis-voi-bar");
    bar.setAttribute("min", "0");
    bar.setAttribute("max", String(f.evpi));
    bar.setAttribute("value", String(input.evppi));
    bar.setAttribute("aria-label", `${input.label}: ${formatMoney(input.evppi, currency)}`);
    const error = plusMinus(input.evppiStandardError) && ` ${plusMinus(input.evppiStandardError)}`;
    item.append(
      element(doc, "span", "analysis-voi-label", input.label),
      bar,
      element(
        doc,
        "span",
        "analysis-voi-amount",
        `${formatMoney(input.evppi, currency)}${error}; changes the decision in ${formatPercentOneDecimal(input.decisionChangeProbability)} of trials`,
      ),
    );
    list.append(item);
  }
  block.append(list);
  return block;
}

/** The value-of-information part of the panel for one run's results. */
export function renderVoi(doc: Doc, target: HTMLElement, voi: VoiResult): void {
  const currency = voi.assumptions.currency;
  target.replaceChildren(
    element(doc, "h3", "analysis-voi-heading", "What could change the decision (value of information)"),
    element(doc, "p", "analysis-intro", VOI_INTRO),
    ...voi.functions.map((f) => voiFunction(doc, f, currency)),
  );
  target.hidden = false;
}

export function mountAnalysisPanel(
  container: HTMLElement,
  deps: AnalysisPanelDeps,
  doc: Doc = document,
): AnalysisPanel {
  const elements = build(doc, container);
  let worker: WorkerLike | undefined;
  let runId = 0;
  let finish: (() => void) | undefined;

  const setStatus = (text: string, kind: "info" | "error" | "success" = "info") => {
    elements.status.textContent = text;
    elements.status.className = `analysis-status analysis-status-${kind}`;
  };
  const setBusy = (busy: boolean) => {
    elements.run.disabled = busy;
    elements.cancel.disabled = !busy;
    elements.progress.hidden = !busy;
    if (busy) elements.progress.setAttribute("value", "0");
  };
  const stopWorker = () => {
    worker?.terminate();
    worker = undefined;
  };
  const showSummary = (lines: string[]) => {
    elements.summary.replaceChildren(...lines.map((line) => element(doc, "li", "analysis-summary-item", line)));
  };

  async function run(): Promise<void> {
    if (worker || elements.run.disabled) return;
    let trials: number;
    let seed: number;
    let precision: number | undefined;
    try {
      ({ trials, seed } = readTrialsAndSeed(elements.trials, elements.seed));
      precision = readPrecision(elements.precision);
    } catch (error) {
      setStatus((error as Error).message, "error");
      return;
    }
    const id = ++runId;
    setBusy(true);
    setStatus("Reading the workbook…");
    let request: AnalysisRequest;
    let correlationErrors: string[] = [];
    try {
      const { input, scenarios, correlations } = await deps.readInputs();
      request = { type: "analyse", id, input, scenarios, trials, seed, correlations: correlations?.pairs };
      correlationErrors = correlations?.errors ?? [];
    } catch (error) {
      setBusy(false);
      setStatus(error instanceof Error ? error.message : String(error), "error");
      return;
    }
    if (id !== runId) return; // cancelled while reading

    /** One run of the workers; the report, or undefined when it failed or was cancelled (the status says which). */
    const analyse = (request: AnalysisRequest, step: string) =>
      new Promise<{ report: AnalysisReport; scenarioErrors: string[] } | undefined>((resolve) => {
        finish = () => resolve(undefined);
        const w = deps.createWorker();
        worker = w;
        w.onmessage = ({ data }) => {
          if (data.id !== id) return;
          if (data.type === "progress") {
            elements.progress.setAttribute("value", String(data.total > 0 ? data.done / data.total : 1));
            // The counts are over every function together; the name says only which one is running now.
            setStatus(
              `${step}Simulating: ${data.done.toLocaleString("en-US")} of ${data.total.toLocaleString("en-US")} trials (all functions); now ${data.function}…`,
            );
          } else if (data.type === "done") {
            resolve({ report: data.report, scenarioErrors: data.scenarioErrors });
          } else {
            setStatus(`The analysis failed: ${data.message}`, "error");
            resolve(undefined);
          }
        };
        w.onerror = (event) => {
          setStatus(`The analysis worker failed${event.message ? `: ${event.message}` : ""}.`, "error");
          resolve(undefined);
        };
        w.postMessage(request);
      });
    let report = await analyse(request, "");
    // A precision target: more trials, in batches of the trials asked for, until every function's standard error
    // of P(BPO cheaper) is below it (at most MAX_TRIALS); each round is a new run with the same seed, whose first
    // trials are the previous round's. Cancel stops any round; only the last is written.
    while (report && precision !== undefined && id === runId) {
      const { worst, next } = precisionStep(report.report, precision);
      if (worst < precision || report.report.simulation.trials >= MAX_TRIALS) break;
      stopWorker();
      const step = `${report.report.simulation.trials.toLocaleString("en-US")} trials gave a standard error of ${percentTwoDecimals(worst)} (target below ${percentTwoDecimals(precision)}); adding trials up to ${next.toLocaleString("en-US")}. `;
      setStatus(step);
      elements.progress.setAttribute("value", "0");
      report = await analyse({ ...request, trials: next }, step);
    }
    if (id !== runId) return; // cancelled: cancel() has reset the panel (and a new run may own it now)
    finish = undefined;
    stopWorker();
    if (!report) {
      setBusy(false);
      return;
    }
    const { simulation } = report.report;
    showSummary(summaryLines(report.report));
    if (report.report.voi) renderVoi(doc, elements.voi, report.report.voi);
    elements.cancel.disabled = true; // the write is one Excel batch: it completes or fails, it is not cancelled midway
    setStatus("Writing the analysis to the workbook…");
    try {
      const written = await deps.writeAnalysis(report.report);
      // Pairs the simulation had to change (they could not all hold at once), said as the model words them.
      const repaired = simulation.warnings.filter((w) => w.column === "correlation").map((w) => w.message);
      const tableErrors = [...report.scenarioErrors, ...correlationErrors];
      const problems = simulation.errors.length + tableErrors.length;
      setStatus(
        `Done: ${simulation.results.length} function(s), ${simulation.trials.toLocaleString("en-US")} trials each (seed ${simulation.seed}); ${written.charts} chart(s) on the Sourcing Analysis sheet.` +
          (problems > 0
            ? ` ${problems} input problem(s): rows with errors were left out${tableErrors.length > 0 ? `; ${tableErrors.join(" ")}` : ""}.`
            : "") +
          repaired.map((message) => ` ${message}`).join(""),
        problems + repaired.length > 0 ? "info" : "success",
      );
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error), "error");
    } finally {
      setBusy(false);
    }
  }

  function cancel(): void {
    if (elements.cancel.disabled) return;
    runId++; // a run that is still reading the workbook sees the new id and stops
    stopWorker();
    finish?.();
    setBusy(false);
    setStatus("Cancelled: nothing was written to the workbook.");
  }

  /** A template button's action: one at a time, its outcome in the status line. */
  const addFromTemplate = (button: HTMLElement, add: () => Promise<TemplateOutcome>) =>
    oneAtATime(
      button,
      (message) => setStatus(message, "error"),
      async () => {
        const outcome = await add();
        setStatus(outcome.message, outcome.added ? "success" : "info");
      },
    );
  const addScenarios = addFromTemplate(elements.addScenarios, () => deps.addScenariosTable());
  const addCorrelations = addFromTemplate(elements.addCorrelations, () => deps.addCorrelationsTable());

  elements.run.addEventListener("click", () => void run());
  elements.cancel.addEventListener("click", () => cancel());
  elements.addScenarios.addEventListener("click", () => void addScenarios());
  elements.addCorrelations.addEventListener("click", () => void addCorrelations());
  const goalSeek = mountGoalSeekForm(container, deps, doc);
  setStatus("Set the trials and seed, then run the analysis.");
  return {
    run,
    cancel,
    addScenarios,
    addCorrelations,
    goalSeek,
    get running() {
      return worker !== undefined;
    },
    elements,
  };
}
