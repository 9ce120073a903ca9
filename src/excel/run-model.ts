/** Run model: read the inputs, evaluate the model, write the outputs. The task pane's one call. */
import { evaluate, type ModelResult } from "../model";
import { type ExcelRun, excelRun } from "./host";
import { type LocatedError, locateErrors } from "./locate";
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

async function modelAndWrite(inputs: WorkbookInputs, run: ExcelRun): Promise<RunOutcome> {
  if (!inputs.functions) return { kind: "no-functions", message: inputs.notFoundReason ?? NO_FUNCTIONS_TABLE };
  const result = evaluate(inputs.input);
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
