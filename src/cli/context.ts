import { oneLine } from "../io/errors";

/** What a command writes to. The process's streams by default; tests may pass their own. */
export interface CliContext {
  /** Writes to standard output; a promise means "wait before writing more" (the reader is behind). */
  stdout(text: string): void | Promise<void>;
  stderr(text: string): void;
}

let watchingStdout = false;
let stdoutClosed = false;

/** Thrown by a write after the reader went away (`| head`): the command stops, nothing more is computed for nobody. */
export class OutputClosedError extends Error {
  override readonly name = "OutputClosedError";
}

export function processContext(): CliContext {
  if (!watchingStdout) {
    watchingStdout = true;
    // A reader that stops early (`| head`) closes the pipe: stop writing quietly rather than crash with a stack.
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      stdoutClosed = true;
      if (error.code !== "EPIPE") process.stderr.write(`sourcing-model: cannot write the output (${error.message}).\n`);
      process.exitCode = process.exitCode || (error.code === "EPIPE" ? 0 : 3);
    });
  }
  return {
    stdout: (text) => {
      if (stdoutClosed) throw new OutputClosedError("the reader of the output has gone");
      return process.stdout.write(text) ? undefined : drained(process.stdout);
    },
    stderr: (text) => void process.stderr.write(text),
  };
}

/** Resolves when a stream has room again, or can take no more (closed pipe): output of any size, bounded memory. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed) return Promise.resolve(); // a closed pipe never drains: nothing to wait for
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done).off("error", done).off("close", done);
      resolve();
    };
    stream.on("drain", done).on("error", done).on("close", done);
  });
}

/** A mistake in the command line itself: exit code 2 and one line on stderr. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const EXIT = {
  ok: 0,
  /** Some row or assumption is invalid (the rest is modelled and reported). */
  inputErrors: 1,
  /** Bad command line, or a file that cannot be read at all. */
  usage: 2,
  /** A bug in sourcing-model itself. */
  internal: 3,
} as const;

/** A subcommand: `sourcing-model <name> …`. A new one is added to COMMANDS in main.ts, which lists it in the help. */
export interface Command {
  name: string;
  /** Its arguments and main options, after `sourcing-model <name>`, for the usage lines of the main help. */
  usage: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text of the command. */
  help: string;
  run(args: string[], context: CliContext): Promise<number>;
}

/** One piece of cell text for a terminal line: every unsafe character, newlines included, shown as \uXXXX. JSON keeps the real text. */
export const visible = oneLine;

/** Text of several lines for a terminal: unsafe characters shown as \uXXXX, the line breaks kept. */
export const printable = (text: string): string => text.split("\n").map(oneLine).join("\n");
