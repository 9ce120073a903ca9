// Preloaded into a measured CLI run (see support.ts): on exit, writes the process's peak resident memory
// (KiB, from the kernel's own accounting) to the file named by SOURCING_MEASURE_FILE.
"use strict";
const { writeFileSync } = require("node:fs");
const target = process.env.SOURCING_MEASURE_FILE;
if (target) {
  process.on("exit", () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
