/** `sourcing-model evaluate FILE [--json] [--horizon N] [--set KEY=VALUE …] [--scenario NAME …]` */
import { functionResultJson, prepareEvaluation, type FunctionResult } from "../model";
import { READ_LIMIT_HELP } from "./read-limits";
import { parseCommandLine } from "./arguments";
import { EXIT, type CliContext, type Command } from "./context";
import { INPUT_OPTIONS } from "./overrides";
import { answer, errorLocator, onlyFile, readCommandInput } from "./input-file";
import { problemReport, resultLines, resultReport } from "./report";
import { WrittenJson, printJson } from "./output";
import { SCENARIO_HELP, comparisonReport, scenarioComparison } from "./scenario";

export const EVALUATE_HELP = `Usage: sourcing-model evaluate FILE [--json] [--horizon N] [--set KEY=VALUE ...] [--scenario NAME ...]

Models every business function in FILE and recommends staff augmentation (STAFF_AUG), BPO, the bridge
(BRIDGE) or documenting the process first (DOCUMENT_FIRST).

FILE
  .json   {"assumptions": {KEY: VALUE, ...}, "functions": [{KEY: VALUE, ...}, ...]}
  .csv    the functions table: a header row, then one row per function (assumptions: use --set)
  .xlsx   functions from the Excel table SourcingFunctions (any sheet), else the sheet "Functions";
          assumptions from the table SourcingAssumptions, else the sheet "Assumptions" (key, value)
  Column headers and keys match the model's keys or labels, ignoring case, spaces, punctuation and
  text in parentheses ("SA hourly rate ($/h)" is saHourlyRate).

Options
  --json              Print the model's result as JSON on stdout (errors included), nothing else.
  --horizon N         Horizon in months (same as --set horizonMonths=N; wins over --set).
  --set KEY=VALUE     Set an assumption, overriding the file's. Repeatable; the last one for a key wins.
                      KEY is a key or label (e.g. discountRateAnnual, "Discount rate (annual)").
                      For a per-function field (e.g. saRampDays=5, bpoGovernanceShare=4%) it sets the
                      default for rows that leave that cell blank; rows that fill it keep their value.
                      VALUE is read as in a cell: 0.08, 8%, 1,250, yes/no. KEY= (empty) drops the file's
                      value so the model's default applies.
${SCENARIO_HELP}
${READ_LIMIT_HELP}
  -h, --help          Show this help.

Exit codes
  0  every row and assumption was valid
  1  some rows or assumptions are invalid: they are listed (on stderr, or in the JSON), the valid rows
     are still modelled (none when an assumption is invalid)
  2  bad command line, or a file that cannot be read (missing, unsupported, malformed, or over
     --max-part-mb or --max-cells)
  3  internal error in sourcing-model (a bug: please report it)
`;

/**
 * Each result as its §6 JSON, modelled and written one at a time: the monthly rows come straight from the typed
 * series (no row objects), the same text JSON.stringify writes.
 */
function* resultsJson(results: Iterable<FunctionResult>): Generator<WrittenJson> {
  for (const result of results) yield new WrittenJson((indent) => functionResultJson(result, { indent }));
}

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandLine(
    args,
    { json: { type: "boolean" }, ...INPUT_OPTIONS, scenario: { type: "string", multiple: true } },
    EVALUATE_HELP,
    context,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const source = await readCommandInput(onlyFile("evaluate", positionals), values, context);
  const { loaded } = source;
  if (values.scenario && values.scenario.length > 0) {
    const { comparison, tableErrors } = await scenarioComparison(
      loaded.path,
      source.input,
      values.scenario,
      source.limits,
    );
    for (const message of tableErrors) context.stderr(`warning: ${message}\n`);
    if (values.json) await printJson(comparison, context);
    else {
      await context.stdout(resultReport(comparison.base, loaded.path));
      await context.stdout(comparisonReport(comparison));
      context.stderr(problemReport(comparison.base, errorLocator(source), "modelled"));
    }
    const failed =
      comparison.base.errors.length > 0 ||
      comparison.scenarios.some((s) => s.result.errors.length > 0 || s.scenarioErrors.length > 0) ||
      tableErrors.length > 0;
    return failed ? EXIT.inputErrors : EXIT.ok;
  }
  // Rows are modelled as they are written (and again for each pass of the text report): output of any size.
  const run = prepareEvaluation(source.input);
  return answer(run, source, context, {
    json: values.json,
    jsonValue: {
      assumptions: run.assumptions,
      results: resultsJson(run.results()),
      errors: run.errors,
      warnings: run.warnings,
    },
    report: (result, path) => resultLines({ ...result, hasErrors: result.errors.length > 0 }, path),
    done: "modelled",
  });
}

export const evaluateCommand: Command = {
  name: "evaluate",
  usage: "FILE [--json] [--horizon N] [--set KEY=VALUE ...] [--scenario NAME ...]",
  summary: "Model every function in a .json, .csv or .xlsx file and recommend a strategy",
  help: EVALUATE_HELP,
  run,
};
