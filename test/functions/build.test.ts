/**
 * What the production build (npm run build:addin, run by npm test first) must contain: functions.json exactly
 * as committed (renaming an id or changing a signature breaks every workbook that uses it), one registration
 * per function, one shared page that loads every chunk, zod once, no HyperFormula, and a size budget.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const dist = resolve(__dirname, "..", "..", "dist");
const read = (file: string) => {
  const path = join(dist, file);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build:addin\` first (npm test does).`);
  return readFileSync(path, "utf8");
};
const FUNCTION_IDS = [
  "DECIDE",
  "CROSSOVER",
  "TOTAL",
  "NPV",
  "SCHEDULE",
  "EXPLAIN",
  "PROBABILITY",
  "BREAKEVENFEE",
  "BREAKEVENRATE",
  "PORTFOLIO",
  "EVPPI",
];
/** The functions that read the whole table rather than one row. */
const TABLE_FUNCTIONS = ["PORTFOLIO"];

interface Metadata {
  functions: { id: string; name: string; parameters: { name: string }[]; options?: { volatile?: boolean } }[];
}

describe("dist/functions.json", () => {
  it("matches the committed snapshot (ids, names, parameters, result types)", () => {
    const built = JSON.parse(read("functions.json")) as Metadata;
    const snapshot = JSON.parse(readFileSync(join(__dirname, "__snapshots__", "functions.json"), "utf8")) as Metadata;
    // On an intended change, copy dist/functions.json over test/functions/__snapshots__/functions.json.
    expect(built).toEqual(snapshot);
  });

  it("declares the eleven SOURCING functions (existing ids first, unchanged) with explicit upper-case ids equal to their names, none volatile", () => {
    const built = JSON.parse(read("functions.json")) as Metadata;
    expect(built.functions.map((f) => f.id)).toEqual(FUNCTION_IDS);
    for (const f of built.functions) {
      expect(f.name).toBe(f.id);
      expect(f.options?.volatile ?? false).toBe(false);
      expect(f.parameters[0].name).toBe(TABLE_FUNCTIONS.includes(f.id) ? "table" : "row");
    }
  });
});

/**
 * The analysis panel's Web Worker (src/taskpane/analysis.worker.ts): the page creates it with new Worker(…) and
 * the worker loads its own chunks (model.js, vendors.js) with importScripts, so the page has no script tag for it.
 * The same holds for the Portfolio panel's Worker (src/taskpane/portfolio.worker.ts) and the one of =SOURCING.PORTFOLIO
 * (src/functions/portfolio.worker.ts).
 */
const WORKER_CHUNK = "analysis-worker.js";
const WORKER_CHUNKS = [WORKER_CHUNK, "portfolio-worker.js", "portfolio-function-worker.js"];

describe("dist bundles", () => {
  const scripts = readdirSync(existsSync(dist) ? dist : __dirname).filter((f) => f.endsWith(".js"));
  /** Entries of other pages: the Diagnostics page (dist/selftest.html) loads its own. */
  const OTHER_PAGE_ENTRIES = ["selftest.js"];
  /**
   * Chunks the page fetches on first use, never at load: the portfolio's solver (src/model/portfolio-solver.ts) and
   * the export and freeze code (src/excel/export.ts). Named by webpack, so a change of split shows here.
   */
  const LAZY_CHUNKS = ["portfolio-solver.js", "export.js"];
  const pageScripts = scripts.filter(
    (f) => !WORKER_CHUNKS.includes(f) && !OTHER_PAGE_ENTRIES.includes(f) && !LAZY_CHUNKS.includes(f),
  );

  it("registers each function exactly once (the metadata plugin writes the associate calls)", () => {
    const code = scripts.map(read).join("\n");
    for (const id of FUNCTION_IDS) {
      expect(code.split(`CustomFunctions.associate("${id}"`).length - 1, id).toBe(1);
    }
  });

  it("has one page that loads every chunk but the workers' and the lazy ones, Office.js first; those chunks exist", () => {
    const html = read("taskpane.html");
    const loaded = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(loaded[0]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    const local = loaded.slice(1).map((src) => src.replace(/\?.*$/, ""));
    // The worker chunk is loaded by the worker, not the page (see WORKER_CHUNK).
    expect(local.sort()).toEqual([...pageScripts].sort());
    expect(local).toEqual(expect.arrayContaining(["functions.js", "taskpane.js"]));
    // Each worker chunk is small because it shares the page's model and vendors chunks rather than bundling its own copies.
    for (const chunk of WORKER_CHUNKS) {
      expect(scripts).toContain(chunk);
      expect(read(chunk)).toMatch(/importScripts/);
    }
    for (const chunk of LAZY_CHUNKS) expect(scripts).toContain(chunk);
  });

  it("bundles zod once and never HyperFormula", () => {
    // zod's error map registers its locale once per copy; count a string only zod's core contains.
    const withZod = scripts.filter((f) => read(f).includes("$ZodType"));
    expect(withZod).toHaveLength(1);
    for (const file of scripts) {
      const code = read(file);
      expect(code, file).not.toMatch(/hyperformula|HyperFormula|gpl-v3/);
    }
  });

  it("keeps the JavaScript the page loads, plus the workers' own chunks, within 350 KB", () => {
    // Counted: every .js in dist/ of the add-in — the page's chunks and the worker chunks (which otherwise load
    // the same model.js and vendors.js, counted once), not the chunks fetched on first use (LAZY_CHUNKS). The
    // playground (dist/playground/) is not the add-in. The budget was 300 KB until the portfolio optimiser and value
    // of information (issues 12 and 13) added about 40 KB of model and pane code the page needs at load.
    expect(pageScripts.length).toBe(
      scripts.length -
        WORKER_CHUNKS.length -
        LAZY_CHUNKS.length -
        OTHER_PAGE_ENTRIES.filter((f) => scripts.includes(f)).length,
    );
    const bytes = [...pageScripts, ...WORKER_CHUNKS].reduce((sum, f) => sum + Buffer.byteLength(read(f)), 0);
    expect(bytes).toBeLessThanOrEqual(350 * 1024);
  });
});
