#!/usr/bin/env node
"use strict";
// Thin launcher: the command line is compiled to lib/ by `npm run build`.
let main;
try {
  ({ main } = require("../lib/cli/main.js"));
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND") {
    console.error("sourcing-model: not built yet. Run `npm run build` first.");
    process.exit(2);
  }
  throw error;
}
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
