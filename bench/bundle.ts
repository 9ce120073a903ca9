/**
 * The JavaScript the add-in's page loads (every chunk in dist/, the workers' included), and apart from it the chunks
 * fetched on first use: the portfolio's solver (webpack.config.js's "portfolio-solver" cache group, imported on demand
 * by src/model/portfolio-solver.ts) and the export and freeze code (imported on demand by src/excel/export.ts).
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Chunks the page fetches on first use (the portfolio's solver; the export and freeze code): not in its budget. */
export const LAZY_CHUNKS = ["portfolio-solver.js", "export.js"];

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function benchBundle(): string[] {
  const dist = join(__dirname, "..", "dist");
  if (!existsSync(join(dist, "taskpane.html"))) return ["bundle: dist/ not built (npm run build:addin)"];
  const html = readFileSync(join(dist, "taskpane.html"), "utf8");
  const loaded = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>?]+)/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src));
  const chunks = readdirSync(dist).filter((f) => f.endsWith(".js"));
  const sizes = chunks.map((f) => ({ file: f, bytes: statSync(join(dist, f)).size }));
  const page = sizes.filter((s) => !LAZY_CHUNKS.includes(s.file));
  const lazy = sizes.filter((s) => LAZY_CHUNKS.includes(s.file));
  const total = page.reduce((sum, s) => sum + s.bytes, 0);
  return [
    `bundle: the add-in page's script tags: ${loaded.join(", ")} (plus Office.js from Microsoft's CDN)`,
    `bundle: every chunk, minified: ${page.map((s) => `${s.file} ${kilobytes(s.bytes)}`).join(", ")}`,
    `bundle: total ${kilobytes(total)} (target ≤ 350 KB; test/functions/build.test.ts)`,
    lazy.length === LAZY_CHUNKS.length
      ? `bundle: fetched on first use, not in the total: ${lazy.map((s) => `${s.file} ${kilobytes(s.bytes)}`).join(", ")}`
      : `bundle: missing from dist/: ${LAZY_CHUNKS.filter((f) => !lazy.some((s) => s.file === f)).join(", ")} (not split from the page's chunks)`,
  ];
}
