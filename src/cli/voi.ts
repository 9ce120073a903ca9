/** `sourcing-model voi FILE [--trials N] [--seed S] [--json]`: what is worth finding out before signing. */
import {
  DEFAULT_SEED,
  DEFAULT_TRIALS,
  MAX_SEED,
  MAX_TRIALS,
  NEGLIGIBLE_EVPI_SHARE,
  STRATEGY_LABELS,
  formatMoney,
  formatPercentOneDecimal,
  parseModelInput,
  simulatedTrials,
  valueOfInformation,
  type FunctionVoi,
  type Strategy,
  type VoiResult,
} from "../model";
import { integerOption, parseCommandLine } from "./arguments";
import { EXIT, UsageError, visible, type CliContext, type Command } from "./context";
import { OVERRIDE_HELP, answer, onlyFile, readCommandInput } from "./input-file";
import { fileCorrelations } from "./simulate";
import { INPUT_OPTIONS } from "./overrides";
import { alignedTable, tableColumns } from "./report";
import { DEFAULT_MAX_TRIALS_TOTAL } from "./simulate";

const MAX_TRIALS_TOTAL_CEILING = 1_000_000_000_000;

const VOI_OPTIONS = {
  trials: { type: "string" },
  seed: { type: "string" },
  json: { type: "boolean" },
  "standard-errors": { type: "boolean" },
  "max-trials-total": { type: "string" },
  ...INPUT_OPTIONS,
} as const;

export const VOI_HELP = `Usage: sourcing-model voi FILE [--trials N] [--seed S] [--json] [--standard-errors] [--max-trials-total N] [--horizon N] [--set KEY=VALUE ...]

Value of information: which uncertainty is worth removing before signing, and up to how much. On the
simulation's own trials (the same draws as "sourcing-model simulate" for the same seed), per function:

  decision  the allowed strategy with the lowest average NPV over the trials (ties: the scope's order);
  EVPI      what knowing every ranged input before deciding would save on average: an upper bound on what
            any study, pilot or RFP round is worth;
  EVPPI     the same for one input alone (trials sorted by that input and cut into about sqrt(trials) bins,
            the best strategy chosen per bin), with the share of trials whose best strategy differs.

Amounts are NPV differences in the workbook's currency. "Nothing is worth finding out" when EVPI is below
0.1% of the decision's average NPV. Functions with no allowed strategy (document the process first) are listed
without inputs.

Options
  --trials N          Trials per function, 1 to ${MAX_TRIALS.toLocaleString("en-US")} (default ${DEFAULT_TRIALS.toLocaleString("en-US")}).
  --seed S            Seed, 0 to ${MAX_SEED} (default ${DEFAULT_SEED}). The same seed gives the same numbers everywhere.
  --json              Print { trials, seed, functions: [ { function, decision, evpi, inputs: [ { input,
                      evppi, decisionChangeProbability } ] } ], errors } on stdout, nothing else.
  --standard-errors   With --json, add evpiStandardError and evppiStandardError (Monte Carlo standard errors by
                      batch means, null without trials). The text report always shows them.
  --max-trials-total N
                      Refuse (exit 2) a run of more than N trials in all: functions with a range × --trials
                      (default ${DEFAULT_MAX_TRIALS_TOTAL.toLocaleString("en-US")}).
${OVERRIDE_HELP}
  -h, --help          Show this help.

Exit codes: 0 all inputs valid, 1 some inputs invalid (the others are analysed), 2 bad command line or file.
`;

/** What --json prints: the exact shape, standard errors only when asked for. */
export function voiJson(result: VoiResult, standardErrors = false): unknown {
  return {
    trials: result.trials,
    seed: result.seed,
    functions: result.functions.map((f) => ({
      function: f.function,
      decision: f.decision,
      evpi: f.evpi,
      ...(standardErrors ? { evpiStandardError: f.evpiStandardError } : {}),
      inputs: f.inputs.map((i) => ({
        input: i.input,
        evppi: i.evppi,
        ...(standardErrors ? { evppiStandardError: i.evppiStandardError } : {}),
        decisionChangeProbability: i.decisionChangeProbability,
      })),
    })),
    errors: result.errors,
  };
}

/** Why only one strategy is left, in words (docs/model.md §5 gates). */
const ONLY_ALLOWED_REASON: Partial<Record<Strategy, string>> = {
  STAFF_AUG: "the process is not documented, so BPO and the bridge are out",
  BPO: "there is no spare management capacity, so staff augmentation and the bridge are out",
};

/** The one line of a function whose figures need no trials: nothing could change its decision. */
function unsimulatedLine(f: FunctionVoi, money: (x: number) => string): string {
  if (f.decision === "DOCUMENT_FIRST")
    return `${f.function}: document the process first. No strategy is allowed yet, so no information changes that.`;
  const label = STRATEGY_LABELS[f.decision];
  if (f.basis === "only-allowed")
    return `${f.function}: ${label} is the only strategy allowed (${ONLY_ALLOWED_REASON[f.decision] ?? "the gates leave no other"}); nothing is worth finding out before signing.`;
  return `${f.function}: ${label} is cheapest (NPV ${money(f.expectedNpv ?? 0)}). No input has a range, so there is nothing to find out; give min and max columns to the inputs you are unsure of.`;
}

/** One function's paragraph: the decision today, then what is worth finding out (or plainly that nothing is). */
function functionLines(f: FunctionVoi, currency: string): string[] {
  const money = (x: number) => formatMoney(x, currency);
  const plusMinus = (se: number | null) => (se === null ? "" : ` (± ${money(se)})`);
  if (f.basis !== "simulated") return [unsimulatedLine(f, money)];
  const npv = f.expectedNpv ?? 0;
  const lines = [
    `${f.function}: with today's information, ${STRATEGY_LABELS[f.decision as Strategy]} is cheapest on average (NPV ${money(npv)}).`,
  ];
  if (f.evpi === 0) {
    lines.push(
      `  Nothing is worth finding out before signing: it is the cheapest in every trial, whatever the ranges.`,
    );
    return lines;
  }
  if (f.evpi < NEGLIGIBLE_EVPI_SHARE * Math.abs(npv)) {
    lines.push(
      `  Nothing is worth finding out before signing: knowing every range would save ${money(f.evpi)} on average${plusMinus(f.evpiStandardError)}, below 0.1% of that NPV.`,
    );
    return lines;
  }
  lines.push(
    `  Worth finding out before signing: up to ${money(f.evpi)} on average${plusMinus(f.evpiStandardError)} if every range were known; one input at a time:`,
  );
  const table = alignedTable(
    tableColumns("Input | >Worth knowing | >± standard error | >Decision changes in"),
    f.inputs.map((i) => [
      i.label,
      money(i.evppi),
      i.evppiStandardError === null ? "" : money(i.evppiStandardError),
      `${formatPercentOneDecimal(i.decisionChangeProbability)} of trials`,
    ]),
  );
  for (const line of table) lines.push(`    ${line}`);
  return lines;
}

/** The report's lines (no line ends), cell text escaped. */
export function voiReport(result: VoiResult, source: string): string[] {
  const { currency, horizonMonths } = result.assumptions;
  const count = result.functions.length;
  const lines = [
    `${source}: value of information for ${count} function${count === 1 ? "" : "s"}, ${result.trials.toLocaleString("en-US")} trials each, seed ${result.seed}, horizon ${horizonMonths} months.`,
    "Amounts are what perfect knowledge before signing would save on average (NPV): an upper bound on what a pilot, an RFP round or a study is worth.",
  ];
  for (const f of result.functions) lines.push("", ...functionLines(f, currency));
  return lines.map(visible);
}

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandLine(args, VOI_OPTIONS, VOI_HELP, context);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const trials = integerOption("--trials", values.trials, DEFAULT_TRIALS, 1, MAX_TRIALS);
  const seed = integerOption("--seed", values.seed, DEFAULT_SEED, 0, MAX_SEED);
  const limit = values["max-trials-total"];
  const maxTotal = integerOption("--max-trials-total", limit, DEFAULT_MAX_TRIALS_TOTAL, 1, MAX_TRIALS_TOTAL_CEILING);
  const path = onlyFile("voi", positionals);
  const source = await readCommandInput(path, values, context);
  const correlations = await fileCorrelations(path, source.limits);
  // Before any trial runs: a large file must not keep a laptop busy for hours unasked.
  const total = simulatedTrials(parseModelInput(source.input).rows, trials);
  if (total > maxTotal)
    throw new UsageError(
      `the value of information needs up to ${total.toLocaleString("en-US")} trials (functions with ranges × --trials), above the limit of ${maxTotal.toLocaleString("en-US")}; use fewer --trials, or raise the limit with --max-trials-total ${total}.`,
    );
  const result = valueOfInformation(source.input, { trials, seed, correlations });
  const jsonValue = voiJson(result, values["standard-errors"]);
  return answer(result, source, context, { json: values.json, jsonValue, report: voiReport, done: "analysed" });
}

export const voiCommand: Command = {
  name: "voi",
  usage: "FILE [--trials N] [--seed S] [--json] [--standard-errors]",
  summary: "Value of information: which input is worth finding out before signing, and up to how much",
  help: VOI_HELP,
  run,
};
