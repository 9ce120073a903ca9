/**
 * The JavaScript the add-in's page loads (every chunk in dist/, the analysis worker's included), and apart from it
 * the portfolio's solver chunk, which the page loads only when a portfolio first runs (webpack.config.js's
 * "portfolio-solver" cache group; src/model/portfolio-solver.ts imports it on demand).
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The chunk YALPS lands in: not part of the page's load, so not counted against the page's budget. */
export const SOLVER_CHUNK = "portfolio-solver.js";

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
  const page = sizes.filter((s) => s.file !== SOLVER_CHUNK);
  const solver = sizes.find((s) => s.file === SOLVER_CHUNK);
  const total = page.reduce((sum, s) => sum + s.bytes, 0);
  return [
    `bundle: the add-in page's script tags: ${loaded.join(", ")} (plus Office.js from Microsoft's CDN)`,
    `bundle: every chunk, minified: ${page.map((s) => `${s.file} ${kilobytes(s.bytes)}`).join(", ")}`,
    `bundle: total ${kilobytes(total)} (target ≤ 300 KB)`,
    solver
      ? `bundle: the portfolio's solver, ${SOLVER_CHUNK} ${kilobytes(solver.bytes)}, loaded only when a portfolio runs (not in the total)`
      : `bundle: no ${SOLVER_CHUNK} in dist/: the solver is not split from the page's chunks`,
  ];
}
