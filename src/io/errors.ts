/**
 * Problems with a whole input file (it is missing, unreadable, of an unknown kind or not shaped like an input).
 * Problems with single cells are not these: the model reports them per row and column.
 */
export type InputFileProblem = "not-found" | "unreadable" | "unsupported" | "malformed" | "too-large";

export class InputFileError extends Error {
  override readonly name = "InputFileError";

  constructor(
    readonly problem: InputFileProblem,
    readonly path: string,
    /** One sentence, without the path: the CLI prints `path: detail`. */
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** The message of anything thrown, for one-line reports. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
