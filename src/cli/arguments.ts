/** A command's arguments, parsed by the same rules for every command: strict options, positionals, -h/--help. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CliContext } from "./context";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

type CommandLineConfig<O extends OptionsConfig> = { args: string[]; options: O & typeof HELP_OPTION; allowPositionals: true; strict: true };
type ParsedCommandLine<O extends OptionsConfig> = ReturnType<typeof parseArgs<CommandLineConfig<O>>>;

/**
 * The options and positionals of `args`; an unknown option or a missing value throws parseArgs' error (a usage
 * error for main). Null once -h/--help has written the command's help: the command then ends with exit 0.
 */
export function parseCommandLine<const O extends OptionsConfig>(args: string[], options: O, help: string, context: CliContext): ParsedCommandLine<O> | null {
  const parsed = parseArgs<CommandLineConfig<O>>({ args, options: { ...options, ...HELP_OPTION }, allowPositionals: true, strict: true });
  const { help: helpAsked }: { help?: boolean } = parsed.values;
  if (helpAsked) {
    context.stdout(help);
    return null;
  }
  return parsed;
}
