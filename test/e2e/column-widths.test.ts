/**
 * Amounts fit their columns as the playground draws them (issue 14, item 1): after Insert sample and Run model,
 * every number cell on Sourcing Results and Sourcing Schedule shows its whole text (the cell's scrollWidth is
 * within its clientWidth: nothing cut, no ellipsis), and the Results' rationale wraps inside its column.
 */
import type { FrameLocator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { RESULTS_SHEET, SCHEDULE_SHEET } from "../../src/layout/workbook";
import { chromiumServingDist, routeOfficeJs, skipBrowserTests } from "./support";

const pane = (page: Page): FrameLocator => page.frameLocator("iframe.pane-frame");

async function showSheet(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name, exact: true }).click();
  await expect.poll(() => page.locator(".sheet-tab-active").textContent()).toBe(name);
}

/** Every drawn number cell of the sheet on screen: its address, text, and whether the text is wider than the cell. */
const numberCells = (page: Page) =>
  page.evaluate(() => {
    const lineCount = (td: HTMLElement): number => {
      const text = document.createRange();
      text.selectNodeContents(td);
      return new Set([...text.getClientRects()].map((rect) => Math.round(rect.top))).size;
    };
    return [...document.querySelectorAll<HTMLTableCellElement>("#grid td.cell-number")].map((td) => ({
      address: td.getAttribute("data-cell") ?? "",
      text: td.textContent ?? "",
      // Cut: wider than the cell (clipped or ellipsed), or broken over more than one line.
      cut: td.scrollWidth > td.clientWidth || lineCount(td) > 1,
    }));
  });

describe.skipIf(skipBrowserTests)("column widths in the playground (needs /usr/bin/chromium)", () => {
  const chromium = chromiumServingDist();

  it("no number on Sourcing Results or Sourcing Schedule is cut, and the rationale wraps", async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await routeOfficeJs(page, chromium.origin);
    await page.goto(`${chromium.origin}/playground.html?sample=0`);
    await page.waitForSelector("body[data-pane=ready]", { timeout: 20_000 });
    await pane(page).locator("#insert-sample").click();
    await expect.poll(() => pane(page).locator("#status").textContent()).toMatch(/^Sample model inserted/);
    await pane(page).locator("#run-model").click();
    await expect.poll(() => pane(page).locator("#status").textContent(), { timeout: 20_000 }).toMatch(/^Modelled/);

    for (const sheet of [RESULTS_SHEET, SCHEDULE_SHEET]) {
      await showSheet(page, sheet);
      const cells = await numberCells(page);
      // The sample's amounts are in the millions: "2,564,800" and wider.
      expect(cells.filter((c) => /^\(?\d{1,3}(,\d{3}){2,}\)?$/.test(c.text)).length, sheet).toBeGreaterThan(3);
      expect(
        cells.filter((c) => c.cut),
        sheet,
      ).toEqual([]);
    }

    await showSheet(page, RESULTS_SHEET);
    const rationale = await page.evaluate(() => {
      const td = document.querySelector<HTMLTableCellElement>('#grid td[data-cell="M4"]');
      return td
        ? { wraps: td.classList.contains("cell-wrap"), height: td.offsetHeight, cut: td.scrollWidth > td.clientWidth }
        : null;
    });
    expect(rationale).toMatchObject({ wraps: true, cut: false });
    expect(rationale?.height ?? 0).toBeGreaterThan(22); // more than one line
    await page.close();
  });
});
