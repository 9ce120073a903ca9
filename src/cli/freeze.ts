/** `sourcing-model freeze IN.xlsx OUT.xlsx` */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { FreezeError, freezeWorkbook } from "../export";
import { InputFileError } from "../io/errors";
import { EXIT, UsageError, printable, type CliContext, type Command } from "./context";

export const FREEZE_HELP = `Usage: sourcing-model freeze IN.xlsx OUT.xlsx

Writes OUT.xlsx: a copy of IN.xlsx in which every formula that calls a SOURCING custom function is replaced
by the value Excel last saved for it, with a note on each changed sheet ("Values frozen on <date>").
Other formulas, formatting, tables and charts are kept. The copy shows the same figures to people without
the add-in, but they no longer recalculate; for a copy that does, use "sourcing-model export".

A SOURCING cell that was never calculated (saved without a value) becomes blank; the count is reported.

Exit codes
  0  written (also when there was nothing to freeze: OUT is then a plain copy)
  1  written, but some SOURCING cells had no saved value and are blank
  2  bad command line, or a file that cannot be read, is not an .xlsx workbook, or cannot be written
  3  internal error in sourcing-model (a bug: please report it)
`;

async function run(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { help: { type: "boolean", short: "h" } } });
  if (values.help) {
    context.stdout(FREEZE_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new UsageError(`freeze needs IN.xlsx and OUT.xlsx; got ${positionals.length} argument${positionals.length === 1 ? "" : "s"}.`);
  const [inPath, outPath] = positionals;
  if (!/\.xlsx$/i.test(inPath) || !/\.xlsx$/i.test(outPath)) throw new UsageError("freeze reads and writes .xlsx workbooks.");

  let bytes: Buffer;
  try {
    bytes = await readFile(inPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(code === "ENOENT" ? "not-found" : "unreadable", inPath, code === "ENOENT" ? "no such file." : `cannot be read (${code ?? String(error)}).`);
  }
  let frozen;
  try {
    frozen = freezeWorkbook(new Uint8Array(bytes));
  } catch (error) {
    if (error instanceof FreezeError) throw new InputFileError("malformed", inPath, error.message);
    throw error;
  }
  try {
    await writeFile(outPath, frozen.bytes);
  } catch (error) {
    throw new UsageError(`cannot write ${outPath} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  if (frozen.frozenCells === 0) {
    context.stdout(`${printable(outPath)}: ${printable(inPath)} has no SOURCING formulas; written unchanged.\n`);
    return EXIT.ok;
  }
  const lines = [`${printable(outPath)}: ${frozen.frozenCells} SOURCING formula cell(s) frozen to their values.`];
  for (const sheet of frozen.sheets) {
    lines.push(`  ${printable(sheet.name)}: ${sheet.frozen} cell(s)${sheet.noteCell ? `, note in ${sheet.noteCell}` : ", no free column for the note"}`);
  }
  context.stdout(`${lines.join("\n")}\n`);
  const blank = frozen.sheets.reduce((n, s) => n + s.withoutValue, 0);
  if (blank > 0) {
    context.stderr(`${blank} SOURCING cell(s) had no saved value (the workbook was saved without calculating) and are blank in the copy. Calculate and save it in Excel, then freeze again.\n`);
    return EXIT.inputErrors;
  }
  return EXIT.ok;
}

export const freezeCommand: Command = {
  name: "freeze",
  summary: "Copy an .xlsx with every SOURCING formula replaced by its saved value",
  help: FREEZE_HELP,
  run,
};
