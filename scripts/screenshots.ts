/**
 * `npm run screenshots`: one PNG per sheet the add-in writes (inputs, Results, Schedule, Charts, Analysis, Portfolio)
 * and one of the task pane, taken in the playground and saved to docs/screenshots/ for the docs pages.
 *
 * Builds nothing: it serves dist/ as it is, so run `npm run build:addin` first. Uses Debian's Chromium through
 * playwright-core (scripts/chromium.ts), never a downloaded browser. Steps: open the playground (the sample is
 * inserted), Run model, Run analysis (2,000 trials, seed 7), goal seek (both inputs, month 12), then each sheet and
 * the pane; last, the Portfolio panel under two limits (1.5 manager FTE, one transition at a time) and its sheet,
 * taken last because the limits' two rows would show on the inputs sheet.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { browserAvailable, CHROMIUM, launchChromium } from "./chromium";
import { createPlaygroundServer, listen } from "./playground.js";
import {
  addPortfolioLimits,
  openWithSample,
  paneOf,
  routeOfficeJs,
  runAnalysis,
  runGoalSeek,
  runModel,
  runPortfolio,
  showSheet,
} from "./playground-steps";
import { PORTFOLIO_SHEET } from "../src/layout/portfolio-sheet";
import { ANALYSIS_SHEET, CHARTS_SHEET, INPUT_SHEET, RESULTS_SHEET, SCHEDULE_SHEET } from "../src/layout/workbook";

const ROOT = resolve(__dirname, "..");
const DIST = resolve(ROOT, "dist");
const OUT = resolve(ROOT, "docs", "screenshots");
/** Above this a picture is too heavy for the repository: the script says so. */
const MAX_BYTES = 300 * 1024;

const SHEETS: readonly { file: string; sheet: string }[] = [
  { file: "inputs.png", sheet: INPUT_SHEET },
  { file: "results.png", sheet: RESULTS_SHEET },
  { file: "schedule.png", sheet: SCHEDULE_SHEET },
  { file: "charts.png", sheet: CHARTS_SHEET },
  { file: "analysis.png", sheet: ANALYSIS_SHEET },
];

async function main(): Promise<number> {
  if (!existsSync(resolve(DIST, "playground.html"))) {
    console.error("dist/playground.html is missing: run `npm run build:addin` first (this script builds nothing).");
    return 1;
  }
  if (!browserAvailable) {
    console.error(`${CHROMIUM} is missing: install Debian's chromium (npm run setup:system).`);
    return 1;
  }
  mkdirSync(OUT, { recursive: true });
  const server = createPlaygroundServer({ root: DIST, officeStandin: false });
  const origin = `http://127.0.0.1:${await listen(server, 0)}`;
  const browser = await launchChromium();
  let tooLarge = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await routeOfficeJs(page, origin);
    await openWithSample(page, origin);
    await runModel(page);
    await runAnalysis(page, 2000, 7);
    await runGoalSeek(page, 12);
    const shots = [
      ...SHEETS.map(({ file, sheet }) => ({ file, show: () => showSheet(page, sheet), target: "main.workbook" })),
      // The pane as it reads after a run, from the top: status, results and the cumulative-cost chart.
      {
        file: "pane.png",
        show: async () => {
          await showSheet(page, RESULTS_SHEET);
          await page.setViewportSize({ width: 1440, height: 1500 });
          await paneOf(page)
            .locator("body")
            .evaluate(() => window.scrollTo(0, 0));
        },
        target: "aside.pane",
      },
      // The Sourcing Portfolio sheet as the Portfolio panel writes it: summary, load and timeline charts, tables.
      {
        file: "portfolio.png",
        show: async () => {
          await page.setViewportSize({ width: 1440, height: 900 });
          await addPortfolioLimits(page, 1.5, 1);
          await runPortfolio(page);
          await showSheet(page, PORTFOLIO_SHEET);
        },
        target: "main.workbook",
      },
    ];
    for (const { file, show, target } of shots) {
      await show();
      const path = resolve(OUT, file);
      await page.locator(target).screenshot({ path, animations: "disabled" });
      const bytes = statSync(path).size;
      const note = bytes > MAX_BYTES ? `  (over ${MAX_BYTES / 1024} KB: crop or simplify it)` : "";
      if (bytes > MAX_BYTES) tooLarge++;
      console.log(`${file.padEnd(14)} ${(bytes / 1024).toFixed(0).padStart(4)} KB${note}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  return tooLarge > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
