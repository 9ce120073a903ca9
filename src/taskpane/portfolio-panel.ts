/**
 * The Portfolio panel: "What should we do with all of them, in which order, and what would one more manager be
 * worth?" (docs/model.md §8). Shows the three limits as the assumptions table holds them and where to change them,
 * optimises the portfolio in a Web Worker (portfolio.worker.ts) with progress and Cancel, shows the outcome in words
 * (status, total NPV against the NPV without the limits, the plan beside each function's own recommendation, the
 * hiring verdict, or which limit makes it infeasible and the least that would not), and writes the
 * "Sourcing Portfolio" sheet (src/excel/write-portfolio.ts).
 *
 * The pane's entry (index.ts) mounts it: mountPortfolioPanel(container, officePortfolioDeps()).
 * Everything from the workbook is shown through textContent, never as HTML.
 */
import { type AssumptionsSource, locateErrors } from "../excel/locate";
import { readInputs } from "../excel/read";
import { type PortfolioWriteSummary, writePortfolio } from "../excel/write-portfolio";
import { cellRef } from "../layout/address";
import { hiringVerdict, infeasibleInWords, limitsCost, planInWords, statusInWords } from "../layout/portfolio-sheet";
import {
  PORTFOLIO_FIELDS,
  RECOMMENDATION_LABELS,
  assumptionKeyMatcher,
  formatMoney,
  isBlank,
  type CellValue,
  type ModelInput,
  type PortfolioLimits,
  type PortfolioProgress,
  type PortfolioResult,
} from "../model";
import { type Doc, element, headedSection } from "./controls";
import type { PortfolioMessage, PortfolioRequest } from "./portfolio.worker";
import type { TypedWorker } from "./typed-worker";

/** The portfolio worker as the panel drives it. */
export type PortfolioWorkerLike = TypedWorker<PortfolioRequest, PortfolioMessage>;

export interface PortfolioPanelDeps {
  readInputs(): Promise<{ input: ModelInput; assumptions: AssumptionsSource | null; notFoundReason?: string }>;
  createWorker(): PortfolioWorkerLike;
  writePortfolio(result: PortfolioResult): Promise<PortfolioWriteSummary>;
}

/**
 * The worker as webpack 5 bundles it: the expression must stay `new Worker(new URL("…", import.meta.url))` in one
 * piece (see createAnalysisWorker). Its chunk, with the solver, loads only when the portfolio first runs.
 */
export function createPortfolioWorker(): PortfolioWorkerLike {
  return new Worker(
    /* webpackChunkName: "portfolio-worker" */ new URL("./portfolio.worker.ts", import.meta.url),
  ) as unknown as PortfolioWorkerLike;
}

export const officePortfolioDeps = (): PortfolioPanelDeps => ({
  readInputs: () => readInputs(),
  createWorker: createPortfolioWorker,
  writePortfolio: (result) => writePortfolio(result),
});

export interface PortfolioPanel {
  /** Starts a run (the button); resolves when the sheet is written, or the run is cancelled or failed. */
  run(): Promise<void>;
  /** Stops a running optimisation (Cancel): the worker is terminated, nothing is written. */
  cancel(): void;
  readonly running: boolean;
  readonly elements: PortfolioPanelElements;
}

export interface PortfolioPanelElements {
  limits: HTMLElement;
  run: HTMLButtonElement;
  cancel: HTMLButtonElement;
  progress: HTMLProgressElement;
  status: HTMLElement;
  summary: HTMLElement;
  plan: HTMLTableElement;
}

const INTRO =
  "Decides every function together under the management capacity and the number of BPO transitions your team can run at once, and says what each limit costs. Results go to the Sourcing Portfolio sheet.";

const STAGE_WORDS: Readonly<Record<PortfolioProgress["stage"], string>> = {
  plans: "Building each function's plans",
  optimum: "Finding the best portfolio under both limits",
  unconstrained: "Finding the best portfolio without limits",
  "minimum-capacity": "Finding the least management capacity that is feasible",
  "minimum-transitions": "Finding the fewest concurrent transitions that are feasible",
  "one-more-manager": "Valuing one more manager",
  "one-more-transition": "Valuing one more concurrent transition",
};

/** Where each limit lives in the assumptions table: its value cell, and whether that cell is blank. */
export interface LimitCell {
  sheet: string;
  cell: string;
  blank: boolean;
}

export function limitCells(
  input: ModelInput,
  source: AssumptionsSource | null,
): Partial<Record<keyof PortfolioLimits, LimitCell>> {
  const found: Partial<Record<keyof PortfolioLimits, LimitCell>> = {};
  if (!source) return found;
  // The add-in reads the table as pairs (key, value), in the order of source.keys.
  const pairs: readonly (readonly CellValue[])[] = Array.isArray(input.assumptions) ? input.assumptions : [];
  source.keys.forEach(({ key, row }, i) => {
    const field = assumptionKeyMatcher.match(key)?.key as keyof PortfolioLimits | undefined;
    if (!field || found[field] || !PORTFOLIO_FIELDS.some((f) => f.key === field)) return;
    found[field] = {
      sheet: source.sheet,
      cell: cellRef(row, source.keyColumn + 1),
      blank: isBlank(pairs[i]?.[1] ?? null),
    };
  });
  return found;
}

const fteWords = (value: number) => `${value.toLocaleString("en-US", { maximumFractionDigits: 2 })} manager FTE`;

/** "Management capacity: 1.5 manager FTE (Sourcing Inputs, cell C20)", one line per limit. */
export function limitLines(
  limits: PortfolioLimits,
  cells: Partial<Record<keyof PortfolioLimits, LimitCell>>,
): string[] {
  const where = (key: keyof PortfolioLimits, label: string): string => {
    const at = cells[key];
    if (!at)
      return `not in the assumptions table; add a row "${label}" with a value to set it (blank means ${key === "transitionStartStepMonths" ? "3" : "unlimited"})`;
    return `${at.sheet}, cell ${at.cell}${at.blank ? ", blank" : ""}`;
  };
  const labelOf = (key: keyof PortfolioLimits) => PORTFOLIO_FIELDS.find((f) => f.key === key)?.label ?? key;
  const capacity = limits.managementCapacityFte;
  const transitions = limits.maxConcurrentTransitions;
  return [
    `Management capacity: ${capacity === null ? "unlimited" : fteWords(capacity)} (${where("managementCapacityFte", labelOf("managementCapacityFte"))})`,
    `Max concurrent transitions: ${transitions === null ? "unlimited" : transitions.toLocaleString("en-US")} (${where("maxConcurrentTransitions", labelOf("maxConcurrentTransitions"))})`,
    `Transition start step: every ${limits.transitionStartStepMonths} month${limits.transitionStartStepMonths === 1 ? "" : "s"} (${where("transitionStartStepMonths", labelOf("transitionStartStepMonths"))})`,
  ];
}

/** The outcome in sentences: totals and what the limits cost, the hiring verdict, or why it is infeasible. */
export function outcomeLines(result: PortfolioResult): string[] {
  const currency = result.assumptions.currency;
  const money = (x: number) => formatMoney(x, currency);
  const lines: string[] = [];
  const cost = limitsCost(result);
  if (result.totalNpv !== null && cost !== null)
    lines.push(
      `Total NPV ${money(result.totalNpv)} against ${money(result.unconstrainedNpv)} without the limits: the limits cost ${money(cost)}.`,
    );
  lines.push(...infeasibleInWords(result));
  if (result.status !== "infeasible") lines.push(hiringVerdict(result));
  if (result.valueOfOneMoreTransition !== null)
    lines.push(`One more concurrent transition saves ${money(result.valueOfOneMoreTransition)}.`);
  for (const note of result.notes) if (!lines.includes(note)) lines.push(note);
  return lines;
}

/** An element with attributes set, for the panel's controls. */
function withAttributes<E extends HTMLElement>(el: E, attributes: Record<string, string>): E {
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

function build(doc: Doc, container: HTMLElement): PortfolioPanelElements {
  const section = headedSection(doc, "portfolio-panel", "Portfolio of functions", "All functions together", INTRO);
  const fields = PORTFOLIO_FIELDS.map((f) => f.label).join(", ");
  const limits = element(doc, "ul", "portfolio-limits");
  limits.append(
    element(
      doc,
      "li",
      "portfolio-limit",
      `The limits come from the assumptions table: ${fields}. Run to see their values and cells.`,
    ),
  );
  const [run, cancel] = (
    [
      ["button primary portfolio-run", "Optimise the portfolio"],
      ["button portfolio-cancel", "Cancel"],
    ] as const
  ).map(([className, text]) => withAttributes(element(doc, "button", className, text), { type: "button" }));
  cancel.disabled = true;
  const progress = withAttributes(element(doc, "progress", "portfolio-progress"), {
    max: "1",
    value: "0",
  });
  progress.hidden = true;
  const status = withAttributes(element(doc, "p", "analysis-status portfolio-status"), {
    role: "status",
    "aria-live": "polite",
  });
  const summary = element(doc, "ul", "analysis-summary portfolio-summary");
  const plan = withAttributes(element(doc, "table", "portfolio-plan"), {
    "aria-label": "The portfolio plan: each function's strategy and NPV",
  });
  plan.hidden = true;
  section.append(limits, run, cancel, progress, status, summary, plan);
  container.append(section);
  return { limits, run, cancel, progress, status, summary, plan };
}

/** One optimisation in its own worker: `done` resolves with the result, or undefined once it failed or stopped. */
interface WorkerJob {
  done: Promise<PortfolioResult | undefined>;
  /** Terminates the worker at once; `done` resolves undefined. */
  stop(): void;
}

function startJob(
  create: () => PortfolioWorkerLike,
  request: PortfolioRequest,
  report: { progress(p: PortfolioProgress): void; failure(message: string): void },
): WorkerJob {
  const worker = create();
  let settle: (result: PortfolioResult | undefined) => void = () => undefined;
  const done = new Promise<PortfolioResult | undefined>((resolve) => (settle = resolve));
  const end = (result: PortfolioResult | undefined) => {
    worker.terminate();
    settle(result);
  };
  worker.onmessage = ({ data }) => {
    if (data.id !== request.id) return;
    if (data.type === "progress") report.progress(data);
    else if (data.type === "done") end(data.result);
    else {
      report.failure(`The portfolio failed: ${data.message}`);
      end(undefined);
    }
  };
  worker.onerror = (event) => {
    report.failure(`The portfolio worker failed${event.message ? `: ${event.message}` : ""}.`);
    end(undefined);
  };
  worker.postMessage(request);
  return { done, stop: () => end(undefined) };
}

const PLAN_HEADERS = ["Function", "In the portfolio", "NPV"];

/** What the plan cell says: the portfolio's strategy, and beside it what the function would do alone when that differs. */
export function planCellText(plan: PortfolioResult["plans"][number]): string {
  const alone = RECOMMENDATION_LABELS[plan.recommendation];
  return plan.differsFromRecommendation
    ? `${planInWords(plan)} (differs: alone it would be ${alone})`
    : planInWords(plan);
}

/** The plan as a small table: a row per function, marked where the portfolio differs from the function alone. */
function showPlan(doc: Doc, table: HTMLTableElement, result: PortfolioResult): void {
  const currency = result.assumptions.currency;
  const head = element(doc, "thead", "");
  const headRow = element(doc, "tr", "");
  headRow.append(...PLAN_HEADERS.map((h) => withAttributes(element(doc, "th", "", h), { scope: "col" })));
  head.append(headRow);
  const body = element(doc, "tbody", "");
  for (const plan of result.plans) {
    const row = element(doc, "tr", plan.differsFromRecommendation ? "portfolio-differs" : "");
    row.append(
      element(doc, "td", "", plan.function),
      element(doc, "td", "", planCellText(plan)),
      element(doc, "td", "portfolio-money", plan.npv === null ? "–" : formatMoney(plan.npv, currency)),
    );
    body.append(row);
  }
  table.replaceChildren(head, body);
  table.hidden = false;
}

export function mountPortfolioPanel(
  container: HTMLElement,
  deps: PortfolioPanelDeps,
  doc: Doc = document,
): PortfolioPanel {
  const elements = build(doc, container);
  let job: WorkerJob | undefined;
  /** Counts runs: a run that sees another number was cancelled (or replaced) meanwhile. */
  let runId = 0;

  const setStatus = (text: string, kind: "info" | "error" | "success" = "info") => {
    elements.status.textContent = text;
    elements.status.className = `analysis-status portfolio-status analysis-status-${kind}`;
  };
  const showIdle = (idle: boolean) => {
    elements.run.disabled = !idle;
    elements.cancel.disabled = idle;
    elements.progress.hidden = idle;
    elements.progress.setAttribute("value", "0");
  };
  const list = (into: HTMLElement, lines: readonly string[], className: string) =>
    into.replaceChildren(...lines.map((line) => element(doc, "li", className, line)));
  const fail = (message: string) => {
    showIdle(true);
    setStatus(message, "error");
  };

  async function run(): Promise<void> {
    if (job || elements.run.disabled) return;
    const id = ++runId;
    showIdle(false);
    setStatus("Reading the workbook…");
    elements.summary.replaceChildren();
    elements.plan.hidden = true;
    const read = await deps.readInputs().catch((error: unknown) => {
      if (id === runId) fail(error instanceof Error ? error.message : String(error));
      return undefined;
    });
    if (!read || id !== runId) return; // failed, or cancelled while reading
    if (read.notFoundReason) return fail(read.notFoundReason);

    job = startJob(
      deps.createWorker,
      { type: "portfolio", id, input: read.input },
      {
        progress: ({ stage, done, total }) => {
          elements.progress.setAttribute("value", String(total > 0 ? done / total : 1));
          setStatus(`${STAGE_WORDS[stage]} (step ${Math.min(done + 1, total)} of ${total})…`);
        },
        failure: (message) => setStatus(message, "error"),
      },
    );
    const result = await job.done;
    if (id !== runId) return; // cancelled: cancel() has reset the panel
    job = undefined;
    if (!result) {
      showIdle(true);
      return;
    }
    // Row errors are counted in the warnings; an assumption's error names its cell.
    const assumptionErrors = result.errors.filter((e) => e.row === null);
    const problems = locateErrors(assumptionErrors, null, read.assumptions).map(
      (e) => `${e.cell ? `Cell ${e.cell}: ` : ""}${e.message}`,
    );
    if (problems.length > 0) {
      // Nothing was optimised: an empty plan, "unlimited" limits and an NPV of 0 would read as an answer.
      elements.limits.replaceChildren();
      list(elements.summary, problems.slice(0, 5), "analysis-summary-item");
      return fail("Nothing to optimise: an assumption is invalid (see below). The workbook was not changed.");
    }
    list(elements.limits, limitLines(result.limits, limitCells(read.input, read.assumptions)), "portfolio-limit");
    list(
      elements.summary,
      [...outcomeLines(result), ...result.warnings.map((w) => w.message)],
      "analysis-summary-item",
    );
    showPlan(doc, elements.plan, result);
    elements.cancel.disabled = true; // the write is one Excel batch: it completes or fails, it is not cancelled midway
    setStatus("Writing the Sourcing Portfolio sheet…");
    try {
      const written = await deps.writePortfolio(result);
      setStatus(
        `Done: ${statusInWords(result)}. ${written.planRows} function(s) and ${written.charts} chart(s) on the Sourcing Portfolio sheet.`,
        result.status === "optimal" ? "success" : "info",
      );
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error), "error");
    } finally {
      showIdle(true);
    }
  }

  function cancel(): void {
    if (elements.cancel.disabled) return;
    runId++; // a run still reading the workbook sees the new number and stops
    job?.stop();
    job = undefined;
    showIdle(true);
    setStatus("Cancelled: nothing was written to the workbook.");
  }

  elements.run.addEventListener("click", () => void run());
  elements.cancel.addEventListener("click", () => cancel());
  setStatus("Set the limits in the assumptions table, then optimise the portfolio.");
  return {
    run,
    cancel,
    get running() {
      return job !== undefined;
    },
    elements,
  };
}
