/**
 * "What could change the decision" in the playground, in real Chromium: the analysis panel's value of information
 * (computed in the pane's Workers from the simulation's own trials) and its table and chart on the Sourcing
 * Analysis sheet. Bookkeeping's BPO fee is raised to a close call (7,500, range 7,125–8,250) so that finding it
 * out is worth something; the pane's sentences and bars are checked against the same analysis run here in Node.
 */
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openWithSample, paneOf, runAnalysis, showSheet } from "../../scripts/playground-steps";
import { VOI_TABLE, voiSentence, voiVerdict } from "../../src/layout/voi-sheet";
import { ANALYSIS_SHEET } from "../../src/layout/workbook";
import { sampleInput } from "../../src/model";
import { type AnalysisMessage, handleAnalysisRequest } from "../../src/taskpane/analysis.worker";
import { chromiumServingDist, cspViolations, RESULTS_DIR, routeOfficeJs, skipBrowserTests, watchCsp } from "./support";

const FEE = { value: 7500, min: 7125, max: 8250 };
const TRIALS = 4000;
const SEED = 7;

/** Types Bookkeeping's fee and its range into the sample's SourcingFunctions table, as a user would. */
async function makeBookkeepingACloseCall(page: Page): Promise<void> {
  await page.evaluate((fee) => {
    type Cell = { value: unknown };
    type Table = {
      rect: { row: number; column: number; rowCount: number; columnCount: number };
      sheet: { name: string; cell(r: number, c: number): Cell };
    };
    type Model = {
      table(name: string): Table | undefined;
      userInput(sheet: string, ref: string, values: number[][]): void;
    };
    const model = (window as unknown as { sourcingPlayground: { model: Model } }).sourcingPlayground.model;
    const table = model.table("SourcingFunctions");
    if (!table) throw new Error("the sample has no SourcingFunctions table");
    const { row, column, rowCount, columnCount } = table.rect;
    const header = (c: number) => String(table.sheet.cell(row, column + c).value).toLowerCase();
    const columnOf = (test: (text: string) => boolean) => {
      for (let c = 0; c < columnCount; c++) if (test(header(c))) return column + c;
      throw new Error("no BPO fee column");
    };
    const isFee = (text: string) => text.startsWith("bpo monthly fee per fte");
    const valueColumn = columnOf((t) => isFee(t) && !/min|max/.test(t));
    const minColumn = columnOf((t) => isFee(t) && t.includes("min"));
    const maxColumn = columnOf((t) => isFee(t) && t.includes("max"));
    let target = -1;
    for (let r = 1; r < rowCount; r++) if (table.sheet.cell(row + r, column).value === "Bookkeeping") target = row + r;
    if (target < 0) throw new Error("no Bookkeeping row");
    const address = (c: number) => `${String.fromCharCode(65 + c)}${target + 1}`;
    model.userInput(table.sheet.name, address(valueColumn), [[fee.value]]);
    model.userInput(table.sheet.name, address(minColumn), [[fee.min]]);
    model.userInput(table.sheet.name, address(maxColumn), [[fee.max]]);
  }, FEE);
}

/** The same analysis in Node: the sample with the same fee, the same trials and seed. */
function expectedVoi() {
  const input = sampleInput();
  const row = input.functions.find((f) => f.function === "Bookkeeping");
  if (!row) throw new Error("no Bookkeeping row in the sample");
  Object.assign(row, {
    bpoMonthlyFeePerFte: FEE.value,
    bpoMonthlyFeePerFteMin: FEE.min,
    bpoMonthlyFeePerFteMax: FEE.max,
  });
  const messages: AnalysisMessage[] = [];
  handleAnalysisRequest({ type: "analyse", id: 1, input, scenarios: [], trials: TRIALS, seed: SEED }, (m) =>
    messages.push(m),
  );
  const done = messages[messages.length - 1];
  if (done.type !== "done" || !done.report.voi) throw new Error("the analysis did not finish in Node");
  return done.report.voi;
}

describe.skipIf(skipBrowserTests)(
  "what could change the decision, in the playground (needs /usr/bin/chromium: skipped without it, failed without it when CI is set)",
  () => {
    const chromium = chromiumServingDist();

    it("ranks what is worth finding out before signing in the pane, with bars, and charts it on the Sourcing Analysis sheet", async () => {
      const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
      await watchCsp(page);
      await routeOfficeJs(page, chromium.origin);
      await openWithSample(page, chromium.origin);
      await makeBookkeepingACloseCall(page);
      await runAnalysis(page, TRIALS, SEED);

      const voi = expectedVoi();
      const bookkeeping = voi.functions.find((f) => f.function === "Bookkeeping");
      if (!bookkeeping) throw new Error("no Bookkeeping in the analysis");
      expect(voiVerdict(bookkeeping)).toBe("worth"); // the close call makes the check meaningful

      const part = paneOf(page).locator(".analysis-voi");
      expect(await part.isVisible()).toBe(true);
      expect(await part.locator(".analysis-voi-heading").textContent()).toBe(
        "What could change the decision (value of information)",
      );
      expect(await part.locator(".analysis-voi-sentence").allTextContents()).toEqual(
        voi.functions.map((f) => voiSentence(f, "USD")),
      );
      // Bookkeeping's inputs, largest first, each a bar of its EVPPI against the EVPI.
      const worth = voi.functions.filter((f) => voiVerdict(f) === "worth");
      const bars = part.locator("meter.analysis-voi-bar");
      expect(await bars.count()).toBe(worth.reduce((n, f) => n + f.inputs.length, 0));
      expect(await part.locator(".analysis-voi-label").allTextContents()).toEqual(
        worth.flatMap((f) => f.inputs.map((i) => i.label)),
      );
      expect(Number(await bars.first().getAttribute("value"))).toBeCloseTo(worth[0].inputs[0].evppi, 4);
      expect(Number(await bars.first().getAttribute("max"))).toBeCloseTo(worth[0].evpi, 4);
      await part.scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve(RESULTS_DIR, "playground-voi-pane.png") });

      // On the sheet: the table, and one chart per function where something is worth finding out.
      const tables = await page.evaluate(() => {
        type Table = { name: string; sheet: { name: string } };
        const model = (window as unknown as { sourcingPlayground: { model: { tables: Table[] } } }).sourcingPlayground
          .model;
        return model.tables.map((t) => `${t.sheet.name}!${t.name}`);
      });
      expect(tables).toContain(`${ANALYSIS_SHEET}!${VOI_TABLE}`);
      await showSheet(page, ANALYSIS_SHEET);
      const charts = page.locator(".grid-chart").filter({ hasText: "what could change the decision" });
      await expect.poll(() => charts.count()).toBe(worth.length);
      expect(await charts.first().getAttribute("data-chart-type")).toBe("BarClustered");
      expect(await charts.first().textContent()).toContain("Worth knowing before signing (USD)");
      await charts.first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve(RESULTS_DIR, "playground-voi-sheet.png") });
      expect(await cspViolations(page)).toEqual([]);
      await page.close();
    });
  },
);
