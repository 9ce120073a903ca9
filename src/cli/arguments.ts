/** A command's arguments, parsed by the same rules for every command: strict options, positionals, -h/--help. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError, type CliContext } from "./context";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

type CommandLineConfig<O extends OptionsConfig> = {
  args: string[];
  options: O & typeof HELP_OPTION;
  allowPositionals: true;
  strict: true;
};
type ParsedCommandLine<O extends OptionsConfig> = ReturnType<typeof parseArgs<CommandLineConfig<O>>>;

/**
 * The options and positionals of `args`; an unknown option or a missing value throws parseArgs' error (a usage
 * error for main). Null once -h/--help has written the command's help: the command then ends with exit 0.
 */
export function parseCommandLine<const O extends OptionsConfig>(
  args: string[],
  options: O,
  help: string,
  context: CliContext,
): ParsedCommandLine<O> | null {
  const parsed = parseArgs<CommandLineConfig<O>>({
    args,
    options: { ...options, ...HELP_OPTION },
    allowPositionals: true,
    strict: true,
  });
  const { help: helpAsked }: { help?: boolean } = parsed.values;
  if (helpAsked) {
    context.stdout(help);
    return null;
  }
  return parsed;
}

/**
 * The whole number an option gives, from min to max, or a usage error naming the option and the range (with
 * `rangeNote` after it). With `groupedDigits`, 1,000 and 1_000 read as 1000.
 */
export function wholeNumberOption(
  flag: string,
  text: string,
  min: number,
  max: number,
  groupedDigits = false,
  rangeNote = "",
): number {
  const digits = groupedDigits ? text.trim().replace(/[,_]/g, "") : text.trim();
  const value = Number(digits);
  if (digits === "" || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}${rangeNote}; got "${text}".`,
    );
  }
  return value;
}

/** An optional whole number option: `fallback` when it is not given. */
export const integerOption = (
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number => (text === undefined ? fallback : wholeNumberOption(flag, text, min, max));
