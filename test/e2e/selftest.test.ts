/**
 * The Diagnostics page (dist/selftest.html, as built) in Chromium with the stand-in as its host: the page takes
 * the task pane's place in the playground's frame, beside the in-browser workbook (HyperFormula calculates the
 * SOURCING formulas there), exactly as it takes the pane's place in Excel from the pane's Diagnostics link. The
 * user's click runs the same scenario list as test/selftest; the report is read back from the page.
 */
import type { Frame, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../../src/selftest/scenarios";
import { chromiumServingDist, cspViolations, routeOfficeJs, skipBrowserTests, watchCsp } from "./support";

/** The workbook's sheet names, as the playground holds them. */
const sheetNames = (page: Page) =>
  page.evaluate(() =>
    (
      window as unknown as { sourcingPlayground: { model: { sheets: { name: string }[] } } }
    ).sourcingPlayground.model.sheets.map((s) => s.name),
  );

describe.skipIf(skipBrowserTests)(
  "the Diagnostics page runs the self-test against the stand-in (needs /usr/bin/chromium: skipped without it, failed without it when CI is set)",
  () => {
    const chromium = chromiumServingDist();

    it("reached from the pane's Diagnostics link, runs every scenario on the user's click, reports each, lets the user copy the report and leaves the workbook as it was", async () => {
      const context = await chromium.browser.newContext({
        viewport: { width: 1400, height: 900 },
        permissions: ["clipboard-read", "clipboard-write"],
      });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await watchCsp(page);
      await routeOfficeJs(page, chromium.origin);
      await page.goto(`${chromium.origin}/playground.html?sample=0`);
      await page.waitForSelector("body[data-pane=ready]", { timeout: 20_000 });
      const before = await sheetNames(page);

      // The pane's own link, as a user follows it.
      const paneFrame = page.frameLocator("iframe.pane-frame");
      await paneFrame.locator("#diagnostics-link").click();
      let frame: Frame | undefined;
      await expect
        .poll(() => (frame = page.frames().find((f) => /\/selftest\.html\?from=pane$/.test(f.url()))) !== undefined, {
          timeout: 20_000,
        })
        .toBe(true);
      const selftest = paneFrame;
      await expect.poll(() => selftest.locator("#run-selftest").isEnabled(), { timeout: 20_000 }).toBe(true);
      expect(await selftest.locator("#back-to-pane").isVisible()).toBe(true);
      // Nothing runs before the click.
      expect(await selftest.locator("#selftest-results li").count()).toBe(0);
      expect(await sheetNames(page)).toEqual(before);

      await selftest.locator("#run-selftest").click();
      await expect.poll(() => selftest.locator("#report-section").isVisible(), { timeout: 60_000 }).toBe(true);

      const items = selftest.locator("#selftest-results li");
      const rows = await items.evaluateAll((list) =>
        list.map((li) => ({ status: li.getAttribute("data-status"), text: li.textContent ?? "" })),
      );
      expect(rows.length).toBe(SCENARIOS.length + 2);
      const report = await selftest.locator("#report-text").inputValue();
      expect(report).toMatch(
        /^Sourcing Modeler self-test\nWhen: .+\nExcel: Excel on OfficeOnline, version playground\nRequirement sets: ExcelApi 1\.\d+/,
      );
      expect(
        rows.filter((r) => r.status !== "pass"),
        report,
      ).toEqual([]);
      expect(await selftest.locator("#selftest-status").textContent()).toMatch(/^All \d+ checks passed/);

      // Copy report: the clipboard holds the text shown.
      await selftest.locator("#copy-report").click();
      await expect.poll(() => selftest.locator("#copy-status").textContent()).toBe("Report copied.");
      expect(await frame?.evaluate(() => navigator.clipboard.readText())).toBe(report);

      // Everything it made is gone; no refusal by the CSP, no page error.
      expect(await sheetNames(page)).toEqual(before);
      expect(await cspViolations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    }, 120_000);
  },
);
