/**
 * Problems with a whole input file (it is missing, unreadable, of an unknown kind, not shaped like an input, or
 * over a reader's limit: docs/limits.md).
 * Problems with single cells are not these: the model reports them per row and column.
 */
export type InputFileProblem = "not-found" | "unreadable" | "unsupported" | "malformed" | "too-large";

/**
 * Characters from file text that would act on a terminal instead of showing: C0 and C1 controls, and the
 * bidirectional controls (U+202E "right-to-left override" reorders the rest of the line), line and paragraph
 * separators, the byte-order mark.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const escaped = (char: string): string => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Every unsafe character, line breaks included, shown as \uXXXX: the text is one line on a terminal whatever a
 * file name, a cell or a parser's quote of the file holds (text from files is data). The CLI's `visible`.
 */
export const oneLine = (text: string): string => text.replace(UNSAFE, escaped);

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
