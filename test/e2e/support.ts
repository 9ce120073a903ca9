/**
 * Real Chromium for the end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core (never a
 * downloaded browser), dist/ served on 127.0.0.1 by the playground's own server on a free port.
 */
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../scripts/chromium";
import { createPlaygroundServer, listen } from "../../scripts/playground.js";
import { afterAll, beforeAll } from "vitest";
import { skipWithout } from "../support/system-tools";

export { CHROMIUM, browserAvailable, launchChromium } from "../../scripts/chromium";
export { routeOfficeJs } from "../../scripts/playground-steps";
/** Without the browser the tests are skipped on a developer machine; in CI (CI set) they run and fail. */
export const skipBrowserTests = skipWithout("chromium");

export const ROOT = resolve(__dirname, "..", "..");
export const DIST = resolve(ROOT, "dist");
export const RESULTS_DIR = resolve(ROOT, "test-results");

export async function serveDist(officeStandin: boolean): Promise<{ server: Server; origin: string }> {
  if (!existsSync(resolve(DIST, "playground.html")))
    throw new Error("dist/playground.html is missing: run `npm run build` first (npm test does).");
  const server = createPlaygroundServer({ root: DIST, officeStandin });
  const port = await listen(server, 0);
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * One Chromium and one server of dist/ for a test file's describe block: started before its tests, closed after.
 * Read `browser` and `origin` inside tests (they exist once beforeAll has run).
 */
export function chromiumServingDist(officeStandin = false): { readonly browser: Browser; readonly origin: string } {
  let browser: Browser | undefined;
  let served: { server: Server; origin: string } | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    served = await serveDist(officeStandin);
  });
  afterAll(async () => {
    await browser?.close();
    served?.server.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error("Chromium is not running yet: use it inside a test.");
      return browser;
    },
    get origin() {
      if (!served) throw new Error("dist/ is not served yet: use it inside a test.");
      return served.origin;
    },
  };
}

/** Records Content-Security-Policy violations in every frame (read with cspViolations). */
export async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener("securitypolicyviolation", (event) =>
      list.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
}

export async function cspViolations(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const frame of page.frames())
    out.push(...(await frame.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])));
  return out;
}
