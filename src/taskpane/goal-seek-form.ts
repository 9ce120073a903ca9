/**
 * The goal-seek form: "At what BPO fee / SA hourly rate does BPO break even in month M?" for one function or all.
 * The answer is shown in the pane in words (the model's own sentence, in the workbook's currency) and written to
 * the Sourcing Analysis sheet as the SourcingGoalSeek table (src/excel/write-analysis.ts).
 *
 * It runs on the page, not in the analysis worker: the goal seek is closed form (two engine runs per function and
 * input, src/model/goalseek.ts), about 0.4 ms for the sample (npm run bench), far below what a worker round trip
 * would save. Everything from the workbook is shown through textContent.
 */
import type { GoalSeekWriteSummary } from "../excel/write-analysis";
import type { GoalSeekReport } from "../layout/analysis-sheet";
import { FIELD_BY_KEY, type GoalSeekTarget, goalSeek, type ModelInput, parseModelInput } from "../model";
import { type Doc, element, headedSection, oneAtATime } from "./controls";

export interface GoalSeekFormDeps {
  /** The workbook's inputs; notFoundReason when there is no functions table to read (the pane's own words). */
  readInputs(): Promise<{ input: ModelInput; notFoundReason?: string }>;
  writeGoalSeek(report: GoalSeekReport): Promise<GoalSeekWriteSummary>;
}

export interface GoalSeekFormElements {
  functionChoice: HTMLSelectElement;
  target: HTMLSelectElement;
  month: HTMLInputElement;
  run: HTMLButtonElement;
  status: HTMLElement;
  answers: HTMLElement;
}

export interface GoalSeekForm {
  /** The Find button: reads the workbook, solves, shows and writes the answers. */
  run(): Promise<void>;
  /** Refills the function list from the workbook (the list's focus does it too). */
  refreshFunctions(): Promise<void>;
  readonly elements: GoalSeekFormElements;
}

/** "Both" and the two inputs the model can solve for, as the Solve-for list offers them. */
const BOTH = "both";
const TARGET_CHOICES: readonly { value: string; label: string }[] = [
  // Short, so the list reads whole at 320 px; the intro says which end (highest fee, lowest rate) is found.
  { value: "bpoMonthlyFeePerFte", label: FIELD_BY_KEY.get("bpoMonthlyFeePerFte")?.label ?? "BPO monthly fee per FTE" },
  { value: "saHourlyRate", label: FIELD_BY_KEY.get("saHourlyRate")?.label ?? "SA hourly rate" },
  { value: BOTH, label: "Both" },
];
const ALL_FUNCTIONS = "";
/** A first month worth asking about: the seed article's "BPO pays back at about six months". */
const DEFAULT_MONTH = 6;

function option(doc: Doc, value: string, label: string): HTMLOptionElement {
  const el = element(doc, "option", "", label);
  el.value = value;
  return el;
}

/** A label and its control on one line (the pane's .field look). */
function field(doc: Doc, id: string, label: string, control: HTMLElement): HTMLDivElement {
  const wrapper = element(doc, "div", "field");
  const text = element(doc, "label", "", label);
  text.setAttribute("for", id);
  control.setAttribute("id", id);
  wrapper.append(text, control);
  return wrapper;
}

/** What the section does, under its heading. */
const INTRO =
  "Finds the highest BPO monthly fee per FTE, or the lowest SA hourly rate, at which BPO pays back by the month you choose, for one function or all. The answers also go to the Sourcing Analysis sheet (table SourcingGoalSeek).";

function build(doc: Doc, container: HTMLElement): GoalSeekFormElements {
  const section = headedSection(doc, "goal-seek-panel", "Goal seek", "At what fee or rate does BPO break even?", INTRO);
  const functionChoice = element(doc, "select", "select goal-seek-function");
  functionChoice.append(option(doc, ALL_FUNCTIONS, "All functions"));
  const target = element(doc, "select", "select goal-seek-target");
  target.append(...TARGET_CHOICES.map((c) => option(doc, c.value, c.label)));
  target.value = BOTH;
  const month = element(doc, "input", "select goal-seek-month");
  month.type = "number";
  month.setAttribute("min", "1");
  month.setAttribute("step", "1");
  month.value = String(DEFAULT_MONTH);
  const actions = element(doc, "div", "actions");
  const run = element(doc, "button", "button primary goal-seek-run", "Find the break-even value");
  run.type = "button";
  actions.append(run);
  const status = element(doc, "p", "analysis-status goal-seek-status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const answers = element(doc, "ul", "analysis-summary goal-seek-answers");
  section.append(
    field(doc, "goal-seek-function", "Function", functionChoice),
    field(doc, "goal-seek-target", "Solve for", target),
    field(doc, "goal-seek-month", "Break-even by month", month),
    actions,
    status,
    answers,
  );
  container.append(section);
  return { functionChoice, target, month, run, status, answers };
}

/** The month as typed, checked against the horizon; the message quotes the text as the user typed it. */
export function readMonth(text: string, horizon: number): number {
  const trimmed = text.trim();
  const month = Number(trimmed);
  if (trimmed === "" || !Number.isInteger(month) || month < 1 || month > horizon) {
    throw new RangeError(
      `Break-even by month must be a whole number from 1 to ${horizon} (the horizon in the assumptions); got "${trimmed}".`,
    );
  }
  return month;
}

const targetsOf = (choice: string): GoalSeekTarget[] =>
  choice === "bpoMonthlyFeePerFte" || choice === "saHourlyRate" ? [choice] : ["bpoMonthlyFeePerFte", "saHourlyRate"];

export function mountGoalSeekForm(container: HTMLElement, deps: GoalSeekFormDeps, doc: Doc = document): GoalSeekForm {
  const elements = build(doc, container);

  const setStatus = (text: string, kind: "info" | "error" | "success" = "info") => {
    elements.status.textContent = text;
    elements.status.className = `analysis-status goal-seek-status analysis-status-${kind}`;
  };

  /** Rebuilds the function list only when the names changed, so an open list is not disturbed; keeps the choice. */
  const showFunctions = (names: readonly string[]) => {
    const current = Array.from(elements.functionChoice.children, (o) => (o as HTMLOptionElement).value);
    const wanted = [ALL_FUNCTIONS, ...names];
    if (current.length === wanted.length && current.every((v, i) => v === wanted[i])) return;
    const chosen = elements.functionChoice.value;
    elements.functionChoice.replaceChildren(
      option(doc, ALL_FUNCTIONS, "All functions"),
      ...names.map((name) => option(doc, name, name)),
    );
    elements.functionChoice.value = names.includes(chosen) ? chosen : ALL_FUNCTIONS;
  };

  async function refreshFunctions(): Promise<void> {
    try {
      const { input } = await deps.readInputs();
      showFunctions(parseModelInput(input).rows.map((r) => r.inputs.function));
    } catch {
      // No functions table yet: the list keeps "All functions", and Find says what is missing.
    }
  }

  const run = oneAtATime(
    elements.run,
    (message) => setStatus(message, "error"),
    async () => {
      setStatus("Reading the workbook…");
      const { input, notFoundReason } = await deps.readInputs();
      if (notFoundReason) {
        elements.answers.replaceChildren();
        setStatus(notFoundReason, "error");
        return;
      }
      const parsed = parseModelInput(input);
      showFunctions(parsed.rows.map((r) => r.inputs.function));
      const month = readMonth(String(elements.month.value ?? ""), parsed.assumptions.horizonMonths);
      const chosen = elements.functionChoice.value;
      const all = goalSeek(input, month);
      const results = chosen === ALL_FUNCTIONS ? all.results : all.results.filter((r) => r.function === chosen);
      if (all.results.length === 0) {
        elements.answers.replaceChildren();
        setStatus(
          `No function could be modelled (${all.errors.length} input problem(s)): select Run model to see which cells to fix, then try again.`,
          "error",
        );
        return;
      }
      if (results.length === 0) {
        elements.answers.replaceChildren();
        setStatus(
          `The function "${chosen}" is no longer in the functions table (or its row has an input error). Choose another function or All functions.`,
          "error",
        );
        return;
      }
      const targets = targetsOf(elements.target.value);
      const lines = results.flatMap((r) =>
        targets.map((t) => `${r.function}: ${(t === "bpoMonthlyFeePerFte" ? r.fee : r.rate).message}`),
      );
      elements.answers.replaceChildren(...lines.map((line) => element(doc, "li", "analysis-summary-item", line)));
      setStatus("Writing the answers to the Sourcing Analysis sheet…");
      const written = await deps.writeGoalSeek({ result: { ...all, results }, targets });
      const skipped = all.errors.length > 0 ? ` Rows with input errors were left out (${all.errors.length}).` : "";
      setStatus(
        `Done: ${written.rows} answer(s) for month ${month}, on the Sourcing Analysis sheet (table SourcingGoalSeek at ${written.header}).${skipped}`,
        skipped ? "info" : "success",
      );
    },
  );

  elements.run.addEventListener("click", () => void run());
  elements.functionChoice.addEventListener("focus", () => void refreshFunctions());
  setStatus(`Choose a function, what to solve for and the month, then Find the break-even value.`);
  return { run, refreshFunctions, elements };
}
