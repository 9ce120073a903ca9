/**
 * The playground driven as a person drives it, for the screenshot script and the on-screen tests: open it (the
 * sample is inserted), Run model, Run analysis, goal seek, give the portfolio its limits and run it, show a sheet. Each step waits for the pane's own status
 * to say it is done (playwright's waiting, so no test runner is needed).
 */
import type { FrameLocator, Page } from "playwright-core";
import { OFFICE_JS_URL } from "./playground.js";

export const paneOf = (page: Page): FrameLocator => page.frameLocator("iframe.pane-frame");

/** Waits until `locator`'s text matches `pattern` (the pane's status lines). */
async function waitForText(locator: ReturnType<FrameLocator["locator"]>, pattern: RegExp, timeout = 60_000) {
  await locator.filter({ hasText: pattern }).waitFor({ timeout });
}

/** Answers Microsoft's Office.js URL with the playground's stand-in, as Excel would answer it with the real one. */
export async function routeOfficeJs(page: Page, origin: string): Promise<void> {
  await page.route(OFFICE_JS_URL, async (route) => {
    const response = await page.request.get(`${origin}/playground/office.js`);
    await route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: await response.body() });
  });
}

/** Opens the playground; the pane inserts the sample model on its own. */
export async function openWithSample(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/playground.html`);
  await page.waitForSelector("body[data-pane=ready]", { timeout: 30_000 });
  await waitForText(paneOf(page).locator("#status"), /^Sample model inserted/);
}

export async function runModel(page: Page): Promise<void> {
  await paneOf(page).locator("#run-model").click();
  await waitForText(paneOf(page).locator("#status"), /^Modelled/);
}

/** Run analysis with the given trials and seed: the simulation, the tornado and the scenarios. */
export async function runAnalysis(page: Page, trials: number, seed: number): Promise<void> {
  const panel = paneOf(page).locator(".analysis-panel");
  await panel.locator(".analysis-trials").fill(String(trials));
  await panel.locator(".analysis-seed").fill(String(seed));
  await panel.locator(".analysis-run").click();
  await waitForText(panel.locator(".analysis-status"), /^Done:/);
}

/** Goal seek for every function, both the fee and the rate, break-even by `month`. */
export async function runGoalSeek(page: Page, month: number): Promise<void> {
  const form = paneOf(page).locator(".goal-seek-panel");
  await form.getByLabel("Solve for").selectOption("both");
  await form.getByLabel("Break-even by month").fill(String(month));
  await form.getByRole("button", { name: "Find the break-even value" }).click();
  await waitForText(form.locator(".goal-seek-status"), /^Done:/);
}

/** Selects a sheet's tab and waits until the grid shows it, scrolled to A1. */
export async function showSheet(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name, exact: true }).click();
  await page.locator(".sheet-tab-active").filter({ hasText: name }).waitFor();
  await page.locator("#grid").evaluate((grid) => grid.scrollTo(0, 0));
}

/**
 * Types the two limits in the rows under the sample's SourcingAssumptions table, which takes them in as Excel's
 * AutoExpansion does (the stand-in has no such rule, so the step grows the table itself).
 */
export async function addPortfolioLimits(page: Page, capacityFte: number, maxTransitions: number): Promise<string> {
  return page.evaluate(
    ({ capacityFte, maxTransitions }) => {
      type Rect = { row: number; column: number; rowCount: number; columnCount: number };
      type Table = { name: string; rect: Rect; sheet: { name: string } };
      type Model = {
        table(name: string): Table | undefined;
        userInput(sheet: string, ref: string, values: (string | number)[][]): void;
        structureChanged(): void;
      };
      const model = (window as unknown as { sourcingPlayground: { model: Model } }).sourcingPlayground.model;
      const table = model.table("SourcingAssumptions");
      if (!table) throw new Error("the sample has no SourcingAssumptions table");
      const { row, column, rowCount } = table.rect;
      // No helper functions in here: tsx (the screenshot script) would wrap them in a __name the page lacks.
      const [labels, values] = [String.fromCharCode(65 + column), String.fromCharCode(66 + column)];
      const [capacityRow, transitionsRow] = [row + rowCount + 1, row + rowCount + 2];
      model.userInput(table.sheet.name, `${labels}${capacityRow}:${values}${transitionsRow}`, [
        ["Management capacity (manager FTE)", capacityFte],
        ["Max concurrent transitions", maxTransitions],
      ]);
      // Excel's table AutoExpansion: rows typed right under a table join it.
      table.rect = { ...table.rect, rowCount: rowCount + 2 };
      model.structureChanged();
      // The capacity's value cell, as the panel names it.
      return `${values}${capacityRow}`;
    },
    { capacityFte, maxTransitions },
  );
}

/** Clicks Optimise the portfolio and waits until the panel says it is done. */
export async function runPortfolio(page: Page): Promise<void> {
  const panel = paneOf(page).locator(".portfolio-panel");
  await panel.getByRole("button", { name: "Optimise the portfolio" }).click();
  await waitForText(panel.locator(".portfolio-status"), /^Done:/);
}
