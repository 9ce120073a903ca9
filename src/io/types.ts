import type { ModelInput } from "../model/types";

export type InputFormat = "json" | "csv" | "xlsx";

/** Where the model put an error: 1-based data row (null for an assumption) and canonical column key. */
export interface ErrorLocation {
  row: number | null;
  column: string;
}

/** A file turned into the model's input, with what a host needs to point the user back into the file. */
export interface LoadedInput {
  path: string;
  format: InputFormat;
  input: ModelInput;
  /** Things the reader noticed that the user should know (not errors: the model reports those). */
  notes: string[];
  /** Where in the file an error's cell is, e.g. `'Sourcing Inputs'!C5` or `row 3 (line 4), column "Headcount"`. */
  locate(error: ErrorLocation): string | undefined;
}
