/**
 * =SOURCING.PORTFOLIO as Excel's shared runtime runs it: the built page (dist/taskpane.html, its real CSP) loads
 * functions.js, which registers the function; called, it solves in the portfolio Worker (its own chunk, loaded by
 * importScripts under worker-src 'self') and answers what the in-process solve answers in Node.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { OFFICE_JS_URL } from "../../scripts/playground.js";
import { createPortfolioFunction, solveHere } from "../../src/functions/portfolio";
import type { SourcingFailure } from "../../src/functions/sourcing";
import {
  ASSUMPTION_HEADERS,
  sampleAssumptionRows,
  sampleFunctionHeaders,
  sampleFunctionRows,
} from "../../src/layout/workbook";
import type { CellValue } from "../../src/model";
import { chromiumServingDist, cspViolations, skipBrowserTests, watchCsp } from "../e2e/support";

/**
 * Just enough of Office.js for the functions bundle: CustomFunctions.associate keeps each implementation on
 * window.__sourcingFunctions so the test can call it as Excel would. Office never becomes ready (the pane waits).
 */
const OFFICE_STANDIN = `
window.__sourcingFunctions = {};
class CustomFunctionsError extends Error {
  constructor(code, message) { super(message || code); this.code = code; }
}
window.CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  associate(id, fn) { window.__sourcingFunctions[id] = fn; },
};
window.Office = { onReady: () => new Promise(() => {}), context: {} };
`;

const headers = [sampleFunctionHeaders()];
const rows = sampleFunctionRows();
const assumptions: CellValue[][] = [
  [...ASSUMPTION_HEADERS],
  ...sampleAssumptionRows(),
  ["Management capacity (manager FTE)", 1.5, ""],
  ["Max concurrent transitions", 1, ""],
];

type Called = { ok: true; value: unknown } | { ok: false; code: string; message: string };

async function callPortfolio(page: Page, args: unknown[]): Promise<Called> {
  return page.evaluate(async (given) => {
    const registered = (window as unknown as { __sourcingFunctions: Record<string, (...a: unknown[]) => unknown> })
      .__sourcingFunctions;
    try {
      return { ok: true as const, value: await registered.PORTFOLIO(...given) };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      return { ok: false as const, code: e.code ?? "", message: e.message ?? String(error) };
    }
  }, args);
}

describe.skipIf(skipBrowserTests)(
  "=SOURCING.PORTFOLIO in Chromium through its Worker (needs /usr/bin/chromium and dist/: skipped without Chromium, failed without it when CI is set)",
  () => {
    const chromium = chromiumServingDist();

    it("registers PORTFOLIO, solves in the portfolio Worker and spills the plan Node computes; bad input is #VALUE! with the reason", async () => {
      const page = await chromium.browser.newPage();
      await watchCsp(page);
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      const workers: string[] = [];
      page.on("worker", (worker) => workers.push(worker.url()));
      await page.route(OFFICE_JS_URL, (route) =>
        route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: OFFICE_STANDIN }),
      );
      await page.goto(`${chromium.origin}/taskpane.html`);
      await page.waitForFunction(
        () => "PORTFOLIO" in (window as unknown as { __sourcingFunctions: object }).__sourcingFunctions,
      );

      const errors = {
        invalidValue: (message: string): SourcingFailure => ({ kind: "invalidValue", message }),
        notAvailable: (message: string): SourcingFailure => ({ kind: "notAvailable", message }),
      };
      const expected = await createPortfolioFunction(errors, solveHere).portfolio(rows, headers, assumptions);
      expect(await callPortfolio(page, [rows, headers, assumptions, null])).toEqual({ ok: true, value: expected });
      expect(workers.some((url) => url.endsWith("/portfolio-function-worker.js"))).toBe(true);

      const bad = await callPortfolio(page, [
        rows,
        headers,
        [...assumptions, ["Transition start step (months)", 0]],
        null,
      ]);
      expect(bad).toMatchObject({
        ok: false,
        code: "#VALUE!",
        message: expect.stringMatching(/^Assumption: .*start step/i),
      });
      expect(await cspViolations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
      await page.close();
    });
  },
);
