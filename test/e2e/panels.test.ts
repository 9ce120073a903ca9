/**
 * The task pane's further panels in the playground, in real Chromium: the analysis panel (Monte Carlo in a Web
 * Worker of the pane's frame, progress, Cancel, the Sourcing Analysis sheet with its native charts) and the
 * export panel (Export as native formulas arrives as a download; Freeze values says why the playground cannot).
 * The numbers on the sheet are checked against simulate() run here in Node with the same trials and seed.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import type { FrameLocator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  ANALYSIS_SHEET,
  FUNCTIONS_TABLE,
  GOAL_SEEK_TABLE,
  HISTOGRAM_TABLE,
  SCENARIO_COMPARISON_TABLE,
  SIMULATION_TABLE,
  TORNADO_TABLE,
} from "../../src/layout/workbook";
import { VOI_TABLE } from "../../src/layout/voi-sheet";
import { STRATEGY_LABELS, goalSeek, sampleInput, simulate } from "../../src/model";
import { chromiumServingDist, RESULTS_DIR, cspViolations, routeOfficeJs, skipBrowserTests, watchCsp } from "./support";

const pane = (page: Page): FrameLocator => page.frameLocator("iframe.pane-frame");

interface HostView {
  sheetId: string | null;
  tables: string[];
  simulation: { name: string; strategy: string; probability: number }[];
}

/** The Sourcing Analysis sheet as the playground's workbook holds it. */
const analysisSheet = (page: Page) =>
  page.evaluate(
    ({ sheetName, simulationTable }) => {
      type Cell = { value: unknown };
      type Sheet = { id: string; name: string; cell(r: number, c: number): Cell };
      type Table = { name: string; sheet: Sheet; rect: { row: number; rowCount: number } };
      const model = (
        window as unknown as { sourcingPlayground: { model: { sheet(n: string): Sheet | undefined; tables: Table[] } } }
      ).sourcingPlayground.model;
      const sheet = model.sheet(sheetName);
      const tables = model.tables.filter((t) => t.sheet === sheet);
      const simulation = tables.find((t) => t.name === simulationTable);
      const rows = simulation
        ? Array.from({ length: simulation.rect.rowCount - 1 }, (_, i) => simulation.rect.row + 1 + i)
        : [];
      return {
        sheetId: sheet?.id ?? null,
        tables: tables.map((t) => t.name),
        simulation: rows.map((r) => ({
          name: String(sheet?.cell(r, 0).value),
          strategy: String(sheet?.cell(r, 1).value),
          probability: Number(sheet?.cell(r, 2).value),
        })),
      } satisfies HostView;
    },
    { sheetName: ANALYSIS_SHEET, simulationTable: SIMULATION_TABLE },
  );

async function openWithSample(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/playground.html`);
  await page.waitForSelector("body[data-pane=ready]", { timeout: 20_000 });
  await expect
    .poll(() => pane(page).locator("#status").textContent(), { timeout: 20_000 })
    .toMatch(/^Sample model inserted/);
}

describe.skipIf(skipBrowserTests)(
  "the pane's analysis and export panels in the playground (needs /usr/bin/chromium: skipped without it, failed without it when CI is set)",
  () => {
    const chromium = chromiumServingDist();

    async function newPage(width = 1400, height = 900): Promise<Page> {
      const page = await chromium.browser.newPage({ viewport: { width, height }, acceptDownloads: true });
      await watchCsp(page);
      await routeOfficeJs(page, chromium.origin);
      return page;
    }

    it("runs the simulation in a worker: progress shows, Cancel writes nothing, a full run writes the Sourcing Analysis sheet and its charts", async () => {
      const page = await newPage();
      await openWithSample(page, chromium.origin);
      const panel = pane(page).locator(".analysis-panel");
      await expect.poll(() => panel.locator(".analysis-status").textContent()).toMatch(/^Set the trials and seed/);

      // Progress as the pane shows it, recorded inside the pane's frame (a run can be quicker than a poll).
      const frame = page.frames().find((f) => /\/taskpane\.html/.test(f.url()));
      if (!frame) throw new Error("no pane frame");
      await frame.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { __progress: string[] }).__progress = seen;
        const progress = document.querySelector(".analysis-progress") as HTMLProgressElement;
        new MutationObserver(() => {
          if (!progress.hidden) seen.push(progress.getAttribute("value") ?? "");
        }).observe(progress, { attributes: true, attributeFilter: ["value", "hidden"] });
      });

      // 1. Cancel: a long run (1,000,000 trials per function) is stopped midway; nothing reaches the workbook.
      await panel.locator(".analysis-trials").fill("1000000");
      await panel.locator(".analysis-run").click();
      await expect
        .poll(() => panel.locator(".analysis-status").textContent(), { timeout: 20_000 })
        .toMatch(/^Simulating: [\d,]+ of [\d,]+ trials \(all functions\); now .+…$/);
      expect(await panel.locator(".analysis-progress").isVisible()).toBe(true);
      expect(await panel.locator(".analysis-run").isDisabled()).toBe(true);
      // The pane's thread stays free while the worker simulates: how long a task waits there, reported (measured, not asserted).
      const lag = await frame.evaluate(
        () =>
          new Promise<number>((done) => {
            const t = performance.now();
            setTimeout(() => done(performance.now() - t), 0);
          }),
      );
      console.log(`pane task delay during a simulation: ${lag.toFixed(1)} ms`);
      await panel.locator(".analysis-cancel").click();
      expect(await panel.locator(".analysis-status").textContent()).toBe(
        "Cancelled: nothing was written to the workbook.",
      );
      expect(await panel.locator(".analysis-progress").isHidden()).toBe(true);
      expect(await panel.locator(".analysis-run").isEnabled()).toBe(true);
      expect((await analysisSheet(page)).sheetId).toBeNull();

      // 2. A full run: 4,000 trials, seed 7.
      const trials = 4000;
      const seed = 7;
      await panel.locator(".analysis-trials").fill(String(trials));
      await panel.locator(".analysis-seed").fill(String(seed));
      await panel.locator(".analysis-run").click();
      await expect
        .poll(() => panel.locator(".analysis-status").textContent(), { timeout: 30_000 })
        .toMatch(/^Done: 4 function\(s\), 4,000 trials each \(seed 7\); 8 chart\(s\)/);
      const progress = await frame.evaluate(() =>
        (window as unknown as { __progress: string[] }).__progress.map(Number),
      );
      expect(progress.some((v) => v > 0 && v < 1)).toBe(true);
      expect(await panel.locator(".analysis-summary-item").count()).toBeGreaterThanOrEqual(4);

      // The sheet: its five tables, and the browser's numbers equal Node's for the same trials and seed.
      const sheet = await analysisSheet(page);
      expect(sheet.tables).toEqual([
        SIMULATION_TABLE,
        HISTOGRAM_TABLE,
        TORNADO_TABLE,
        VOI_TABLE,
        SCENARIO_COMPARISON_TABLE,
      ]);
      const node = simulate(sampleInput(), { trials, seed }).results;
      expect(sheet.simulation).toEqual(
        node.flatMap((r) =>
          (["BPO", "BRIDGE"] as const).map((s) => ({
            name: r.function,
            strategy: STRATEGY_LABELS[s],
            probability: r[s].probabilityCheaper,
          })),
        ),
      );

      // Its tab and charts in the grid: a histogram (columns) and a tornado (bars) per function.
      await page.getByRole("tab", { name: ANALYSIS_SHEET, exact: true }).click();
      await expect.poll(() => page.locator('.grid-chart[data-chart-type="ColumnClustered"]').count()).toBe(4);
      expect(await page.locator('.grid-chart[data-chart-type="BarClustered"]').count()).toBe(4);
      expect(await page.locator('.grid-chart[data-chart-type="BarClustered"] .bar-chart-series').count()).toBe(8);
      expect(await page.locator(".grid-chart .line-chart-title").first().textContent()).toMatch(
        new RegExp(`^${node[0].function}: BPO saving over 4,000 trials`),
      );
      // The charts sit below the summary, beside each other: scroll the grid to them for the picture.
      await page.locator(".grid-chart").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve(RESULTS_DIR, "playground-analysis.png") });

      // Run model afterwards leaves the analysis sheet alone (it is the add-in's, but not the model run's).
      await pane(page).locator("#run-model").click();
      await expect.poll(() => pane(page).locator("#status").textContent(), { timeout: 20_000 }).toMatch(/^Modelled/);
      expect((await analysisSheet(page)).sheetId).toBe(sheet.sheetId);
      expect(await cspViolations(page)).toEqual([]);
      await page.close();
    });

    it("goal seek from its own form: a clear message for a month beyond the horizon, then the answer in words and on the Sourcing Analysis sheet", async () => {
      const page = await newPage();
      await openWithSample(page, chromium.origin);
      const form = pane(page).locator(".goal-seek-panel");
      const status = form.locator(".goal-seek-status");

      // A month beyond the 36-month horizon: refused with the allowed range, nothing written.
      await form.getByLabel("Break-even by month").fill("40");
      await form.getByRole("button", { name: "Find the break-even value" }).click();
      await expect
        .poll(() => status.textContent(), { timeout: 20_000 })
        .toBe('Break-even by month must be a whole number from 1 to 36 (the horizon in the assumptions); got "40".');
      expect((await analysisSheet(page)).sheetId).toBeNull();

      // One function, the fee, month 6: the list is filled from the workbook when it takes focus.
      await form.getByLabel("Function", { exact: true }).focus();
      await expect
        .poll(() => form.getByLabel("Function", { exact: true }).locator("option").count(), { timeout: 20_000 })
        .toBe(5);
      await form.getByLabel("Function", { exact: true }).selectOption({ label: "Customer support" });
      await form.getByLabel("Solve for").selectOption("bpoMonthlyFeePerFte");
      await form.getByLabel("Break-even by month").fill("6");
      // By keyboard: Enter on the button, and focus stays on it after the answer.
      await form.getByRole("button", { name: "Find the break-even value" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Done: 1 answer\(s\) for month 6/);
      const expected = goalSeek(sampleInput(), 6).results.find((r) => r.function === "Customer support");
      expect(await form.locator(".analysis-summary-item").allTextContents()).toEqual([
        `Customer support: ${expected?.fee.message}`,
      ]);
      expect(expected?.fee.message).toMatch(/USD 4,3\d\d per FTE-month/);
      expect(await form.locator(".goal-seek-run").evaluate((button) => button === document.activeElement)).toBe(true);

      // The SourcingGoalSeek table on the Sourcing Analysis sheet holds the same value the model gives in Node.
      const written = await page.evaluate(
        ({ sheetName, tableName }) => {
          type Sheet = { name: string; cell(r: number, c: number): { value: unknown } };
          type Table = { name: string; sheet: Sheet; rect: { row: number; rowCount: number; columnCount: number } };
          const model = (window as unknown as { sourcingPlayground: { model: { tables: Table[] } } }).sourcingPlayground
            .model;
          const table = model.tables.find((t) => t.name === tableName);
          if (!table || table.sheet.name !== sheetName) return null;
          return Array.from({ length: table.rect.rowCount }, (_, r) =>
            Array.from({ length: table.rect.columnCount }, (_, c) => table.sheet.cell(table.rect.row + r, c).value),
          );
        },
        { sheetName: ANALYSIS_SHEET, tableName: GOAL_SEEK_TABLE },
      );
      expect(written?.[1].slice(0, 5)).toEqual([
        "Customer support",
        "BPO monthly fee per FTE",
        6,
        "Highest fee paying back by month 6",
        expected?.fee.value,
      ]);
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve(RESULTS_DIR, "playground-goal-seek.png") });

      // The sample already has its scenarios: Add a scenarios table says where they are and adds nothing.
      await pane(page).getByRole("button", { name: "Add a scenarios table" }).click();
      await expect
        .poll(() => pane(page).locator(".analysis-panel .analysis-status").textContent(), { timeout: 20_000 })
        .toMatch(/already has a SourcingScenarios table \(on the sheet "Sourcing Inputs"\)/);
      expect(await cspViolations(page)).toEqual([]);
      await page.close();
    });

    it("Export as native formulas arrives as an .xlsx download with the inputs and formulas; Freeze values is not offered on the web and the pane says where it works", async () => {
      const page = await newPage();
      await openWithSample(page, chromium.origin);
      const panel = pane(page).locator(".export-panel");
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 20_000 }),
        panel.getByRole("button", { name: "Export as native formulas" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("sourcing-workbook.xlsx");
      await expect.poll(() => panel.locator(".status").getAttribute("data-kind")).toBe("ok");
      expect(await panel.locator(".status").textContent()).toMatch(
        /^Opened a new workbook with 4 functions as ordinary Excel formulas/,
      );
      expect(await page.locator("#downloads .download-link").textContent()).toBe("sourcing-workbook.xlsx");

      const path = resolve(RESULTS_DIR, "playground-export.xlsx");
      await download.saveAs(path);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
      const tables = workbook.worksheets.flatMap((s) =>
        Object.keys((s as unknown as { tables: Record<string, unknown> }).tables ?? {}),
      );
      expect(tables).toContain(FUNCTIONS_TABLE);
      const formulas = workbook.worksheets.flatMap((s) =>
        s
          .getSheetValues()
          .flat()
          .filter((v): v is { formula: string } => typeof v === "object" && v !== null && "formula" in v)
          .map((v) => v.formula),
      );
      expect(formulas.length).toBeGreaterThan(0);
      expect(formulas.filter((f) => /SOURCING\./i.test(f))).toEqual([]);

      // The playground plays Excel on the web, which lacks CompressedFile: no Freeze button, a note instead.
      expect(await panel.getByRole("button", { name: "Freeze values" }).count()).toBe(0);
      expect(await panel.locator(".freeze-unavailable").textContent()).toMatch(
        /^Freeze values needs Excel on Windows or Mac/,
      );
      expect(await cspViolations(page)).toEqual([]);
      await page.close();
    });

    it("the panels at 320 px, keyboard only: trials, seed, Run analysis and Export are reached by Tab, with a visible focus ring", async () => {
      const page = await newPage(320, 900);
      await page.goto(`${chromium.origin}/taskpane.html`);
      await page.waitForSelector(".analysis-panel");
      const order: string[] = [];
      for (let i = 0; i < 24; i++) {
        await page.keyboard.press("Tab");
        order.push(
          await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            return el?.id || (el?.tagName === "BUTTON" ? el.textContent : el?.className) || "";
          }),
        );
      }
      const expected = [
        "analysis-trials",
        "analysis-seed",
        "Run analysis",
        "Add a scenarios table",
        "goal-seek-function",
        "goal-seek-target",
        "goal-seek-month",
        "Find the break-even value",
        "Export as native formulas",
      ];
      const positions = expected.map((name) => order.indexOf(name));
      expect(
        positions.every((p) => p >= 0),
        `tab order: ${order.join(" | ")}`,
      ).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      // Run analysis by keyboard; the focused button shows a ring.
      await page.locator(".analysis-run").focus();
      expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe("solid");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await cspViolations(page)).toEqual([]);
      await page.close();
    });
  },
);
