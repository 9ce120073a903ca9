/**
 * What a reader sees fits (issue 14, items 1 and 6), read from the screen as the playground draws it, not from the
 * values: after Insert sample and Run model, every number cell on Sourcing Results and Sourcing Schedule shows its
 * whole text (the cell's scrollWidth is within its clientWidth: nothing cut, no ellipsis, on one line), and the
 * Results' rationale wraps inside its column; after Run analysis and a goal seek, the same holds on Sourcing
 * Analysis, and no chart label there is cut. Text cells are read too: the playground draws them in a face as
 * narrow as Excel's Calibri, which the widths assume.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ANALYSIS_SHEET, RESULTS_SHEET, SCHEDULE_SHEET } from "../../src/layout/workbook";
import { PORTFOLIO_SHEET } from "../../src/layout/portfolio-sheet";
import {
  addPortfolioLimits,
  openWithSample,
  runAnalysis,
  runGoalSeek,
  runModel,
  runPortfolio,
  showSheet,
} from "../../scripts/playground-steps";
import { chromiumServingDist, routeOfficeJs, skipBrowserTests } from "./support";

/**
 * The sheets whose numbers and text are read on screen after Run model; each must show some large amounts in full
 * ("2,564,800", "(123,559)"). The Sourcing Portfolio sheet, written by the Portfolio panel rather than Run model,
 * is read in a test of its own below.
 */
const MODEL_SHEETS = [RESULTS_SHEET, SCHEDULE_SHEET];
const LARGE_AMOUNT = /^\(?\d{1,3}(,\d{3}){1,}\)?$/;

/**
 * Every drawn cell of the sheet on screen with text: its address, text, whether it is a number, and whether the text
 * is wider than the cell. Cells that wrap (headers, the rationale) or run into empty neighbours (the notes) are left
 * out: they show their whole text by design.
 */
const drawnCells = (page: Page) =>
  page.evaluate(() => {
    const lineCount = (td: HTMLElement): number => {
      const text = document.createRange();
      text.selectNodeContents(td);
      return new Set([...text.getClientRects()].map((rect) => Math.round(rect.top))).size;
    };
    return [...document.querySelectorAll<HTMLTableCellElement>("#grid td.cell:not(.cell-wrap):not(.cell-overflow)")]
      .filter((td) => (td.textContent ?? "") !== "")
      .map((td) => ({
        address: td.getAttribute("data-cell") ?? "",
        text: td.textContent ?? "",
        number: td.classList.contains("cell-number"),
        // Cut: wider than the cell (clipped or ellipsed), or broken over more than one line.
        cut: td.scrollWidth > td.clientWidth || lineCount(td) > 1,
      }));
  });

/**
 * A sheet as read: enough large amounts drawn, no number cut or shown as Excel's ##### for too narrow a column,
 * and no text cut ("Customer sup…", "None within 36 mon…").
 */
async function expectReadsWhole(page: Page, sheet: string): Promise<void> {
  await showSheet(page, sheet);
  const cells = await drawnCells(page);
  const numbers = cells.filter((c) => c.number);
  expect(numbers.filter((c) => LARGE_AMOUNT.test(c.text)).length, sheet).toBeGreaterThan(3);
  expect(
    numbers.filter((c) => c.cut || /^#+$/.test(c.text)),
    sheet,
  ).toEqual([]);
  expect(
    cells.filter((c) => !c.number && c.cut),
    sheet,
  ).toEqual([]);
}

/** Every text drawn in the sheet's charts, with whether it runs outside its chart's picture or ends in "…". */
const chartTexts = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<SVGSVGElement>(".grid-chart svg.line-chart-svg")].flatMap((svg) => {
      const frame = svg.getBoundingClientRect();
      return [...svg.querySelectorAll<SVGTextElement>("text")].map((text) => {
        const box = text.getBoundingClientRect();
        return {
          text: text.textContent ?? "",
          kind: text.getAttribute("class") ?? "",
          cut: (text.textContent ?? "").includes("…") || box.left < frame.left - 1 || box.right > frame.right + 1,
        };
      });
    }),
  );

describe.skipIf(skipBrowserTests)("what the playground shows fits (needs /usr/bin/chromium)", () => {
  const chromium = chromiumServingDist();

  async function modelled(): Promise<Page> {
    const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await routeOfficeJs(page, chromium.origin);
    await openWithSample(page, chromium.origin);
    await runModel(page);
    return page;
  }

  it("no number or text on Sourcing Results or Sourcing Schedule is cut, and the rationale wraps", async () => {
    const page = await modelled();
    for (const sheet of MODEL_SHEETS) await expectReadsWhole(page, sheet);

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

  it("after Run analysis and a goal seek, no number or text on Sourcing Analysis is cut, nor any chart label", async () => {
    const page = await modelled();
    await runAnalysis(page, 2000, 7);
    await runGoalSeek(page, 12);
    await expectReadsWhole(page, ANALYSIS_SHEET);

    const texts = await chartTexts(page);
    // The histograms' ranges ("258k–290k") and the tornados' short input names are drawn, whole.
    expect(texts.filter((t) => t.kind === "chart-category-label" && /–/.test(t.text)).length).toBeGreaterThan(10);
    expect(texts.filter((t) => t.text === "BPO fee").length).toBeGreaterThan(0);
    expect(texts.filter((t) => t.kind === "chart-axis-title").map((t) => t.text)).toContain(
      "Change in BPO saving (USD)",
    );
    expect(texts.filter((t) => t.cut)).toEqual([]);
    await page.close();
  });

  it("after a portfolio run under both limits, no number or text on Sourcing Portfolio is cut", async () => {
    const page = await modelled();
    await addPortfolioLimits(page, 1.5, 1);
    await runPortfolio(page);
    await expectReadsWhole(page, PORTFOLIO_SHEET);
    // The timeline (BarStacked) is drawn as bars, each phase its segment, labelled with its months, whole.
    const segments = await page.locator('.grid-chart[data-chart-type="BarStacked"] rect.bar-chart-bar').count();
    expect(segments).toBeGreaterThan(0);
    const texts = await chartTexts(page);
    const labels = texts.filter((t) => t.kind === "chart-data-label");
    expect(labels).toHaveLength(segments);
    for (const label of labels) expect(label.text).toMatch(/^\d+$/);
    expect(texts.filter((t) => t.cut)).toEqual([]);
    await page.close();
  });
});
