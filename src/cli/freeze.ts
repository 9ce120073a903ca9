/** `sourcing-model freeze IN.xlsx OUT.xlsx [--in-place] [--max-part-mb N]` */
import { readFile, stat } from "node:fs/promises";
import { DEFAULT_FREEZE_PART_BYTES, FreezeError, FreezePartTooLargeError, freezeWorkbook } from "../export";
import { InputFileError } from "../io/errors";
import { MB } from "../io/limits";
import { parseCommandLine, wholeNumberOption } from "./arguments";
import { EXIT, UsageError, printable, type CliContext, type Command } from "./context";
import { refuseOverwritingInput, writeOutputFile } from "./output-file";

/** Largest --max-part-mb: a worksheet is parsed as one string, and V8's strings end at 2^29 − 24 characters. */
const MAX_PART_MB = 500;

export const FREEZE_HELP = `Usage: sourcing-model freeze IN.xlsx OUT.xlsx [--in-place] [--max-part-mb N]

Writes OUT.xlsx: a copy of IN.xlsx in which every formula that calls a SOURCING custom function is replaced
by the value Excel last saved for it, with a note on each changed sheet ("Values frozen on <date>").
Other formulas, formatting, tables and charts are kept. The copy shows the same figures to people without
the add-in, but they no longer recalculate; for a copy that does, use "sourcing-model export".

A SOURCING cell that was never calculated (saved without a value) becomes blank; the count is reported.
Only calls of SOURCING functions count: text in quotes and sheet names that contain "SOURCING." do not.

Options
  --in-place          Allow OUT to be IN itself (replaced once the copy is complete). Without it, an OUT
                      that is the input (also through ./, a link or another letter case) is refused.
  --max-part-mb N     Largest size, in MB, a part of the workbook may unpack to (default ${DEFAULT_FREEZE_PART_BYTES / MB};
                      all parts together: four times that). A larger workbook is refused before it is unpacked.
  -h, --help          Show this help.

Exit codes
  0  written (also when there was nothing to freeze: OUT is then a plain copy)
  1  written, but some SOURCING cells had no saved value and are blank
  2  bad command line, or a file that cannot be read, is not an .xlsx workbook, is larger than
     --max-part-mb allows, or cannot be written; OUT that is IN (without --in-place)
  3  internal error in sourcing-model (a bug: please report it)
`;

async function run(args: string[], context: CliContext): Promise<number> {
  const parsed = parseCommandLine(
    args,
    { "in-place": { type: "boolean" }, "max-part-mb": { type: "string" } },
    FREEZE_HELP,
    context,
  );
  if (!parsed) return EXIT.ok;
  const { values, positionals } = parsed;
  if (positionals.length !== 2)
    throw new UsageError(
      `freeze needs IN.xlsx and OUT.xlsx; got ${positionals.length} argument${positionals.length === 1 ? "" : "s"}.`,
    );
  const [inPath, outPath] = positionals;
  if (!/\.xlsx$/i.test(inPath) || !/\.xlsx$/i.test(outPath))
    throw new UsageError("freeze reads and writes .xlsx workbooks.");
  const maxPartBytes =
    values["max-part-mb"] === undefined
      ? DEFAULT_FREEZE_PART_BYTES
      : wholeNumberOption("--max-part-mb", values["max-part-mb"], 1, MAX_PART_MB) * MB;
  refuseOverwritingInput("freeze", inPath, outPath, values["in-place"] === true);
  const raise = (neededBytes: number) =>
    `if the workbook is genuine, raise the limit with --max-part-mb ${Math.min(MAX_PART_MB, Math.ceil((neededBytes * 1.25) / MB))}.`;

  let bytes: Buffer;
  try {
    const size = (await stat(inPath)).size;
    // Compressed parts are never larger than unpacked ones (beyond a few bytes): a file past the total is refused unread.
    if (size > 4 * maxPartBytes)
      throw new InputFileError(
        "too-large",
        inPath,
        `the file is ${Math.ceil(size / MB)} MB, more than the ${(4 * maxPartBytes) / MB} MB a workbook's parts may unpack to together; ${raise(size / 4)}`,
      );
    bytes = await readFile(inPath);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(
      code === "ENOENT" ? "not-found" : "unreadable",
      inPath,
      code === "ENOENT" ? "no such file." : `cannot be read (${code ?? String(error)}).`,
    );
  }
  let frozen;
  try {
    frozen = freezeWorkbook(new Uint8Array(bytes), { maxPartBytes });
  } catch (error) {
    if (error instanceof FreezePartTooLargeError)
      throw new InputFileError("too-large", inPath, `${error.message} Nothing was written; ${raise(error.bytes)}`);
    if (error instanceof FreezeError) throw new InputFileError("malformed", inPath, error.message);
    throw error;
  }
  writeOutputFile(outPath, (write) => write(frozen.bytes));
  if (frozen.frozenCells === 0) {
    context.stdout(`${printable(outPath)}: ${printable(inPath)} has no SOURCING formulas; written unchanged.\n`);
    return EXIT.ok;
  }
  const lines = [`${printable(outPath)}: ${frozen.frozenCells} SOURCING formula cell(s) frozen to their values.`];
  for (const sheet of frozen.sheets) {
    lines.push(
      `  ${printable(sheet.name)}: ${sheet.frozen} cell(s)${sheet.noteCell ? `, note in ${sheet.noteCell}` : ", no free column for the note"}`,
    );
  }
  context.stdout(`${lines.join("\n")}\n`);
  const blank = frozen.sheets.reduce((n, s) => n + s.withoutValue, 0);
  if (blank > 0) {
    context.stderr(
      `${blank} SOURCING cell(s) had no saved value (the workbook was saved without calculating) and are blank in the copy. Calculate and save it in Excel, then freeze again.\n`,
    );
    return EXIT.inputErrors;
  }
  return EXIT.ok;
}

export const freezeCommand: Command = {
  name: "freeze",
  usage: "IN.xlsx OUT.xlsx [--in-place] [--max-part-mb N]",
  summary: "Copy an .xlsx with every SOURCING formula replaced by its saved value",
  help: FREEZE_HELP,
  run,
};
