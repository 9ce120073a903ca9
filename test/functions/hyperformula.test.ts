/**
 * The custom functions evaluated from real formulas in HyperFormula, through the same core the add-in uses, and
 * compared with evaluate() on the same sample.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { beforeAll, describe, expect, it } from "vitest";
import { RECOMMENDATION_LABELS, evaluate } from "../../src/model";
import {
  ASSUMPTION_HEADERS,
  sampleAssumptionRows,
  sampleFunctionHeaders,
  sampleFunctionRows,
} from "../../src/layout/workbook";
import { HYPERFORMULA_LICENSE, registerSourcingPlugin } from "../../src/playground/hyperformula-sourcing";
import { SCHEDULE_HEADERS } from "../../src/functions/sourcing";

type Sheet = (string | number | boolean | null | undefined)[][];

const functionRows = sampleFunctionRows() as Sheet;
const assumptionRows: Sheet = [[...ASSUMPTION_HEADERS], ...sampleAssumptionRows()];
const lastColumn = String.fromCharCode("A".charCodeAt(0) + sampleFunctionHeaders().length - 1); // S: the range columns follow M
const row = (r: number) => `Functions!A${r}:${lastColumn}${r}`;
const HEADERS = `Functions!A1:${lastColumn}1`;
const ASSUMPTIONS = `Assumptions!A1:C${assumptionRows.length}`;

function build(sheets: Record<string, Sheet>): HyperFormula {
  // smartRounding off: compare the functions' own numbers, not HyperFormula's display rounding.
  return HyperFormula.buildFromSheets(sheets, { licenseKey: HYPERFORMULA_LICENSE, smartRounding: false });
}

function values(hf: HyperFormula, sheet: string) {
  return hf.getSheetValues(hf.getSheetId(sheet) as number);
}

describe("SOURCING.* in HyperFormula", () => {
  beforeAll(registerSourcingPlugin);

  const expected = evaluate({
    assumptions: assumptionRows.slice(1).map((r) => [r[0], r[1]]),
    functions: { headers: sampleFunctionHeaders(), rows: functionRows },
  }).results;

  it("agrees with evaluate() for every sample row: DECIDE, CROSSOVER (three kinds), TOTAL, NPV, EXPLAIN", () => {
    const formulas = functionRows.map((_, i) => {
      const r = row(i + 2);
      return [
        `=SOURCING.DECIDE(${r}, ${HEADERS})`,
        `=SOURCING.CROSSOVER(${r}, ${HEADERS})`,
        `=SOURCING.CROSSOVER(${r}, ${HEADERS}, ${ASSUMPTIONS}, "discounted")`,
        `=SOURCING.CROSSOVER(${r}, ${HEADERS}, , "runrate")`,
        `=SOURCING.TOTAL(${r}, "STAFF_AUG")`,
        `=SOURCING.TOTAL(${r}, "BPO", 12, ${HEADERS}, ${ASSUMPTIONS})`,
        `=SOURCING.NPV(${r}, "BRIDGE", ${HEADERS}, ${ASSUMPTIONS})`,
        `=SOURCING.EXPLAIN(${r}, ${HEADERS}, ${ASSUMPTIONS})`,
        `=SOURCING.DECIDE(${r}, ${HEADERS}, , "code")`,
        `=SOURCING.CROSSOVER(${r}, ${HEADERS}, , , "code")`,
      ];
    });
    const hf = build({
      Functions: [sampleFunctionHeaders(), ...functionRows],
      Assumptions: assumptionRows,
      Out: formulas,
    });
    const out = values(hf, "Out");

    expected.forEach((result, i) => {
      const [decide, breakEven, discounted, runRate, totalSa, totalBpo12, npvBridge, explain, code, breakEvenCode] =
        out[i];
      // What people read by default; the code form on request (docs/model.md P6.5).
      expect(decide).toBe(RECOMMENDATION_LABELS[result.recommendation]);
      expect(code).toBe(result.recommendation);
      const months = [result.breakEvenMonth, result.discountedBreakEvenMonth, result.runRateCrossoverMonth];
      [breakEven, discounted, runRate].forEach((cell, k) => {
        expect(cell).toBe(months[k] ?? "None within 36 months");
      });
      if (result.breakEvenMonth === null) {
        expect(breakEvenCode).toBeInstanceOf(DetailedCellError);
        expect((breakEvenCode as DetailedCellError).value).toBe("#N/A");
      } else expect(breakEvenCode).toBe(result.breakEvenMonth);
      expect(totalSa).toBeCloseTo(result.total.STAFF_AUG, 6);
      expect(totalBpo12).toBeCloseTo(
        result.monthly.slice(0, 12).reduce((s, m) => s + m.BPO, 0),
        6,
      );
      expect(npvBridge).toBeCloseTo(result.npv.BRIDGE, 6);
      expect(explain).toBe(result.rationale);
    });
    // The sample has a row without break-even: words by default, #N/A with its reason in the code form.
    const noBreakEven = expected.findIndex((r) => r.breakEvenMonth === null);
    expect(noBreakEven).toBeGreaterThanOrEqual(0);
    expect(out[noBreakEven][1]).toBe("None within 36 months");
    expect((out[noBreakEven][9] as DetailedCellError).message).toMatch(/^No break-even within 36 months/);
  });

  it("spills SCHEDULE: a header row and one row per month of the horizon set in the assumptions", () => {
    const shortHorizon = assumptionRows.map((r) => (r[0] === "Horizon (months)" ? [r[0], 24, r[2]] : r));
    const hf = build({
      Functions: [sampleFunctionHeaders(), ...functionRows],
      Assumptions: shortHorizon,
      Out: [
        [`=SOURCING.SCHEDULE(${row(2)}, ${HEADERS}, Assumptions!A1:C${shortHorizon.length})`],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [`=SOURCING.SCHEDULE(${row(3)})`],
      ],
    });
    const out = values(hf, "Out");
    const result24 = evaluate({
      assumptions: { horizonMonths: 24 },
      functions: { headers: sampleFunctionHeaders(), rows: [functionRows[0]] },
    }).results[0];
    expect(out[0]).toEqual([...SCHEDULE_HEADERS]);
    expect(out.slice(1, 25).map((r) => r[0])).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    out.slice(1, 25).forEach((cells, i) => {
      expect(cells[1]).toBeCloseTo(result24.monthly[i].STAFF_AUG, 6);
      expect(cells[2]).toBeCloseTo(result24.monthly[i].BPO, 6);
      expect(cells[3]).toBeCloseTo(result24.monthly[i].BRIDGE, 6);
    });
    expect(out[24].slice(4)).toEqual(
      [result24.total.STAFF_AUG, result24.total.BPO, result24.total.BRIDGE].map((v) => expect.closeTo(v, 6)),
    );
    expect(out[25] ?? []).toEqual([]); // nothing spilled past the horizon
    // Default horizon without assumptions: 37 rows from row 29.
    expect(out[28][0]).toBe("Month");
    expect(out[28 + 36][0]).toBe(36);
    expect(out[28 + 36][5]).toBeCloseTo(expected[1].total.BPO, 6);
  });

  it("gives #VALUE! with every reason for a bad row, and for a bad argument", () => {
    const hf = build({
      Functions: [sampleFunctionHeaders(), ["Broken", "twelve", -5, 4200, "perhaps"]],
      Assumptions: assumptionRows,
      Out: [
        // SCHEDULE in column C, where a 37-row spill would have room.
        [`=SOURCING.DECIDE(${row(2)}, ${HEADERS})`, null, `=SOURCING.SCHEDULE(${row(2)}, ${HEADERS})`],
        [`=SOURCING.NPV(${row(2)}, "CHEAPEST", ${HEADERS})`],
        [`=SOURCING.DECIDE(Functions!A2:B2, ${HEADERS})`],
      ],
    });
    const out = values(hf, "Out");
    const decide = out[0][0] as DetailedCellError;
    expect(decide).toBeInstanceOf(DetailedCellError);
    expect(decide.value).toBe("#VALUE!");
    expect(decide.message).toContain(
      'Headcount (FTE) must be a number greater than 0 and at most 100,000; got "twelve" (text).',
    );
    expect(decide.message).toContain("SA hourly rate must be a number of at least 0; got -5.");
    expect(decide.message).toContain('Process documented must be yes or no; got "perhaps" (text).');
    const schedule = out[0][2] as DetailedCellError;
    expect(schedule.value).toBe("#VALUE!");
    expect(schedule.message).toBe(decide.message);
    expect((out[1][0] as DetailedCellError).message).toBe('strategy must be STAFF_AUG, BPO or BRIDGE; got "CHEAPEST".');
    expect((out[2][0] as DetailedCellError).message).toMatch(
      new RegExp(`^headers has ${sampleFunctionHeaders().length} cells but row has 2`),
    );
  });

  it("reads an error value in a cell as that error, never as a zero", () => {
    const hf = build({
      Functions: [sampleFunctionHeaders(), ["Support", "=1/0", 25, 4200]],
      Out: [[`=SOURCING.DECIDE(${row(2)}, ${HEADERS})`]],
    });
    const cell = values(hf, "Out")[0][0] as DetailedCellError;
    expect(cell.message).toBe(
      "Headcount (FTE) must be a number greater than 0 and at most 100,000; got the Excel error #DIV/0!.",
    );
  });

  it("recomputes when an input cell changes", () => {
    const hf = build({
      Functions: [sampleFunctionHeaders(), ...functionRows],
      Out: [[`=SOURCING.DECIDE(${row(2)}, ${HEADERS})`]],
    });
    expect(values(hf, "Out")[0][0]).toBe("BPO");
    // Management capacity (column F) becomes yes and the process undocumented: only staff augmentation is allowed.
    const functionsSheet = hf.getSheetId("Functions") as number;
    hf.setCellContents({ sheet: functionsSheet, row: 1, col: 4 }, "no");
    hf.setCellContents({ sheet: functionsSheet, row: 1, col: 5 }, "yes");
    expect(values(hf, "Out")[0][0]).toBe("Staff augmentation");
  });
});
