/**
 * What every command that models an input file shares: its FILE, --set/--horizon and the read limits, the
 * reader's notes, where an error is, and the end of the run (JSON, or the readable report and the problems).
 */
import { readInputFile } from "../io/read";
import type { ReadLimits } from "../io/limits";
import type { LoadedInput } from "../io/types";
import type { InputError, InputWarning, ModelInput } from "../model";
import { READ_LIMIT_HELP, readLimitsOf } from "./read-limits";
import { EXIT, UsageError, printable, visible, type CliContext } from "./context";
import { ChunkedOutput, printJson } from "./output";
import { applyOverrides, parseOverrides, type Override } from "./overrides";
import { fallbackLocation, problemReport } from "./report";

export const OVERRIDE_HELP = `  --horizon N         Horizon in months (same as --set horizonMonths=N).
  --set KEY=VALUE     Set an assumption, overriding the file's (see "sourcing-model help evaluate").
${READ_LIMIT_HELP}`;

/** The values of INPUT_OPTIONS (overrides.ts) as parseArgs gives them. */
export interface InputOptionValues {
  set?: string[];
  horizon?: string;
  "max-part-mb"?: string;
  "max-cells"?: string;
}

export interface CommandInput {
  loaded: LoadedInput;
  /** The file's input with the flags' assumptions applied. */
  input: ModelInput;
  overrides: Map<string, Override>;
  limits: ReadLimits;
}

/** The one FILE of a command that reads one; a usage error for none or several. */
export function onlyFile(command: string, positionals: readonly string[]): string {
  if (positionals.length === 0) throw new UsageError(`${command} needs a FILE (.json, .csv or .xlsx).`);
  if (positionals.length > 1)
    throw new UsageError(`${command} takes one FILE; got ${positionals.length}: ${positionals.join(" ")}.`);
  return positionals[0];
}

/**
 * Reads `path` within the limits the flags ask for and applies --set/--horizon; the reader's notes go to stderr,
 * printable (a note may quote a sheet name or a cell: control and bidi characters are shown escaped).
 */
export async function readCommandInput(
  path: string,
  values: InputOptionValues,
  context: CliContext,
): Promise<CommandInput> {
  const overrides = parseOverrides(values.set ?? [], values.horizon);
  const limits = readLimitsOf(values);
  const loaded = await readInputFile(path, limits);
  for (const note of loaded.notes) context.stderr(`note: ${printable(note)}\n`);
  return { loaded, input: applyOverrides(loaded.input, overrides), overrides, limits };
}

/** Where an error is, in words: the flag that set the assumption, else the file's cell, else the row and column. */
export function errorLocator(source: CommandInput): (error: InputError) => string {
  return (error) => {
    const override = error.row === null ? source.overrides.get(error.column) : undefined;
    return override ? override.flag : (source.loaded.locate(error) ?? fallbackLocation(error));
  };
}

interface Answer<R> {
  /** --json: the result as JSON on stdout, nothing else. */
  json: boolean | undefined;
  /** What --json prints, when it is not the result itself. */
  jsonValue?: unknown;
  /** The readable report's lines (no line ends), given the result and the file's name as shown. */
  report: (result: R, path: string) => Iterable<string>;
  /** What was done to the rows, for the error summary: "modelled" (evaluate) or "analysed". */
  done: "modelled" | "analysed";
}

/**
 * The end of every command that models its input: the result as JSON, or the readable report plus the input
 * problems on stderr; exit 1 when some input was invalid.
 */
export async function answer<R extends { errors: readonly InputError[]; warnings: readonly InputWarning[] }>(
  result: R,
  source: CommandInput,
  context: CliContext,
  how: Answer<R>,
): Promise<number> {
  if (how.json) await printJson(how.jsonValue ?? result, context);
  else {
    // Line by line, in chunks: a report of any length is never one string.
    const out = new ChunkedOutput(context);
    for (const line of how.report(result, visible(source.loaded.path))) await out.write(`${line}\n`);
    await out.end();
    const problems = problemReport(result, errorLocator(source), how.done);
    if (problems !== "") context.stderr(problems);
  }
  return result.errors.length > 0 ? EXIT.inputErrors : EXIT.ok;
}
