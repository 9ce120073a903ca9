/**
 * Problems with a whole input file (it is missing, unreadable, of an unknown kind, not shaped like an input, or
 * over a reader's limit: docs/limits.md).
 * Problems with single cells are not these: the model reports them per row and column.
 */
export type InputFileProblem = "not-found" | "unreadable" | "unsupported" | "malformed" | "too-large";

/**
 * Control, line-breaking and bidirectional characters shown as \u escapes: the message is one line on a terminal
 * whatever a file name or a parser's quote of the file holds (text from files is data).
 */
export const oneLine = (text: string): string =>
  text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

export class InputFileError extends Error {
  override readonly name = "InputFileError";
  readonly path: string;
  /** One sentence, without the path: the CLI prints `path: detail`. */
  readonly detail: string;

  constructor(
    readonly problem: InputFileProblem,
    path: string,
    detail: string,
  ) {
    super(`${oneLine(path)}: ${oneLine(detail)}`);
    this.path = path;
    this.detail = oneLine(detail);
  }
}

/** The message of anything thrown, for one-line reports. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
