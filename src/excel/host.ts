/**
 * The one door to Office.js. Every function in src/excel takes an optional `run` (default: the global
 * Excel.run) so tests, the benchmark and the playground can pass the stand-in's run instead.
 */

/**
 * Excel.run: a batch in a new request context, or a batch in the context of an earlier run (an event handler's
 * result.context, so the handler is removed where it was added).
 */
export interface ExcelRun {
  <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export const excelRun: ExcelRun = <T>(
  first: Excel.RequestContext | ((context: Excel.RequestContext) => Promise<T>),
  batch?: (context: Excel.RequestContext) => Promise<T>,
): Promise<T> =>
  typeof first === "function"
    ? Excel.run(first)
    : Excel.run(first, batch as (context: Excel.RequestContext) => Promise<T>);

/** A problem the user can act on; the task pane shows its message as it is. */
export class SourcingUserError extends Error {
  override readonly name = "SourcingUserError";
}

/** The Office.js error code of a failure (RichApi.Error carries `code`), or undefined. */
export function officeErrorCode(error: unknown): string | undefined {
  if (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof (error as { code: unknown }).code === "string"
  ) {
    return (error as { code: string }).code;
  }
  return undefined;
}
