import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests skipped for a missing Chromium or LibreOffice end the run with one line saying how to install them.
    globalSetup: ["./test/support/missing-tools-setup.ts"],
    reporters: ["default", "./test/support/missing-tools-reporter.ts"],
  },
});
