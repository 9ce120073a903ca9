/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core, never a downloaded browser: the one launch the
 * end-to-end tests (test/e2e/support.ts) and the screenshot script (scripts/screenshots.ts) share.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const browserAvailable = existsSync(CHROMIUM);

/** Offline and quiet: no sandbox (containers), no GPU, no background traffic; no --user-data-dir (launch refuses it). */
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
