/** What simulate, sensitivity and goalseek share: the FILE argument, --set/--horizon, the notes, the error report. */
import { readInputFile } from "../io/read";
import { DEFAULT_READ_LIMITS, type ReadLimits } from "../io/limits";
import { READ_LIMIT_HELP } from "./read-limits";
import type { LoadedInput } from "../io/types";
import type { InputError, InputWarning, ModelInput } from "../model/types";
import { EXIT, UsageError, visible, type CliContext } from "./context";
import { ChunkedOutput, printJson } from "./output";
import { applyOverrides, parseOverrides, type Override } from "./overrides";
import { fallbackLocation, warningLine } from "./report";

export const OVERRIDE_HELP = `  --horizon N         Horizon in months (same as --set horizonMonths=N).
  --set KEY=VALUE     Set an assumption, overriding the file's (see "sourcing-model help evaluate").
${READ_LIMIT_HELP}`;

export interface AnalysisInput {
  loaded: LoadedInput;
  input: ModelInput;
  overrides: Map<string, Override>;
}

export async function loadAnalysisInput(command: string, positionals: string[], sets: string[] | undefined, horizon: string | undefined, context: CliContext, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<AnalysisInput> {
  if (positionals.length === 0) throw new UsageError(`${command} needs a FILE (.json, .csv or .xlsx).`);
  if (positionals.length > 1) throw new UsageError(`${command} takes one FILE; got ${positionals.length}: ${positionals.join(" ")}.`);
  const overrides = parseOverrides(sets ?? [], horizon);
  const loaded = await readInputFile(positionals[0], limits);
  for (const note of loaded.notes) context.stderr(`note: ${note}\n`);
  return { loaded, input: applyOverrides(loaded.input, overrides), overrides };
}

/** Errors and warnings on stderr, each error at its cell (or flag). */
export function reportProblems(errors: readonly InputError[], warnings: readonly InputWarning[], source: AnalysisInput, context: CliContext): void {
  const lines: string[] = [];
  const where = (error: InputError): string => {
    const override = error.row === null ? source.overrides.get(error.column) : undefined;
    return override ? override.flag : (source.loaded.locate(error) ?? fallbackLocation(error));
  };
  if (errors.length > 0) {
    const anyAssumption = errors.some((e) => e.row === null);
    lines.push(
      anyAssumption
        ? `${errors.length} error${errors.length === 1 ? "" : "s"}; an assumption is invalid, so no function was analysed:`
        : `${errors.length} error${errors.length === 1 ? "" : "s"}; the rows concerned were not analysed, the others were:`,
    );
    for (const error of errors) lines.push(`  ${visible(where(error))}: ${visible(error.message)}`);
  }
  for (const warning of warnings) lines.push(warningLine(warning, where));
  if (lines.length > 0) context.stderr(`${lines.join("\n")}\n`);
}

/**
 * The end of every analysis command: the result as JSON, or the readable report plus the input problems;
 * exit 1 when some input was invalid.
 */
export async function answer<R extends { errors: readonly InputError[]; warnings: readonly InputWarning[] }>(
  result: R,
  json: boolean | undefined,
  report: (result: R, path: string) => Iterable<string>,
  source: AnalysisInput,
  context: CliContext,
  jsonValue: unknown = result,
): Promise<number> {
  if (json) await printJson(jsonValue, context);
  else {
    // Line by line, in chunks: a report of any length is never one string.
    const out = new ChunkedOutput(context);
    for (const line of report(result, visible(source.loaded.path))) await out.write(`${line}\n`);
    await out.end();
    reportProblems(result.errors, result.warnings, source, context);
  }
  return result.errors.length > 0 ? EXIT.inputErrors : EXIT.ok;
}

/** A whole number option, or a usage error naming the option and the allowed range. */
export function integerOption(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}; got "${text}".`);
  }
  return value;
}
