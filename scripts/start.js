#!/usr/bin/env node
/**
 * `npm start`: with Excel desktop installed (Windows, macOS), sideloads the add-in with office-addin-debugging,
 * which also starts the dev server. Without it (Linux, or no Excel found), builds and serves the playground
 * instead: the add-in's task pane beside an in-browser workbook with the sample model (scripts/playground.js).
 *
 *   npm start                    Excel if installed, else the playground
 *   npm start -- --playground    the playground, even with Excel installed
 *   npm start -- --excel         sideload into Excel without looking for it first
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);

/** Where Excel desktop lives by default (Microsoft 365 / Office 2016+ click-to-run and MSI installs). */
function excelInstalled() {
  if (process.platform === "darwin") return fs.existsSync("/Applications/Microsoft Excel.app");
  if (process.platform !== "win32") return false;
  const programFiles = [process.env.ProgramFiles, process.env["ProgramFiles(x86)"], process.env.ProgramW6432].filter(
    Boolean,
  );
  const candidates = programFiles.flatMap((base) => [
    path.join(base, "Microsoft Office", "root", "Office16", "EXCEL.EXE"),
    path.join(base, "Microsoft Office", "Office16", "EXCEL.EXE"),
    path.join(base, "Microsoft Office", "root", "Office15", "EXCEL.EXE"),
  ]);
  return candidates.some((file) => fs.existsSync(file));
}

function sideload() {
  const cli = path.join(root, "node_modules", "office-addin-debugging", "cli.js");
  const result = spawnSync(process.execPath, [cli, "start", path.join(root, "manifest.xml"), "desktop"], {
    cwd: root,
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}

const wantsPlayground = args.includes("--playground");
const wantsExcel = args.includes("--excel");
const unknown = args.filter((a) => a !== "--playground" && a !== "--excel");

if (wantsExcel || (!wantsPlayground && excelInstalled())) {
  sideload();
} else {
  if (!wantsPlayground) {
    console.log(
      `Excel desktop was not found (platform ${process.platform}): starting the playground instead, the add-in's task pane beside an in-browser workbook. (With Excel: \`npm start -- --excel\`, or sideload manifest.xml into Excel on the web.)`,
    );
  }
  require("./playground.js")
    .main(unknown)
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
