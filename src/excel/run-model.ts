/** Run model: read the inputs, evaluate the model, write the outputs. The task pane's one call. */
import { evaluate } from "../model/evaluate";
import type { ModelResult } from "../model/types";
import { type ExcelRun, excelRun } from "./host";
import { type LocatedError, locateErrors } from "./locate";
import { NO_FUNCTIONS_TABLE, type WorkbookInputs, readInputs } from "./read";
import { type WriteSummary, writeOutputs } from "./write";

export type RunOutcome =
  | { kind: "no-functions"; message: string }
  | { kind: "done"; inputs: WorkbookInputs; result: ModelResult; errors: LocatedError[]; warnings: string[]; written: WriteSummary };

export async function runModel(run: ExcelRun = excelRun): Promise<RunOutcome> {
  const inputs = await readInputs(run);
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
    const [located] = locateErrors([{ row: warning.row, column: warning.column, value: null, message: warning.message }], inputs.functions, inputs.assumptions);
    return located.address ? `${located.address}: ${warning.message}` : warning.message;
  });
}
