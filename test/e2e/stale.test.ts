/**
 * What a CFO sees after an edit with Live off, and after Run model from an output sheet, in the playground
 * (dist/playground.html with the add-in's own pane, in Chromium): the pane and the Results sheet say the results
 * are out of date until the next run; a run from Sourcing Schedule lands on Sourcing Results, tabs in order;
 * keyboard focus stays on Run model.
 */
import type { FrameLocator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { STALE_RESULTS_NOTE } from "../../src/excel";
import { CHARTS_SHEET, INPUT_SHEET, RESULTS_SHEET, SCHEDULE_SHEET } from "../../src/layout/workbook";
import { SAMPLE_FUNCTION_COLUMNS } from "../../src/model";
import { STALE_STATUS_TEXT } from "../../src/taskpane/view-model";
import { chromiumServingDist, routeOfficeJs, skipBrowserTests, watchCsp, cspViolations } from "./support";

const pane = (page: Page): FrameLocator => page.frameLocator("iframe.pane-frame");
const cell = (page: Page, address: string) => page.locator(`#grid td[data-cell="${address}"]`);
/** The sample's first function row (src/excel/sample.ts: header on row 4) and its BPO fee column. */
const BPO_FEE = `${String.fromCharCode("A".charCodeAt(0) + SAMPLE_FUNCTION_COLUMNS.indexOf("bpoMonthlyFeePerFte"))}5`;

const tabs = (page: Page) => page.locator(".sheet-tab").allTextContents();
const activeTab = (page: Page) => page.locator(".sheet-tab-active").textContent();

async function showSheet(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name, exact: true }).click();
  await expect.poll(() => activeTab(page)).toBe(name);
}

/** Run model by keyboard, as a keyboard user does: focus the button, Enter; waits for the results. */
async function runByKeyboard(page: Page): Promise<void> {
  const button = pane(page).locator("#run-model");
  await button.focus();
  await button.press("Enter");
  await expect.poll(() => pane(page).locator("#status").textContent(), { timeout: 20_000 }).toMatch(/^Modelled/);
  await expect.poll(() => button.getAttribute("aria-busy")).toBe("false");
}

const paneFocus = (page: Page) =>
  pane(page)
    .locator("body")
    .evaluate(() => document.activeElement?.id || document.activeElement?.tagName.toLowerCase());

describe.skipIf(skipBrowserTests)("never silently stale, and a run keeps the user's place (Chromium)", () => {
  const chromium = chromiumServingDist();

  it("with Live off, a fee edited after a run marks the pane and the Results sheet out of date until Run model", async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await watchCsp(page);
    await routeOfficeJs(page, chromium.origin);
    await page.goto(`${chromium.origin}/playground.html?sample=0`);
    await page.waitForSelector("body[data-pane=ready]", { timeout: 20_000 });
    await pane(page).locator("#insert-sample").click();
    await expect.poll(() => pane(page).locator("#status").textContent()).toMatch(/^Sample model inserted/);
    await runByKeyboard(page);
    expect(await paneFocus(page)).toBe("run-model");
    expect(await pane(page).locator("#live-toggle").isChecked()).toBe(false);

    // The user edits a fee in the grid (select, type, Enter), Live off.
    await cell(page, BPO_FEE).click();
    await page.keyboard.type("3900");
    await page.keyboard.press("Enter");
    await expect.poll(() => pane(page).locator("#status").textContent(), { timeout: 20_000 }).toBe(STALE_STATUS_TEXT);
    expect(await pane(page).locator("#status").getAttribute("data-kind")).toBe("stale");
    expect(await pane(page).locator("#run-model").getAttribute("data-stale")).toBe("true");
    await showSheet(page, RESULTS_SHEET);
    await expect.poll(() => cell(page, "A1").textContent()).toBe(STALE_RESULTS_NOTE);

    // Run model from Sourcing Schedule: fresh results, no note, and the user lands on Sourcing Results.
    await showSheet(page, SCHEDULE_SHEET);
    await cell(page, "C7").click();
    await runByKeyboard(page);
    expect(await paneFocus(page)).toBe("run-model");
    expect(await pane(page).locator("#run-model").getAttribute("data-stale")).toBe("false");
    await expect.poll(() => activeTab(page)).toBe(RESULTS_SHEET);
    expect(await cell(page, "A1").textContent()).not.toBe(STALE_RESULTS_NOTE);
    const order = await tabs(page);
    expect(order.slice(order.indexOf(INPUT_SHEET))).toEqual([INPUT_SHEET, RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET]);
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });
});
