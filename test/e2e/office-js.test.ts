/**
 * The add-in's pages with Microsoft's real office.js (@microsoft/office-js, served locally in place of the CDN)
 * under their real Content-Security-Policy, in Chromium, outside Office: no CSP violation, no page error, and each
 * page says plainly how to open it in Excel. Excel itself is what docs/excel-acceptance.md checks by hand.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { NO_OFFICE_JS_MESSAGE, OUTSIDE_EXCEL_MESSAGE } from "../../src/taskpane/outside-excel";
import { OFFICE_JS_DIST, routeMicrosoftOfficeJs, watchErrors } from "./microsoft-office";
import { chromiumServingDist, DIST, cspViolations, skipBrowserTests, watchCsp } from "./support";

describe.skipIf(skipBrowserTests)(
  "the pages with Microsoft's office.js, outside Office (needs /usr/bin/chromium: skipped without it, failed without it when CI is set)",
  () => {
    const chromium = chromiumServingDist();

    async function open(path: string): Promise<{
      page: Page;
      errors: ReturnType<typeof watchErrors>;
      network: Awaited<ReturnType<typeof routeMicrosoftOfficeJs>>;
    }> {
      const page = await chromium.browser.newPage();
      await watchCsp(page);
      const errors = watchErrors(page);
      const network = await routeMicrosoftOfficeJs(page);
      await page.goto(`${chromium.origin}/${path}`);
      return { page, errors, network };
    }

    it("uses the pinned package, and the built pages still name Microsoft's CDN", () => {
      const version = (
        JSON.parse(readFileSync(resolve(OFFICE_JS_DIST, "..", "package.json"), "utf8")) as { version: string }
      ).version;
      expect(version).toBe("1.1.110");
      for (const page of ["taskpane.html", "selftest.html"]) {
        expect(readFileSync(resolve(DIST, page), "utf8")).toMatch(
          /<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?>/,
        );
      }
    });

    it("the task pane: Office.js loads under the pane's CSP, nothing is refused, and the pane says how to open it in Excel", async () => {
      const { page, errors, network } = await open("taskpane.html");
      const message = page.locator("#outside-excel");
      await expect.poll(() => message.isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await message.textContent()).toBe(OUTSIDE_EXCEL_MESSAGE);
      expect(await page.locator("#pane-main").isHidden()).toBe(true);
      // Office.js went on past onReady (its telemetry starts a little later): give it time to do what it does.
      await page.waitForTimeout(1500);
      expect(network.served).toContain("office.js");
      expect(await cspViolations(page)).toEqual([]);
      expect(errors.cspConsole).toEqual([]);
      expect(errors.pageErrors).toEqual([]);
      await page.close();
    });

    it("the check sees a refusal: with the old policy (style-src without 'unsafe-inline') Office.js's inline styles are refused", async () => {
      const page = await chromium.browser.newPage();
      await watchCsp(page);
      await routeMicrosoftOfficeJs(page);
      await page.route(`${chromium.origin}/taskpane.html`, async (route) => {
        const built = readFileSync(resolve(DIST, "taskpane.html"), "utf8");
        const old = built.replace("style-src 'self' 'unsafe-inline'", "style-src 'self'");
        expect(old).not.toBe(built);
        await route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: old });
      });
      await page.goto(`${chromium.origin}/taskpane.html`);
      await expect.poll(async () => (await cspViolations(page)).join("\n"), { timeout: 20_000 }).toMatch(/^style-src/m);
      await page.close();
    });

    it("the Diagnostics page: the same, and its Run button stays off outside Excel", async () => {
      const { page, errors } = await open("selftest.html");
      const status = page.locator("#selftest-status");
      await expect
        .poll(() => status.textContent(), { timeout: 20_000 })
        .toMatch(/^This page runs inside Excel only\. .*Home > Sourcing > Diagnostics/);
      expect(await page.locator("#run-selftest").isDisabled()).toBe(true);
      await page.waitForTimeout(1500);
      expect(await cspViolations(page)).toEqual([]);
      expect(errors.cspConsole).toEqual([]);
      expect(errors.pageErrors).toEqual([]);
      await page.close();
    });

    it("without Office.js (the CDN blocked by a network or proxy), the pane and Diagnostics say so instead of staying blank", async () => {
      for (const [path, selector] of [
        ["taskpane.html", "#outside-excel"],
        ["selftest.html", "#selftest-status"],
      ] as const) {
        const page = await chromium.browser.newPage();
        await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
        await page.goto(`${chromium.origin}/${path}`);
        // The functions bundle needs Office.js and fails without it; what the user reads is the point here.
        await expect.poll(() => page.locator(selector).textContent(), { timeout: 20_000 }).toBe(NO_OFFICE_JS_MESSAGE);
        await page.close();
      }
    });

    it("the help page (the manifest's SupportUrl) loads without script and without a refusal", async () => {
      const { page, errors } = await open("help.html");
      expect(await page.locator("h1").textContent()).toBe("Sourcing Modeler help");
      expect(await page.getByRole("heading", { name: "How to report a problem" }).isVisible()).toBe(true);
      expect(await cspViolations(page)).toEqual([]);
      expect(errors.pageErrors).toEqual([]);
      await page.close();
    });
  },
);
