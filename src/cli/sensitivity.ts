/** `sourcing-model sensitivity FILE [--json]`: the tornado, one input moved at a time. */
import { formatMoney, formatMonth, prepareSensitivity, type SensitivityRun } from "../model";
import { alignedTable, tableColumns } from "./report";
import { EXIT, visible, type CliContext, type Command } from "./context";
import { OVERRIDE_HELP, answer, onlyFile, readCommandInput } from "./input-file";
import { INPUT_OPTIONS } from "./overrides";
import { parseCommandLine } from "./arguments";

export const SENSITIVITY_HELP = `Usage: sourcing-model sensitivity FILE [--json] [--horizon N] [--set KEY=VALUE ...]

Tornado sensitivity: what drives the answer? Each numeric input of a function (and the manager cost, hours
per month, business days per month and discount rate) is moved alone to its low and its high value: the
<key>Min / <key>Max range where the file gives one, else -20% / +20%, kept within the input's valid range.
For each, the saving (NPV of staff augmentation - NPV of BPO) and the break-even month at low and at high.
Sorted by the swing in saving, |saving(high) - saving(low)|, largest first; ties by the swing in break-even
month (no break-even counts as the month after the horizon).

Options
  --json              Print the result as JSON on stdout, nothing else.
${OVERRIDE_HELP}
  -h, --help          Show this help.

Exit codes: 0 all inputs valid, 1 some inputs invalid (the others are analysed), 2 bad command line or file.
`;

const number = (x: number): string => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6))));

/**
 * The report's lines (no line ends), cell text escaped. Each function's tornado is a table of its own, so the
 * functions are read one at a time (computed as they are read, never all kept).
 */
export function* sensitivityReport(result: SensitivityRun, source: string): Generator<string> {
  const { currency, horizonMonths } = result.assumptions;
  const money = (x: number) => formatMoney(x, currency);
  yield visible(
    `${source}: tornado of ${result.count} function${result.count === 1 ? "" : "s"} over ${horizonMonths} months (unranged inputs moved ±${Math.round(result.swingShare * 100)}%).`,
  );
  for (const r of result.results()) {
    yield "";
    yield visible(
      `${r.function}: saving ${money(r.saving)} (NPV staff augmentation - NPV BPO), break-even month ${formatMonth(r.breakEvenMonth)}`,
    );
    const table = alignedTable(
      tableColumns("Input | >Low | >High | >Saving at low | >Saving at high | >Swing | >Break-even low/high"),
      r.bars.map((b) => [
        `${b.label}${b.basis === "range" ? " (range)" : ""}`,
        number(b.low),
        number(b.high),
        money(b.savingLow),
        money(b.savingHigh),
        money(b.savingSwing),
        `${formatMonth(b.breakEvenLow)} / ${formatMonth(b.breakEvenHigh)}`,
      ]),
    );
    for (const line of table) yield `  ${line}`;
  }
}

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandLine(args, { json: { type: "boolean" }, ...INPUT_OPTIONS }, SENSITIVITY_HELP, context);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  const source = await readCommandInput(onlyFile("sensitivity", positionals), values, context);
  // Each function's tornado is computed as it is written (JSON or text): any number of functions, bounded memory.
  const run = prepareSensitivity(source.input);
  const jsonValue = {
    swingShare: run.swingShare,
    assumptions: run.assumptions,
    results: run.results(),
    errors: run.errors,
    warnings: run.warnings,
  };
  return answer(run, source, context, { json: values.json, jsonValue, report: sensitivityReport, done: "analysed" });
}

export const sensitivityCommand: Command = {
  name: "sensitivity",
  usage: "FILE [--json]",
  summary: "Tornado: each input moved to its low and high value, sorted by the swing in saving",
  help: SENSITIVITY_HELP,
  run,
};
