/** `sourcing-model export IN OUT.xlsx [--max-horizon N] [--max-calc-rows N] [--in-place] [--horizon N] [--set KEY=VALUE …]` */
import {
  DEFAULT_MAX_CALC_ROWS,
  EXCEL_MAX_CALC_ROWS,
  ExportInputError,
  ExportLimitError,
  MAX_EXPORT_HORIZON,
  buildNativeExportWithPortfolio,
  streamXlsx,
} from "../export";
import { READ_LIMIT_HELP } from "./read-limits";
import { parseCommandLine, wholeNumberOption } from "./arguments";
import { EXIT, UsageError, printable, type CliContext, type Command } from "./context";
import { INPUT_OPTIONS } from "./overrides";
import { errorLocator, readCommandInput } from "./input-file";
import { refuseOverwritingInput, writeOutputFile } from "./output-file";

const grouped = (n: number): string => n.toLocaleString("en-US");

/** The options besides --help. */
const EXPORT_OPTIONS = {
  "max-horizon": { type: "string" },
  "max-calc-rows": { type: "string" },
  "in-place": { type: "boolean" },
  ...INPUT_OPTIONS,
} as const;

export const EXPORT_HELP = `Usage: sourcing-model export IN OUT.xlsx [--max-horizon N] [--max-calc-rows N] [--in-place]
                             [--horizon N] [--set KEY=VALUE ...]

Writes OUT.xlsx: the inputs of IN (.json, .csv or .xlsx, read as "sourcing-model evaluate" reads them) in the
add-in's tables, and every result (monthly schedule, totals, NPVs, break-even months, crossings,
recommendation and rationale) as ordinary Excel formulas. It needs no add-in: change an input in Excel,
Excel on the web or LibreOffice and everything recalculates. Send it to people without the add-in.

Rows with input errors are left out (and listed); an invalid assumption exports nothing.

Options
  --max-horizon N     Months per function on the calculation sheet (default: the horizon). Readers can set
                      any horizon up to N in the workbook; a longer one needs a new export. At most ${MAX_EXPORT_HORIZON}.
  --max-calc-rows N   Most rows the calculation sheet may have: functions x months of --max-horizon (default
                      ${grouped(DEFAULT_MAX_CALC_ROWS)}, about 45 formulas each; at most ${grouped(EXCEL_MAX_CALC_ROWS)}, Excel's last row).
                      A larger export is refused before any work. Raise it only for a machine and a
                      spreadsheet program that can take the file.
  --in-place          Allow OUT to be IN itself (replaced once the export is complete). Without it, an OUT
                      that is the input (also through ./, a link or another letter case) is refused.
  --horizon N, --set KEY=VALUE
                      As for evaluate: assumptions that override the file's before exporting.
${READ_LIMIT_HELP}
  -h, --help          Show this help.

Exit codes
  0  exported; every row and assumption was valid
  1  exported without the rows that have input errors, or nothing exported (an invalid assumption)
  2  bad command line, a file that cannot be read or written, OUT that is IN (without --in-place),
     or an export larger than --max-calc-rows
  3  internal error in sourcing-model (a bug: please report it)
`;

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandLine(args, EXPORT_OPTIONS, EXPORT_HELP, context);
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length !== 2)
    throw new UsageError(
      `export needs IN and OUT.xlsx; got ${positionals.length} argument${positionals.length === 1 ? "" : "s"}.`,
    );
  const [inPath, outPath] = positionals;
  if (!/\.xlsx$/i.test(outPath)) throw new UsageError(`OUT must be an .xlsx file; got "${outPath}".`);
  const maxHorizon =
    values["max-horizon"] === undefined
      ? undefined
      : wholeNumberOption("--max-horizon", values["max-horizon"], 1, MAX_EXPORT_HORIZON);
  const maxCalcRows =
    values["max-calc-rows"] === undefined
      ? DEFAULT_MAX_CALC_ROWS
      : wholeNumberOption(
          "--max-calc-rows",
          values["max-calc-rows"],
          1,
          EXCEL_MAX_CALC_ROWS,
          true,
          " (Excel's last row)",
        );
  refuseOverwritingInput("export", inPath, outPath, values["in-place"] === true);

  const source = await readCommandInput(inPath, values, context);
  const locate = errorLocator(source);

  let exported;
  try {
    exported = await buildNativeExportWithPortfolio(source.input, { maxHorizon, maxCalcRows });
  } catch (error) {
    if (error instanceof ExportInputError) {
      // A heading, then the located errors under it; with no errors to list, the message alone.
      const heading = error.errors.length > 0 ? `${error.message.split(":")[0]}:` : error.message;
      const lines = [
        `sourcing-model: nothing exported. ${heading}`,
        ...error.errors.map((e) => `  ${locate(e)}: ${e.message}`),
      ];
      context.stderr(`${printable(lines.join("\n"))}\n`);
      return EXIT.inputErrors;
    }
    if (error instanceof ExportLimitError) {
      throw new UsageError(
        `nothing exported: ${error.message} Export fewer functions or a shorter --max-horizon, or raise the limit with --max-calc-rows N (at most ${grouped(EXCEL_MAX_CALC_ROWS)}).`,
      );
    }
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }

  const { workbook } = exported;
  writeOutputFile(outPath, (write) => streamXlsx(workbook, write));
  const count = exported.result.results.length;
  context.stdout(
    `${printable(outPath)}: ${count} function${count === 1 ? "" : "s"} as native Excel formulas, horizon up to ${exported.maxHorizon} months.\n`,
  );
  if (exported.skipped.length > 0) {
    const lines = [
      `${exported.skipped.length} input error(s); those rows were left out of the export:`,
      ...exported.skipped.map((e) => `  ${locate(e)}: ${e.message}`),
    ];
    context.stderr(`${printable(lines.join("\n"))}\n`);
    return EXIT.inputErrors;
  }
  return EXIT.ok;
}

export const exportCommand: Command = {
  name: "export",
  usage: "IN OUT.xlsx [--max-horizon N] [--max-calc-rows N] [--in-place]",
  summary: "Write a workbook whose results are ordinary Excel formulas (works without the add-in)",
  help: EXPORT_HELP,
  run,
};
