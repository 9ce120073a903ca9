/** The SourcingCorrelations table in the workbook: reading it with cell-named errors, and adding it from the template. */
import { describe, expect, it } from "vitest";
import { addCorrelationsTable, CORRELATION_TEMPLATE_ROW } from "../../src/excel/correlations-template";
import { readWorkbookCorrelations } from "../../src/excel/read-correlations";
import { CORRELATIONS_TABLE, CORRELATION_HEADERS } from "../../src/layout/correlations-table";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { asRun, functionRows, workbookWith } from "./helpers";

describe("reading the SourcingCorrelations table", () => {
  it("gives the valid pairs and names each bad cell with what is allowed; the other rows apply", async () => {
    const model = new WorkbookModel(["Inputs"]);
    model.userInput("Inputs", "B3:D6", [
      ["Rank correlation", "Input", "Other input"],
      [0.6, "SA hourly rate", "BPO monthly fee per FTE"],
      [1.5, "BPO ramp (weeks)", "SA ramp (business days)"],
      ["-30%", "Headcount (FTE)", "SA hourly rate"],
    ]);
    model.userAddTable("Inputs", "B3:D6", CORRELATIONS_TABLE);
    const standin = createStandin(model);
    const read = await readWorkbookCorrelations(asRun(standin));
    expect(read.pairs).toEqual([{ row: 1, first: "saHourlyRate", second: "bpoMonthlyFeePerFte", correlation: 0.6 }]);
    expect(read.errors).toHaveLength(2);
    expect(read.errors[0]).toMatch(/^SourcingCorrelations Inputs!B5: .*-1 to 1/);
    expect(read.errors[1]).toMatch(
      /^SourcingCorrelations Inputs!C6: The first input must be one of the inputs that take a range/,
    );
    expect(standin.stats.syncCount).toBe(3); // look up, shape, values
    expect(await readWorkbookCorrelations(asRun(createStandin(new WorkbookModel(["Empty"]))))).toEqual({
      pairs: [],
      errors: [],
    });
  });
});

describe("Add a correlations table", () => {
  it("writes its header and one example row below the inputs, which the reader takes as a valid pair; never twice", async () => {
    const { run, model } = workbookWith(functionRows(2));
    const outcome = await addCorrelationsTable(run);
    expect(outcome.added).toBe(true);
    const table = model.table(CORRELATIONS_TABLE);
    expect(table?.sheet.name).toBe("Inputs");
    expect(table?.rect).toMatchObject({ rowCount: 2, columnCount: CORRELATION_HEADERS.length });
    expect(outcome.message).toMatch(
      /^Added a SourcingCorrelations table on the sheet "Inputs" at A\d+:C\d+, with one example row/,
    );
    const read = await readWorkbookCorrelations(run);
    expect(read.errors).toEqual([]);
    expect(read.pairs).toEqual([
      { row: 1, first: "saHourlyRate", second: "bpoMonthlyFeePerFte", correlation: CORRELATION_TEMPLATE_ROW[2] },
    ]);
    const again = await addCorrelationsTable(run);
    expect(again.added).toBe(false);
    expect(again.message).toMatch(/already has a SourcingCorrelations table \(on the sheet "Inputs"\)/);
  });
});
