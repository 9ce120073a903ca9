/** Input parsing and validation (docs/model.md §2): header matching, precedence, and per-cell errors. */
import { describe, expect, it } from "vitest";
import { evaluate, mapFunctionHeaders, normalizeHeader, quoteAsShown, type CellValue } from "../../src/model";

const valid = (name: string, over: Record<string, CellValue> = {}): Record<string, CellValue> => ({
  function: name,
  headcount: 3,
  saHourlyRate: 40,
  bpoMonthlyFeePerFte: 5000,
  ...over,
});

describe("header matching", () => {
  it("matches keys and labels ignoring case, spaces, punctuation and parenthesised text", () => {
    expect(normalizeHeader("SA hourly rate ($/h)")).toBe("sahourlyrate");
    const { indexByKey, ignored } = mapFunctionHeaders([
      "Function",
      "HEADCOUNT (FTE)",
      "SA hourly rate ($/h)",
      "bpo_monthly_fee_per_fte",
      "Process documented?",
      "SA ramp (business days)",
      "BPO ramp (weeks)",
      "Comments",
    ]);
    expect(Object.fromEntries(indexByKey)).toEqual({
      function: 0,
      headcount: 1,
      saHourlyRate: 2,
      bpoMonthlyFeePerFte: 3,
      processDocumented: 4,
      saRampDays: 5,
      bpoRampWeeks: 6,
    });
    expect(ignored.map((i) => i.header)).toEqual(["Comments"]);
  });

  it("tells the two change-order assumptions apart by their parenthesised scope", () => {
    const r = evaluate({
      assumptions: [
        ["Change orders per year (stable scope)", 3],
        ["Change orders per year (evolving scope)", 9],
      ],
      functions: [valid("A")],
    });
    expect(r.assumptions.changeOrdersPerYearStable).toBe(3);
    expect(r.assumptions.changeOrdersPerYearEvolving).toBe(9);
  });

  it("reports unknown and repeated columns as warnings, not errors", () => {
    const r = evaluate({
      functions: {
        headers: ["Function", "Headcount", "SA hourly rate", "BPO monthly fee per FTE", "Owner", "headcount"],
        rows: [["A", 1, 2, 3, "Kim", 9]],
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.column)).toEqual(["Owner", "headcount"]);
    expect(r.results[0].total.STAFF_AUG).toBeGreaterThan(0);
  });
});

describe("precedence: row cell, else assumption, else default", () => {
  it("applies each level", () => {
    const withAttrition = evaluate({
      assumptions: {
        saRampDays: 10,
        saAnnualAttrition: 1.2,
        horizonMonths: 1,
        hoursPerMonth: 100,
        businessDaysPerMonth: 20,
      },
      functions: [valid("Row", { saRampDays: 2, saHourlyRate: 10 }), valid("Assumption", { saHourlyRate: 10 })],
    });
    // attrition = N · 0.1 · rate · hours · R / D = 3 · 0.1 · 1,000 · R / 20
    expect(withAttrition.results[0].components.STAFF_AUG.attrition).toBeCloseTo(3 * 0.1 * 1000 * (2 / 20), 9);
    expect(withAttrition.results[1].components.STAFF_AUG.attrition).toBeCloseTo(3 * 0.1 * 1000 * (10 / 20), 9);
    const defaults = evaluate({
      assumptions: { saAnnualAttrition: 1.2, horizonMonths: 1, hoursPerMonth: 100, businessDaysPerMonth: 20 },
      functions: [valid("Default", { saHourlyRate: 10 })],
    });
    expect(defaults.results[0].components.STAFF_AUG.attrition).toBeCloseTo(3 * 0.1 * 1000 * (4 / 20), 9); // default 4 days
  });

  it("reads yes/no in every accepted spelling", () => {
    const spellings: [CellValue, boolean][] = [
      ["yes", true],
      ["Y", true],
      ["TRUE", true],
      [true, true],
      [1, true],
      ["1", true],
      ["No", false],
      ["n", false],
      ["false", false],
      [false, false],
      [0, false],
      ["0", false],
    ];
    const r = evaluate({
      functions: spellings.map(([value], i) => valid(`F${i}`, { processDocumented: value, managementCapacity: "no" })),
    });
    expect(r.errors).toEqual([]);
    r.results.forEach((res, i) => expect(res.recommendation).toBe(spellings[i][1] ? "BPO" : "DOCUMENT_FIRST"));
  });

  it("reads numbers written as text, with thousands separators or a percent sign", () => {
    const r = evaluate({
      assumptions: { discountRateAnnual: "10%" },
      functions: [valid("A", { headcount: " 1,250 ", saHourlyRate: "40.5" })],
    });
    expect(r.errors).toEqual([]);
    expect(r.assumptions.discountRateAnnual).toBeCloseTo(0.1, 15);
    expect(r.results[0].components.STAFF_AUG.fees).toBeCloseTo(
      1250 * 40.5 * 160 * (12 + 12 * 1.03 + 12 * 1.03 ** 2),
      6,
    );
  });

  it("lists every §2.1 key with the value used", () => {
    const r = evaluate({ functions: [] });
    expect(r.assumptions).toEqual({
      currency: "USD",
      horizonMonths: 36,
      businessDaysPerMonth: 21,
      hoursPerMonth: 160,
      managerMonthlyCost: 12000,
      discountRateAnnual: 0.08,
      decisionMargin: 0.05,
      rampShape: "step",
      changeOrdersPerYearStable: 1,
      changeOrdersPerYearEvolving: 6,
    });
  });
});

describe("bad input: per-cell errors, other rows still modelled", () => {
  const cases: { name: string; cell: Record<string, CellValue>; column: string; message: RegExp }[] = [
    {
      name: "text in a number column",
      cell: { headcount: "abc" },
      column: "headcount",
      message: /Headcount \(FTE\) must be a number greater than 0 and at most 100,000; got "abc" \(text\)/,
    },
    {
      name: "a negative rate",
      cell: { saHourlyRate: -5 },
      column: "saHourlyRate",
      message: /SA hourly rate must be a number of at least 0; got -5/,
    },
    {
      name: "a blank required cell",
      cell: { bpoMonthlyFeePerFte: "" },
      column: "bpoMonthlyFeePerFte",
      message: /BPO monthly fee per FTE is required; the cell is blank/,
    },
    {
      name: "an unknown scope",
      cell: { scope: "sometimes" },
      column: "scope",
      message: /Scope must be stable or evolving; got "sometimes"/,
    },
    {
      name: "#DIV/0!",
      cell: { saHourlyRate: "#DIV/0!" },
      column: "saHourlyRate",
      message: /got the Excel error #DIV\/0!/,
    },
    { name: "#N/A", cell: { bpoRampWeeks: "#N/A" }, column: "bpoRampWeeks", message: /got the Excel error #N\/A/ },
    { name: "NaN", cell: { saMgmtShare: Number.NaN }, column: "saMgmtShare", message: /got NaN/ },
    {
      name: "Infinity",
      cell: { bpoTransitionCost: Number.POSITIVE_INFINITY },
      column: "bpoTransitionCost",
      message: /got Infinity/,
    },
    {
      name: "text Infinity",
      cell: { bpoTransitionCost: "Infinity" },
      column: "bpoTransitionCost",
      message: /got "Infinity" \(text\)/,
    },
    {
      name: "headcount 1e9",
      cell: { headcount: 1e9 },
      column: "headcount",
      message: /at most 100,000; got 1000000000/,
    },
    {
      name: "a share above 1",
      cell: { bpoGovernanceShare: 1.5 },
      column: "bpoGovernanceShare",
      message: /from 0 to 1/,
    },
    {
      name: "a flag that is not yes/no",
      cell: { managementCapacity: "maybe" },
      column: "managementCapacity",
      message: /Management capacity must be yes or no/,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const r = evaluate({ functions: [valid("Good 1"), valid("Bad", c.cell), valid("Good 2")] });
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ row: 2, column: c.column });
      expect(r.errors[0].message).toMatch(c.message);
      expect(r.results.map((x) => x.function)).toEqual(["Good 1", "Good 2"]);
    });
  }

  it("reports every bad cell of a row, in column order", () => {
    const r = evaluate({ functions: [valid("Bad", { headcount: -1, scope: "x", saHourlyRate: "#REF!" })] });
    expect(r.errors.map((e) => e.column)).toEqual(["headcount", "saHourlyRate", "scope"]);
    expect(r.results).toEqual([]);
  });

  it("a repeated function name is an error on the second and later rows; the first is modelled", () => {
    const r = evaluate({ functions: [valid("Payroll"), valid(" payroll "), valid("Other"), valid("PAYROLL")] });
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "function"],
      [4, "function"],
    ]);
    expect(r.errors[0].message).toContain("row 1");
    expect(r.results.map((x) => x.function)).toEqual(["Payroll", "Other"]);
  });

  it("a missing column makes its required cells errors that say the column is missing", () => {
    const r = evaluate({ functions: { headers: ["Function", "Headcount", "SA hourly rate"], rows: [["A", 1, 2]] } });
    expect(r.errors).toEqual([
      {
        row: 1,
        column: "bpoMonthlyFeePerFte",
        value: null,
        message:
          "BPO monthly fee per FTE is required, but no column of the table is headed BPO monthly fee per FTE (or bpoMonthlyFeePerFte); add that column.",
      },
    ]);
  });

  it("a blank cell in a present column is still just blank", () => {
    const r = evaluate({
      functions: {
        headers: ["Function", "Headcount", "SA hourly rate", "BPO monthly fee per FTE"],
        rows: [["A", 1, 2, ""]],
      },
    });
    expect(r.errors.map((e) => e.message)).toEqual(["BPO monthly fee per FTE is required; the cell is blank."]);
  });

  it("skips wholly empty rows but keeps counting them", () => {
    const r = evaluate({
      functions: {
        headers: ["Function", "Headcount", "SA hourly rate", "BPO monthly fee per FTE"],
        rows: [
          ["A", 1, 2, 3],
          [null, "", " ", null],
          ["B", "x", 2, 3],
        ],
      },
    });
    expect(r.errors).toMatchObject([{ row: 3, column: "headcount" }]);
    expect(r.results.map((x) => x.function)).toEqual(["A"]);
  });

  it.each([
    ["horizon 0", { horizonMonths: 0 }, "horizonMonths", /whole number from 1 to 600; got 0/],
    ["horizon 10,000", { horizonMonths: 10000 }, "horizonMonths", /got 10000/],
    ["a fractional horizon", { horizonMonths: 12.5 }, "horizonMonths", /whole number/],
    ["business days 0", { businessDaysPerMonth: 0 }, "businessDaysPerMonth", /greater than 0/],
    ["an unknown ramp shape", { rampShape: "s-curve" }, "rampShape", /step or linear/],
    ["a discount rate of #N/A", { discountRateAnnual: "#N/A" }, "discountRateAnnual", /Excel error #N\/A/],
    ["a per-function default out of range", { saMgmtShare: 2 }, "saMgmtShare", /from 0 to 1/],
  ])(
    "an invalid assumption (%s) is reported with row null and no row is modelled",
    (_name, assumptions, column, message) => {
      const r = evaluate({ assumptions, functions: [valid("A"), valid("B", { headcount: "x" })] });
      expect(r.errors[0]).toMatchObject({ row: null, column });
      expect(r.errors[0].message).toMatch(message);
      expect(r.errors[1]).toMatchObject({ row: 2, column: "headcount" }); // the rows' own errors still show
      expect(r.results).toEqual([]);
    },
  );

  it("a blank assumption value means the default", () => {
    const r = evaluate({ assumptions: { horizonMonths: "", currency: null }, functions: [valid("A")] });
    expect(r.errors).toEqual([]);
    expect(r.assumptions.horizonMonths).toBe(36);
    expect(r.results[0].monthly).toHaveLength(36);
  });

  it("unknown assumption keys are warnings", () => {
    const r = evaluate({ assumptions: { horizonMonths: 12, "Prepared by": "FP&A" }, functions: [valid("A")] });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([{ column: "Prepared by", message: expect.stringContaining("ignored") }]);
  });
});

describe("values quoted as written (docs/model.md P6.5)", () => {
  it("quotes a percentage written as text as written: 200%, not 2", () => {
    const r = evaluate({ functions: [valid("A", { saMgmtShare: "200%" })] });
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^SA management share must be .*; got 200%\.$/),
    ]);
  });

  it("rewrites a rule message to quote the cell as shown, only when the shown text breaks the rule too", () => {
    const [error] = evaluate({ functions: [valid("A", { saMgmtShare: 2 })] }).errors;
    expect(error.message).toMatch(/; got 2\.$/);
    expect(quoteAsShown(error, "200%").message).toMatch(/; got 200%\.$/);
    // A display that rounds into the allowed range would mislead: the message stays as it was.
    const [near] = evaluate({ functions: [valid("A", { saMgmtShare: 1.004 })] }).errors;
    expect(quoteAsShown(near, "100%")).toBe(near);
    // Not a number the model read (text): nothing to re-quote.
    const [text] = evaluate({ functions: [valid("A", { headcount: "abc" })] }).errors;
    expect(quoteAsShown(text, "abc%")).toBe(text);
  });
});
