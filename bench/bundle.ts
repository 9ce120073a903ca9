/** The JavaScript the add-in's page loads (every chunk in dist/, the analysis worker's included). */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function benchBundle(): string[] {
  const dist = join(__dirname, "..", "dist");
  if (!existsSync(join(dist, "taskpane.html"))) return ["bundle: dist/ not built (npm run build:addin)"];
  const html = readFileSync(join(dist, "taskpane.html"), "utf8");
  const loaded = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>?]+)/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src));
  const chunks = readdirSync(dist).filter((f) => f.endsWith(".js"));
  const sizes = chunks.map((f) => ({ file: f, bytes: statSync(join(dist, f)).size }));
  const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
  return [
    `bundle: the add-in page's script tags: ${loaded.join(", ")} (plus Office.js from Microsoft's CDN)`,
    `bundle: every chunk, minified: ${sizes.map((s) => `${s.file} ${(s.bytes / 1024).toFixed(1)} KB`).join(", ")}`,
    `bundle: total ${(total / 1024).toFixed(1)} KB (target ≤ 300 KB)`,
  ];
}
