/**
 * The portfolio sheet of the native-formula export: the plan as values with the note that the optimiser needs the
 * add-in (read back with ExcelJS), and the monthly loads and transitions as formulas that LibreOffice recalculates
 * to the model's figures, also after a reader edits a headcount.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  PORTFOLIO_EXPORT_SHEET,
  PORTFOLIO_MONTHLY_HEADERS,
  buildNativeExportWithPortfolio,
  portfolioMonthlyRow,
  writeXlsx,
  type NativeExport,
} from "../../src/export";
import { INPUT_SHEET } from "../../src/layout/workbook";
import {
  RECOMMENDATION_LABELS,
  optimisePortfolio,
  parseModelInput,
  sampleInput,
  type ModelInput,
  type PortfolioResult,
} from "../../src/model";
import { setNumberCell } from "./support/edit-xlsx";
import { recalculateWithLibreOffice, skipLibreOffice } from "./support/libreoffice";
import { randomInput } from "./support/random-inputs";
import { EXPORTED_AT } from "./support/workbooks";

const PLAN_FIRST_ROW = 10;
/** Columns of month m's load and in-transition cells (after the seven plan columns). */
const loadColumn = (m: number) => 7 + m;
const transitionColumn = (m: number, maxHorizon: number) => 7 + maxHorizon + m;

interface PortfolioCase {
  name: string;
  input: ModelInput;
  exported: NativeExport;
  portfolio: PortfolioResult;
  bytes: Uint8Array;
}

async function portfolioCase(name: string, input: ModelInput, maxHorizon?: number): Promise<PortfolioCase> {
  const exported = await buildNativeExportWithPortfolio(input, { exportedAt: EXPORTED_AT, maxHorizon });
  const portfolio = await optimisePortfolio(parseModelInput(input));
  return { name, input, exported, portfolio, bytes: writeXlsx(exported.workbook) };
}

/** The sample with limits that make Bookkeeping a bridge starting in month 4. */
const limitedSample = (): ModelInput => {
  const input = sampleInput();
  input.assumptions = { ...input.assumptions, managementCapacityFte: 1.5, maxConcurrentTransitions: 1 };
  return input;
};

/** A random input with one transition at a time and a two-month start step: staggered bridges. */
const staggered = (seed: number): ModelInput => {
  const input = randomInput(seed);
  input.assumptions = { ...(input.assumptions as object), maxConcurrentTransitions: 1, transitionStartStepMonths: 2 };
  return input;
};

/** Cell values as a spreadsheet computed them (a formula's cached result), by sheet, row and 1-based column. */
async function cellsOf(bytes: Uint8Array | string): Promise<(sheet: string, row: number, column: number) => unknown> {
  const workbook = new ExcelJS.Workbook();
  if (typeof bytes === "string") await workbook.xlsx.readFile(bytes);
  else await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return (sheet, row, column) => {
    const cell = workbook.getWorksheet(sheet)?.getRow(row).getCell(column);
    const value = cell?.value;
    return value !== null && typeof value === "object" && "formula" in value ? (cell?.result ?? "") : value;
  };
}

const near = (actual: unknown, expected: number) =>
  typeof actual === "number" && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

describe("the portfolio sheet of the native-formula export", () => {
  it("carries the plan as values, the note that the optimiser needs the add-in, and formulas for the loads", async () => {
    const c = await portfolioCase("sample", limitedSample());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(c.bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(PORTFOLIO_EXPORT_SHEET);
    if (!sheet) throw new Error("no portfolio sheet");
    expect(sheet.getCell("A1").value).toBe(
      "Portfolio plan computed by the Sourcing Modeler add-in on 2026-01-15; recalculating this workbook does not re-optimise it.",
    );
    expect(String(sheet.getCell("A3").value)).toMatch(/^Optimal plan: portfolio NPV USD [\d,]+, against USD [\d,]+/);
    expect(sheet.getCell("B5").value).toBe(1.5);
    expect(sheet.getCell("B6").value).toBe(1);
    c.portfolio.plans.forEach((plan, i) => {
      const row = sheet.getRow(PLAN_FIRST_ROW + i);
      expect(row.getCell(2).value).toBe(plan.function);
      expect(row.getCell(3).value).toBe(RECOMMENDATION_LABELS[plan.strategy!]);
      expect(row.getCell(4).value).toBe(plan.strategy);
      expect(row.getCell(5).value ?? null).toBe(plan.startMonth);
      expect(row.getCell(6).value).toBe(RECOMMENDATION_LABELS[plan.recommendation]);
      expect(row.getCell(loadColumn(1)).formula).toMatch(/INDEX\(Headcount,\$A\d+\)\*INDEX\(SaMgmtShare,\$A\d+\)/);
      expect(row.getCell(transitionColumn(1, 36)).formula).toMatch(/'Sourcing Calc'!\$/);
    });
    expect(c.portfolio.plans.some((p) => p.strategy === "BRIDGE" && p.startMonth === 4)).toBe(true);
    const top = portfolioMonthlyRow(c.portfolio.plans.length);
    expect(sheet.getRow(top).values).toEqual([undefined, ...PORTFOLIO_MONTHLY_HEADERS]);
    // The sheet sits after the summary, and the About sheet mentions it.
    expect(workbook.worksheets.map((w) => w.name).slice(0, 2)).toEqual(["Sourcing Summary", PORTFOLIO_EXPORT_SHEET]);
  });

  it("says which limit to raise when no plan meets both, and writes no load for a plan that does not exist", async () => {
    // Three functions only BPO may cover, one transition at a time.
    const input = sampleInput();
    input.functions = input.functions
      .slice(0, 3)
      .map((row) => ({ ...row, processDocumented: "yes", managementCapacity: "no" }));
    input.assumptions = { ...input.assumptions, maxConcurrentTransitions: 1 };
    const c = await portfolioCase("infeasible", input);
    expect(c.portfolio.status).toBe("infeasible");
    const read = await cellsOf(c.bytes);
    expect(read(PORTFOLIO_EXPORT_SHEET, 3, 1)).toBe(
      `No plan meets both limits: allow at least ${c.portfolio.minimumConcurrentTransitions} concurrent transitions. Without the limits the portfolio NPV would be USD ${Math.round(c.portfolio.unconstrainedNpv).toLocaleString("en-US")}.`,
    );
    for (let i = 0; i < 3; i++) {
      expect(read(PORTFOLIO_EXPORT_SHEET, PLAN_FIRST_ROW + i, 3)).toBe("No plan meets the limits");
      expect(read(PORTFOLIO_EXPORT_SHEET, PLAN_FIRST_ROW + i, 4) ?? null).toBeNull();
    }
  });

  it("exports without a portfolio sheet when none is given, as before", async () => {
    const { buildNativeExport } = await import("../../src/export");
    const names = buildNativeExport(sampleInput()).workbook.sheets.map((s) => s.name);
    expect(names).not.toContain(PORTFOLIO_EXPORT_SHEET);
  });
});

describe.skipIf(skipLibreOffice)(
  "portfolio loads recalculated by LibreOffice (needs soffice: skipped without it, failed without it when CI is set)",
  () => {
    const cases: PortfolioCase[] = [];
    const outputs = new Map<string, string>();
    /** The sample with the first staff-augmented or bridged function's headcount changed in the file. */
    let edited: { name: string; fn: number; factor: number } | undefined;

    beforeAll(async () => {
      cases.push(await portfolioCase("sample", limitedSample()));
      for (const seed of [1, 2, 3, 4]) {
        const input = staggered(seed);
        // One is sized beyond its horizon, as a reader who may shorten it gets.
        const horizon = Number((input.assumptions as Record<string, unknown>).horizonMonths);
        cases.push(await portfolioCase(`random-${seed}`, input, seed === 4 ? horizon + 6 : undefined));
      }
      const sample = cases[0];
      const fn = sample.portfolio.plans.findIndex((p) => p.strategy === "BRIDGE");
      const inputs = sample.exported.workbook.sheets.findIndex((s) => s.name === INPUT_SHEET);
      const spec = sample.exported.workbook.sheets[inputs];
      const found = [...spec.rows.entries()].flatMap(([row, cells]) =>
        [...cells.entries()]
          .filter(([, cell]) => cell.content.kind === "text" && cell.content.value === "Headcount (FTE)")
          .map(([column]) => ({ row, column })),
      )[0];
      const headcountCell = `${String.fromCharCode(64 + found.column)}${found.row + 1 + fn}`;
      const before = sampleInput().functions[fn].headcount as number;
      edited = { name: "sample-edited", fn, factor: 2 };
      const bytes = setNumberCell(sample.bytes, `xl/worksheets/sheet${inputs + 1}.xml`, headcountCell, before * 2);
      const dir = mkdtempSync(join(tmpdir(), "sourcing-portfolio-"));
      const files = [...cases.map((c) => [c.name, c.bytes] as const), [edited.name, bytes] as const].map(
        ([name, data]) => {
          const path = join(dir, `${name}.xlsx`);
          writeFileSync(path, data);
          outputs.set(name, path);
          return path;
        },
      );
      const recalculated = await recalculateWithLibreOffice(files);
      [...outputs.keys()].forEach((name, i) => outputs.set(name, recalculated.outputs[i]));
    }, 600_000);

    it("gives the model's monthly management load and transitions in flight, plan by plan and in total", async () => {
      let compared = 0;
      const mismatches: string[] = [];
      for (const c of cases) {
        const read = await cellsOf(outputs.get(c.name) as string);
        const maxHorizon = c.exported.maxHorizon;
        expect(c.portfolio.status, c.name).not.toBe("infeasible");
        c.portfolio.plans.forEach((plan, i) => {
          plan.managementLoadFte.forEach((load, m) => {
            const got = read(PORTFOLIO_EXPORT_SHEET, PLAN_FIRST_ROW + i, loadColumn(m + 1));
            if (!near(got, load)) mismatches.push(`${c.name} ${plan.function} month ${m + 1}: load ${got} ≠ ${load}`);
            const flight = read(PORTFOLIO_EXPORT_SHEET, PLAN_FIRST_ROW + i, transitionColumn(m + 1, maxHorizon));
            if (flight !== (plan.inTransition[m] ? 1 : 0))
              mismatches.push(`${c.name} ${plan.function} month ${m + 1}: in transition ${flight}`);
            compared += 2;
          });
        });
        const top = portfolioMonthlyRow(c.portfolio.plans.length);
        for (const month of c.portfolio.months) {
          const row = top + month.month;
          if (!near(read(PORTFOLIO_EXPORT_SHEET, row, 2), month.managementLoadFte))
            mismatches.push(`${c.name} month ${month.month}: total load`);
          if (read(PORTFOLIO_EXPORT_SHEET, row, 4) !== month.transitions)
            mismatches.push(`${c.name} month ${month.month}: transitions`);
          if (read(PORTFOLIO_EXPORT_SHEET, row, 6) !== "yes") mismatches.push(`${c.name} month ${month.month}: limits`);
          compared += 3;
        }
        // Months the export holds beyond the horizon carry no load.
        for (let m = c.portfolio.months.length + 1; m <= maxHorizon; m++)
          expect(read(PORTFOLIO_EXPORT_SHEET, top + m, 2)).toBe(0);
      }
      console.log(
        `LibreOffice portfolio sheets: ${cases.length} workbooks, ${compared} figures compared with the model`,
      );
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(1000);
      // The random cases include staggered bridges (a start after month 1) under the one-transition limit.
      expect(
        cases.slice(1).some((c) => c.portfolio.plans.some((p) => p.strategy === "BRIDGE" && p.startMonth! > 1)),
      ).toBe(true);
    });

    it("follows an edited headcount: the plan stays, its load scales with the headcount", async () => {
      const sample = cases[0];
      const { fn, factor } = edited!;
      const read = await cellsOf(outputs.get("sample-edited") as string);
      const plan = sample.portfolio.plans[fn];
      expect(read(PORTFOLIO_EXPORT_SHEET, PLAN_FIRST_ROW + fn, 3)).toBe("Bridge");
      plan.managementLoadFte.forEach((load, m) =>
        expect(
          near(read(PORTFOLIO_EXPORT_SHEET, PLAN_FIRST_ROW + fn, loadColumn(m + 1)), load * factor),
          `month ${m + 1}`,
        ).toBe(true),
      );
      // Twice the bridge's load no longer fits the 1.5 manager FTE in its first months: the sheet says so.
      const top = portfolioMonthlyRow(sample.portfolio.plans.length);
      expect(read(PORTFOLIO_EXPORT_SHEET, top + 1, 6)).toBe("no");
    });
  },
);
