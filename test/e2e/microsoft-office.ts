/**
 * Microsoft's own office.js in the browser tests: @microsoft/office-js (pinned in package.json) served from
 * node_modules in place of Microsoft's CDN, as Excel would serve it. The pages keep their real
 * Content-Security-Policy and their real script URL; only the network answer comes from this machine.
 */
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "./support";

export const OFFICE_JS_DIST = resolve(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const CDN_PREFIX = "https://appsforoffice.microsoft.com/lib/1/hosted/";
/** The frame office.js opens for its telemetry (the pane's CSP allows it: frame-src). */
const TELEMETRY_FRAME = "https://telemetryservice.firstpartyapps.oaspapps.com/";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * Routes the CDN to the installed package and answers the telemetry frame with an empty page; every other
 * request off 127.0.0.1 is refused and recorded (a test can assert none was needed).
 */
export async function routeMicrosoftOfficeJs(page: Page): Promise<{ offline: string[]; served: string[] }> {
  const offline: string[] = [];
  const served: string[] = [];
  await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, async (route) => {
    const url = route.request().url();
    if (url.startsWith(CDN_PREFIX)) {
      const relative = normalize(decodeURIComponent(new URL(url).pathname.slice(new URL(CDN_PREFIX).pathname.length)));
      const file = join(OFFICE_JS_DIST, relative);
      if (!relative.startsWith("..") && existsSync(file)) {
        served.push(relative);
        await route.fulfill({
          status: 200,
          contentType: TYPES[extname(file)] ?? "application/octet-stream",
          body: readFileSync(file),
        });
        return;
      }
    }
    if (url.startsWith(TELEMETRY_FRAME)) {
      await route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: "<!doctype html><title>telemetry</title>",
      });
      return;
    }
    offline.push(url);
    await route.abort();
  });
  return { offline, served };
}

/** Page errors and console messages that report a Content-Security-Policy refusal. */
export function watchErrors(page: Page): { pageErrors: string[]; cspConsole: string[] } {
  const pageErrors: string[] = [];
  const cspConsole: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspConsole.push(message.text());
  });
  return { pageErrors, cspConsole };
}
