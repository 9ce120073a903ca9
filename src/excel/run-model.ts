/** Run model: read the inputs, evaluate the model, write the outputs. The task pane's one call. */
import { RESULTS_SHEET } from "../layout/workbook";
import { evaluateParsed, parseModelInput, type ModelResult, type ParsedInput } from "../model";
import { type ExcelRun, excelRun, officeErrorCode } from "./host";
import { type LocatedError, locateErrors, rememberColumns } from "./locate";
import { NO_FUNCTIONS_TABLE, type WorkbookInputs, readInputs } from "./read";
import { type WriteSummary, writeOutputs } from "./write";

export type RunOutcome =
  | { kind: "no-functions"; message: string }
  | {
      kind: "done";
      inputs: WorkbookInputs;
      result: ModelResult;
      errors: LocatedError[];
      warnings: string[];
      written: WriteSummary;
    };

export async function runModel(run: ExcelRun = excelRun): Promise<RunOutcome> {
  return modelAndWrite(await readInputs(run), run);
}

/**
 * What a run depends on: the inputs and where they sit (an error mark goes to the cell). Equal keys mean an
 * equal run; Live mode skips the write then, so the add-in's own marks cannot make it loop.
 */
export function inputsKey(inputs: WorkbookInputs): string {
  return JSON.stringify([inputs.input, inputs.functions?.address ?? null, inputs.assumptions?.address ?? null]);
}

/** Runs the model unless the inputs are those of `previousKey` (then `outcome` is null and nothing is written). */
export async function runModelIfChanged(
  previousKey: string | undefined,
  run: ExcelRun = excelRun,
): Promise<{ key: string; outcome: RunOutcome | null }> {
  const inputs = await readInputs(run);
  const key = inputsKey(inputs);
  if (key === previousKey) return { key, outcome: null };
  return { key, outcome: await modelAndWrite(inputs, run) };
}

/** What the Results sheet says, in its first cell, while its results are out of date. The next run replaces the sheet. */
export const STALE_RESULTS_NOTE = "Inputs changed since this run — select Run model to update.";
const STALE_NOTE_FONT = "#8A3707";
const STALE_NOTE_FILL = "#FFF4CE";

/**
 * Live off: reads the inputs and, when they differ from those of the last run (`previousKey`), writes
 * STALE_RESULTS_NOTE on the Results sheet in one sync. Nothing is written when they are equal, so the change
 * events of the add-in's own error marks cannot mark the results stale, and the note lands on the add-in's own
 * sheet, which no change handler watches, so it cannot trigger itself.
 */
export async function markResultsIfInputsChanged(
  previousKey: string,
  run: ExcelRun = excelRun,
): Promise<{ key: string; changed: boolean }> {
  const key = inputsKey(await readInputs(run));
  if (key === previousKey) return { key, changed: false };
  try {
    await run(async (context) => {
      const note = context.workbook.worksheets.getItem(RESULTS_SHEET).getRange("A1");
      note.numberFormat = [["@"]];
      note.values = [[STALE_RESULTS_NOTE]];
      note.format.font.bold = true;
      note.format.font.italic = false;
      note.format.font.color = STALE_NOTE_FONT;
      note.format.fill.color = STALE_NOTE_FILL;
      await context.sync();
    });
  } catch (error) {
    // The user deleted the Results sheet: no old results are left to mark; the pane still says so.
    if (officeErrorCode(error) !== "ItemNotFound") throw error;
  }
  return { key, changed: true };
}

/**
 * The last run's parse: a Live-mode run after a single-cell edit validates only the edited row, and takes every
 * unchanged row's outcome from here (parseModelInput's `previous`; the result is that of a parse from scratch).
 */
let lastParse: ParsedInput | undefined;

async function modelAndWrite(inputs: WorkbookInputs, run: ExcelRun): Promise<RunOutcome> {
  if (!inputs.functions) return { kind: "no-functions", message: inputs.notFoundReason ?? NO_FUNCTIONS_TABLE };
  const parsed = parseModelInput(inputs.input, { previous: lastParse, remember: true });
  lastParse = parsed;
  // The write and the pane put errors on their cells with the parse's header mapping, not a second one.
  rememberColumns(inputs.functions.headers, parsed.columns);
  const result = evaluateParsed(parsed);
  const written = await writeOutputs(result, inputs, run);
  return {
    kind: "done",
    inputs,
    result,
    errors: locateErrors(result.errors, inputs.functions, inputs.assumptions),
    warnings: locateWarnings(result, inputs),
    written,
  };
}

/** Warnings as the pane shows them: one on a cell (e.g. a simulation range) starts with its address. */
function locateWarnings(result: ModelResult, inputs: WorkbookInputs): string[] {
  return result.warnings.map((warning) => {
    if (warning.row === undefined) return warning.message;
    const [located] = locateErrors(
      [{ row: warning.row, column: warning.column, value: null, message: warning.message }],
      inputs.functions,
      inputs.assumptions,
    );
    return located.address ? `${located.address}: ${warning.message}` : warning.message;
  });
}
