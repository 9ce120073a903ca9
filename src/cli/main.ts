/**
 * The `sourcing-model` command line: a small dispatcher over subcommands. bin/sourcing-model.js calls main()
 * and exits with the code it returns. Nothing here computes costs: commands call the model.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputFileError, messageOf } from "../io/errors";
import { EXIT, OutputClosedError, UsageError, processContext, visible, type CliContext, type Command } from "./context";
import { evaluateCommand } from "./evaluate";
import { exportCommand } from "./export";
import { freezeCommand } from "./freeze";
import { goalseekCommand } from "./goalseek";
import { portfolioCommand } from "./portfolio";
import { sensitivityCommand } from "./sensitivity";
import { simulateCommand } from "./simulate";
import { voiCommand } from "./voi";

const PROGRAM = "sourcing-model";

/** Subcommands, in the order help lists them. */
export const COMMANDS: readonly Command[] = [
  evaluateCommand,
  simulateCommand,
  voiCommand,
  sensitivityCommand,
  goalseekCommand,
  portfolioCommand,
  exportCommand,
  freezeCommand,
];

export function version(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as {
      version?: unknown;
    };
    return typeof manifest.version === "string" ? manifest.version : "unknown";
  } catch {
    return "unknown";
  }
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  return `${PROGRAM}: compare staff augmentation, BPO and a bridge, function by function, month by month.

Usage
${COMMANDS.map((c) => `  ${PROGRAM} ${c.name} ${c.usage}`).join("\n")}
  ${PROGRAM} help [COMMAND]
  ${PROGRAM} --help | --version

Commands
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}
  ${"help".padEnd(width)}  Show this help, or a command's help

Run "${PROGRAM} help evaluate" for the file formats, options and exit codes
(0 all valid, 1 some inputs invalid, 2 bad command line or unreadable file, 3 internal error).
`;
}

const findCommand = (name: string): Command | undefined => COMMANDS.find((c) => c.name === name);

function unknownCommand(name: string): UsageError {
  const looksLikeFile = /\.(json|csv|xlsx|xlsm)$/i.test(name);
  return new UsageError(
    looksLikeFile
      ? `"${name}" is not a command; did you mean "${PROGRAM} evaluate ${name}"?`
      : `unknown command "${name}". Commands: ${[...COMMANDS.map((c) => c.name), "help"].join(", ")}.`,
  );
}

async function dispatch(argv: readonly string[], context: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`a command is needed, e.g. "${PROGRAM} evaluate FILE".`);
  if (first === "--help" || first === "-h") {
    context.stdout(mainHelp());
    return EXIT.ok;
  }
  if (first === "--version" || first === "-v") {
    context.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  if (first === "help") {
    if (rest.length === 0) {
      context.stdout(mainHelp());
      return EXIT.ok;
    }
    const command = findCommand(rest[0]);
    if (!command) throw unknownCommand(rest[0]);
    context.stdout(command.help);
    return EXIT.ok;
  }
  if (first.startsWith("-"))
    throw new UsageError(`unknown option "${first}"; a command comes first, e.g. "${PROGRAM} evaluate FILE".`);
  const command = findCommand(first);
  if (!command) throw unknownCommand(first);
  return command.run(rest, context);
}

/** node:util parseArgs reports unknown options and missing values as errors with an ERR_PARSE_ARGS_* code. */
function isParseArgsError(error: unknown): error is Error {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

/** One sentence from a usage error; node's parseArgs messages are long and unpunctuated. */
function usageMessage(error: Error): string {
  if (error instanceof UsageError) return error.message;
  const code = (error as Error & { code?: unknown }).code;
  const option = /'([^']+)'/.exec(error.message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option "${option}".`;
  const sentence = error.message.replace(/\s*\n\s*/g, " ").trim();
  return /[.?!]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * Runs the command line and returns the exit code. Never throws: bad input ends as one line on stderr
 * (exit 2); anything unexpected is a bug, reported in one line (exit 3; SOURCING_MODEL_DEBUG=1 adds the stack).
 */
export async function main(argv: string[], context: CliContext = processContext()): Promise<number> {
  try {
    return await dispatch(argv, context);
  } catch (error) {
    // The reader stopped early (`| head`): not a failure of this command.
    if (error instanceof OutputClosedError) return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
    if (error instanceof UsageError || isParseArgsError(error)) {
      const command = argv[0] && findCommand(argv[0]) ? ` ${argv[0]}` : "";
      context.stderr(`${PROGRAM}: ${visible(usageMessage(error))} Run "${PROGRAM}${command} --help" for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof InputFileError) {
      context.stderr(`${PROGRAM}: ${visible(error.message)}\n`);
      return EXIT.usage;
    }
    context.stderr(
      `${PROGRAM}: internal error: ${visible(messageOf(error))}. This is a bug in ${PROGRAM}; please report it with the command you ran.\n`,
    );
    if (process.env.SOURCING_MODEL_DEBUG && error instanceof Error && error.stack) context.stderr(`${error.stack}\n`);
    return EXIT.internal;
  }
}
