/**
 * =SOURCING.PORTFOLIO in HyperFormula (the playground's engine): the first calculation spills "Optimising…", the
 * plan follows at the calculation after the solve ends, and it is the model's plan.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { beforeAll, describe, expect, it } from "vitest";
import { RECOMMENDATION_LABELS, optimisePortfolio, parseModelInput, type CellValue } from "../../src/model";
import {
  ASSUMPTION_HEADERS,
  sampleAssumptionRows,
  sampleFunctionHeaders,
  sampleFunctionRows,
} from "../../src/layout/workbook";
import { PORTFOLIO_HEADERS } from "../../src/functions/portfolio";
import {
  HYPERFORMULA_LICENSE,
  onPortfolioSolved,
  recalculatePortfolioCell,
  registerSourcingPlugin,
} from "../../src/playground/hyperformula-sourcing";

const headers = sampleFunctionHeaders();
const rows = sampleFunctionRows();
const lastColumn = String.fromCharCode("A".charCodeAt(0) + headers.length - 1);
const limits: CellValue[][] = [
  ["Management capacity (manager FTE)", 1.5, ""],
  ["Max concurrent transitions", 1, ""],
];
const assumptionRows: CellValue[][] = [[...ASSUMPTION_HEADERS], ...sampleAssumptionRows(), ...limits];
const TABLE = `Functions!A2:${lastColumn}${rows.length + 1}`;
const ALL = `Functions!A1:${lastColumn}${rows.length + 1}`;
const HEADERS = `Functions!A1:${lastColumn}1`;
const ASSUMPTIONS = `Assumptions!A1:C${assumptionRows.length}`;

function build(formulas: string[]): HyperFormula {
  return HyperFormula.buildFromSheets(
    {
      Functions: [headers, ...rows],
      Assumptions: assumptionRows,
      // Each formula in its own column block, four columns apart.
      Plan: [formulas.flatMap((f) => [f, null, null, null])],
    },
    { licenseKey: HYPERFORMULA_LICENSE, smartRounding: false },
  );
}

const block = (hf: HyperFormula, index: number) =>
  (hf.getSheetValues(hf.getSheetId("Plan") as number) as unknown[][])
    .map((r) => r.slice(index * 4, index * 4 + 3))
    .filter((r) => r.some((c) => c !== null && c !== undefined));

/**
 * Resolves when `count` PORTFOLIO cells have heard their solve end, each recalculated as the playground does. Called
 * right after the build: a solve ends on a later task, never while HyperFormula builds.
 */
const solves = (hf: HyperFormula, count: number) =>
  new Promise<void>((resolve) => {
    let heard = 0;
    const stop = onPortfolioSolved((cell) => {
      recalculatePortfolioCell(hf, cell);
      if (++heard < count) return;
      stop();
      resolve();
    });
  });

describe("SOURCING.PORTFOLIO in HyperFormula", () => {
  beforeAll(registerSourcingPlugin);

  it("spills 'Optimising…' first, then the model's plan in words and in codes, with or without a header row in the table", async () => {
    const expected = await optimisePortfolio(
      parseModelInput({
        assumptions: assumptionRows.slice(1).map((r) => [r[0], r[1]]),
        functions: { headers, rows },
      }),
    );
    const hf = build([
      `=SOURCING.PORTFOLIO(${TABLE}, ${HEADERS}, ${ASSUMPTIONS})`,
      `=SOURCING.PORTFOLIO(${ALL}, , ${ASSUMPTIONS}, "code")`,
    ]);
    const solved = solves(hf, 2);
    expect(block(hf, 0)).toEqual([[...PORTFOLIO_HEADERS], ...rows.map(() => ["", "Optimising…", ""])]);
    await solved;
    const words = expected.plans.map((p) => [p.function, RECOMMENDATION_LABELS[p.strategy!], p.startMonth ?? ""]);
    expect(block(hf, 0)).toEqual([[...PORTFOLIO_HEADERS], ...words]);
    const codes = expected.plans.map((p) => [p.function, p.strategy, p.startMonth ?? ""]);
    expect(block(hf, 1)).toEqual([[...PORTFOLIO_HEADERS], ...codes]);
    // The limits bind in this sample: a late bridge shows its start month.
    expect(codes.some((c) => c[1] === "BRIDGE" && typeof c[2] === "number" && c[2] > 1)).toBe(true);
    hf.destroy();
  });

  it("shows #VALUE! with the reason for an invalid assumption", async () => {
    const hf = HyperFormula.buildFromSheets(
      {
        Functions: [headers, ...rows],
        Assumptions: [...assumptionRows, ["Transition start step (months)", 0, ""]],
        Plan: [[`=SOURCING.PORTFOLIO(${TABLE}, ${HEADERS}, Assumptions!A1:C${assumptionRows.length + 1})`]],
      },
      { licenseKey: HYPERFORMULA_LICENSE, smartRounding: false },
    );
    await solves(hf, 1);
    const cell = hf.getCellValue({ sheet: hf.getSheetId("Plan") as number, row: 0, col: 0 });
    expect(cell).toBeInstanceOf(DetailedCellError);
    expect((cell as DetailedCellError).value).toBe("#VALUE!");
    expect((cell as DetailedCellError).message).toMatch(/^Assumption: .*start step/i);
    hf.destroy();
  });
});
