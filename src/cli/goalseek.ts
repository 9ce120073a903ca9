/** `sourcing-model goalseek FILE --month M [--json]`: the fee and the rate that make BPO pay back by month M. */
import { formatMonth, goalSeek, type GoalSeekAnswer, type GoalSeekResult } from "../model";
import { appendTable, tableColumns } from "./report";
import { EXIT, UsageError, visible, type CliContext, type Command } from "./context";
import { OVERRIDE_HELP, answer, onlyFile, readCommandInput } from "./input-file";
import { INPUT_OPTIONS } from "./overrides";
import { parseCommandLine } from "./arguments";

export const GOALSEEK_HELP = `Usage: sourcing-model goalseek FILE --month M [--json] [--horizon N] [--set KEY=VALUE ...]

Goal seek, solved exactly (costs are linear in each of these inputs): for every function,
  - the HIGHEST BPO monthly fee per FTE at which BPO pays back (sustained break-even) by month M, and
  - the LOWEST SA hourly rate at which BPO pays back by month M.
Status: exact (at that value the break-even is month M), earlier (no value lands exactly on M: at the
value BPO already breaks even earlier, and beyond it later than M), always (every value of 0 or more pays
back by M), never (no value of 0 or more does).

Options
  --month M           The break-even month wanted, 1 to the horizon (required).
  --json              Print the result as JSON on stdout, nothing else.
${OVERRIDE_HELP}
  -h, --help          Show this help.

Exit codes: 0 all inputs valid, 1 some inputs invalid (the others are solved), 2 bad command line or file.
`;

/** An amount of the answer's input: the hourly rate in cents, the monthly fee in whole units. */
const amount = (target: GoalSeekAnswer["target"], value: number, currency: string): string =>
  `${currency} ${target === "saHourlyRate" ? value.toFixed(2) : Math.round(value).toLocaleString("en-US")}`;

/** The report's lines (no line ends), cell text escaped: a list, never one string, whatever the number of functions. */
export function goalSeekReport(result: GoalSeekResult, source: string): string[] {
  const { currency } = result.assumptions;
  const lines = [`${source}: what makes BPO pay back by month ${result.month}?`, ""];
  const rows = result.results.flatMap((r) =>
    [r.fee, r.rate].map((a, i) => [
      i === 0 ? r.function : "",
      a.target === "bpoMonthlyFeePerFte" ? "BPO fee per FTE-month (highest)" : "SA hourly rate (lowest)",
      amount(a.target, a.current, currency),
      formatMonth(a.currentBreakEvenMonth),
      a.value === null ? "-" : amount(a.target, a.value, currency),
      formatMonth(a.breakEvenAtValue),
      a.status,
    ]),
  );
  appendTable(
    lines,
    tableColumns("Function | Solve for | >Today | >Break-even today | >Answer | >Break-even at answer | Status"),
    rows,
  );
  lines.push("");
  for (const r of result.results) lines.push(`  ${r.function}: ${r.fee.message} ${r.rate.message}`);
  return lines.map(visible);
}

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandLine(
    args,
    { month: { type: "string" }, json: { type: "boolean" }, ...INPUT_OPTIONS },
    GOALSEEK_HELP,
    context,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (values.month === undefined)
    throw new UsageError("goalseek needs --month M, the break-even month wanted (e.g. --month 6).");
  const month = Number(values.month.trim());
  if (values.month.trim() === "" || !Number.isInteger(month) || month < 1)
    throw new UsageError(`--month must be a whole number of at least 1; got "${values.month}".`);
  const source = await readCommandInput(onlyFile("goalseek", positionals), values, context);
  let result: GoalSeekResult;
  try {
    result = goalSeek(source.input, month);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`--month: ${error.message}`);
    throw error;
  }
  return answer(result, source, context, { json: values.json, report: goalSeekReport, done: "analysed" });
}

export const goalseekCommand: Command = {
  name: "goalseek",
  usage: "FILE --month M [--json]",
  summary: "The BPO fee and SA rate at which BPO pays back by a given month (exact)",
  help: GOALSEEK_HELP,
  run,
};
