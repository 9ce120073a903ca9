#!/usr/bin/env node
/**
 * `npm start`: sideloads the add-in into Excel desktop (Windows, macOS) with office-addin-debugging, which also
 * starts the dev server. Elsewhere there is no Excel desktop to sideload into: say so in one line and exit 0.
 */
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const SUPPORTED = new Set(["win32", "darwin"]);

if (!SUPPORTED.has(process.platform)) {
  console.log(`Excel desktop was not found (platform ${process.platform}); try the add-in in the browser playground with \`npm run playground\`, or sideload manifest.xml into Excel on the web.`);
  process.exit(0);
}

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "node_modules", "office-addin-debugging", "cli.js");
const result = spawnSync(process.execPath, [cli, "start", path.join(root, "manifest.xml"), "desktop"], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
