/**
 * `sourcing-model portfolio FILE [--json]`: one plan per function, chosen together under the shared management
 * capacity and transition limit (docs/model.md §8), what the limits cost, and whether one more manager pays.
 */
import {
  RECOMMENDATION_LABELS,
  formatMoney,
  optimisePortfolio,
  parseModelInput,
  PortfolioTooLargeError,
  toPortfolioJson,
  type PortfolioResult,
} from "../model";
import { planInWords } from "../layout/portfolio-sheet";
import { parseCommandLine, wholeNumberOption } from "./arguments";
import { EXIT, UsageError, visible, type CliContext, type Command } from "./context";
import { OVERRIDE_HELP, answer, onlyFile, readCommandInput } from "./input-file";
import { INPUT_OPTIONS } from "./overrides";
import { appendTable, tableColumns } from "./report";

export const PORTFOLIO_HELP = `Usage: sourcing-model portfolio FILE [--json] [--time-limit S] [--set KEY=VALUE ...]

Chooses one plan per function - staff augmentation, BPO, or a bridge whose BPO transition starts in
month 1, 1+k, 1+2k, ... - to make the portfolio's NPV as low as possible while, in every month, the
managers' time staff augmentation takes stays within the management capacity and no more BPO
transitions run at once than the limit allows (docs/model.md section 8). Exact: a 0-1 integer programme.

The three limits are assumptions, from the file or --set:
  managementCapacityFte       Management capacity (manager FTE); blank: unlimited
  maxConcurrentTransitions    Max concurrent transitions; blank: unlimited
  transitionStartStepMonths   Transition start step (months), default 3

Prints the plan beside each function's own recommendation, what the limits cost, the least capacity
and the fewest concurrent transitions that work, and what one more manager or transition is worth.

Options
  --json              Print the result as JSON on stdout, nothing else.
  --time-limit S      Seconds the optimiser may take (1 to 3,600; default 10). When it stops first,
                      the best plan found is shown with its proven distance to the optimum.
${OVERRIDE_HELP}
  -h, --help          Show this help.

Exit codes: 0 all inputs valid, 1 some inputs invalid (the other rows are optimised), 2 bad command
line or file.
`;

/** Manager FTEs as people read them: two decimals ("1.05"). */
const fte = (value: number): string => value.toFixed(2);

function limitsLine(result: PortfolioResult): string {
  const { managementCapacityFte: capacity, maxConcurrentTransitions: transitions } = result.limits;
  const step = result.limits.transitionStartStepMonths;
  return (
    `Limits: management capacity ${capacity === null ? "unlimited" : `${fte(capacity)} manager FTE`}, ` +
    `${transitions === null ? "no limit on concurrent transitions" : `at most ${transitions} concurrent ${transitions === 1 ? "transition" : "transitions"}`}, ` +
    `a delayed transition may start every ${step} ${step === 1 ? "month" : "months"}.`
  );
}

/** What the limits cost, the least limits that work and the hiring verdict, in sentences. */
function summaryLines(result: PortfolioResult): string[] {
  const { currency, horizonMonths } = result.assumptions;
  const money = (value: number) => formatMoney(value, currency);
  const lines: string[] = [];
  if (result.status === "infeasible") {
    lines.push("No choice of plans meets both limits: the portfolio is infeasible.");
  } else if (result.totalNpv !== null) {
    const cost = result.totalNpv - result.unconstrainedNpv;
    lines.push(
      `Portfolio NPV over ${horizonMonths} months: ${money(result.totalNpv)}; with every function at its cheapest plan, ${money(result.unconstrainedNpv)}: the limits cost ${money(cost)}.`,
    );
  }
  if (result.status === "stopped")
    lines.push(
      result.totalNpv === null
        ? "The optimiser ran out of time before finding a plan; allow more with --time-limit."
        : `The optimiser stopped at its time limit: this is the best plan found, at most ${(result.relativeGap * 100).toPrecision(3)}% above the optimum; allow more with --time-limit.`,
    );
  const peakLoad = Math.max(0, ...result.months.map((m) => m.managementLoadFte));
  const peakTransitions = Math.max(0, ...result.months.map((m) => m.transitions));
  const inUse = result.totalNpv !== null;
  lines.push(
    `Management load: ${inUse ? `peaks at ${fte(peakLoad)} manager FTE; ` : ""}` +
      (result.minimumManagementCapacityFte === null
        ? "no capacity is enough under the transition limit."
        : `the least capacity that works${result.limits.maxConcurrentTransitions === null ? "" : " under the transition limit"} is ${fte(result.minimumManagementCapacityFte)} manager FTE.`),
  );
  lines.push(
    `Concurrent transitions: ${inUse ? `at most ${peakTransitions} at once; ` : ""}` +
      (result.minimumConcurrentTransitions === null
        ? "no transition limit is enough under the capacity."
        : `the fewest that work${result.limits.managementCapacityFte === null ? "" : " under the capacity"} is ${result.minimumConcurrentTransitions}.`),
  );
  if (result.valueOfOneMoreTransition !== null)
    lines.push(`One more concurrent transition would save ${money(result.valueOfOneMoreTransition)} of NPV.`);
  const manager = money(result.managerNpv);
  if (result.valueOfOneMoreManager !== null) {
    const pays = result.valueOfOneMoreManager > result.managerNpv;
    lines.push(
      `Hiring: one more manager saves ${money(result.valueOfOneMoreManager)} against ${manager} for a manager over ${horizonMonths} months, so hiring ${pays ? "pays" : "does not pay"}.`,
    );
  } else if (result.limits.managementCapacityFte === null)
    lines.push("Hiring: the management capacity is unlimited, so one more manager saves nothing.");
  for (const note of result.notes) lines.push(note);
  return lines;
}

/** The report's lines (no line ends), cell text escaped. */
export function portfolioReport(result: PortfolioResult, source: string): string[] {
  // An invalid assumption leaves nothing to optimise: an empty plan and "unlimited" limits would read as an answer.
  if (result.errors.some((e) => e.row === null))
    return [visible(`${source}: nothing to optimise: see the errors below.`)];
  const { currency } = result.assumptions;
  const count = result.plans.length;
  const lines = [`${source}: portfolio of ${count} ${count === 1 ? "function" : "functions"}`, limitsLine(result), ""];
  const rows = result.plans.map((plan) => [
    plan.function,
    RECOMMENDATION_LABELS[plan.recommendation],
    planInWords(plan),
    plan.npv === null ? "-" : formatMoney(plan.npv, currency).replace(`${currency} `, ""),
    plan.differsFromRecommendation ? "yes" : "",
  ]);
  appendTable(lines, tableColumns(`Function | Alone | Portfolio | >NPV (${currency}) | Changed by the limits`), rows);
  lines.push("", ...summaryLines(result));
  return lines.map(visible);
}

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandLine(
    args,
    { json: { type: "boolean" }, "time-limit": { type: "string" }, ...INPUT_OPTIONS },
    PORTFOLIO_HELP,
    context,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const timeLimitSeconds =
    values["time-limit"] === undefined ? undefined : wholeNumberOption("--time-limit", values["time-limit"], 1, 3600);
  const source = await readCommandInput(onlyFile("portfolio", positionals), values, context);
  let result: PortfolioResult;
  try {
    result = await optimisePortfolio(parseModelInput(source.input), { timeLimitSeconds });
  } catch (error) {
    if (error instanceof PortfolioTooLargeError) throw new UsageError(error.message);
    throw error;
  }
  return answer(result, source, context, {
    json: values.json,
    jsonValue: toPortfolioJson(result),
    report: portfolioReport,
    done: "analysed",
  });
}

export const portfolioCommand: Command = {
  name: "portfolio",
  usage: "FILE [--json]",
  summary: "One plan per function under shared management capacity and transition limits (exact)",
  help: PORTFOLIO_HELP,
  run,
};
