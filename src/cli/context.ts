/** What a command writes to. The process's streams by default; tests may pass their own. */
export interface CliContext {
  stdout(text: string): void;
  stderr(text: string): void;
}

let watchingStdout = false;

export function processContext(): CliContext {
  if (!watchingStdout) {
    watchingStdout = true;
    // A reader that stops early (`| head`) closes the pipe: stop writing quietly rather than crash with a stack.
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") process.stderr.write(`sourcing-model: cannot write the output (${error.message}).\n`);
      process.exitCode = process.exitCode || (error.code === "EPIPE" ? 0 : 3);
    });
  }
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
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

/** A subcommand: `sourcing-model <name> …`. New ones (export, simulate, …) are added to the list in main.ts. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text of the command. */
  help: string;
  run(args: string[], context: CliContext): Promise<number>;
}

/** Control characters from cell text would reach the terminal: show them as "?" (text stays text). */
export const printable = (text: string): string => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "?");
