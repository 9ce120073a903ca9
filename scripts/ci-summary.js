#!/usr/bin/env node
"use strict";
// Prints "N passed, N failed[, N skipped]" from vitest's JSON report; exits 1 when a test failed or none ran.
const fs = require("fs");

const file = process.argv[2] || "test-results/vitest.json";
let report;
try {
  report = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (error) {
  console.log("0 passed, 1 failed");
  console.error(`ci-summary: cannot read ${file}: ${error.message}`);
  process.exit(1);
}
const passed = report.numPassedTests || 0;
const failed = (report.numFailedTests || 0) + (report.numFailedTestSuites || 0);
const skipped = (report.numPendingTests || 0) + (report.numTodoTests || 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (failed > 0 || passed === 0) process.exit(1);
