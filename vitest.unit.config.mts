/**
 * `npm run test:unit`: the tests that need no build and no system program, so they run on a fresh clone right
 * after `npm ci`. Everything else in vitest.config.mts still applies.
 */
import { configDefaults, defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.mts";

/** Tests left out, and what each needs. */
const NEEDS_BUILD_OR_SYSTEM_PROGRAM = [
  "test/e2e/**", // dist/ (npm run build:addin) and Chromium
  "test/hostile/**", // the built command line, lib/ (npm run build:cli)
  "test/cli/cli.test.ts", // lib/
  "test/cli/analysis-commands.test.ts", // lib/
  "test/functions/build.test.ts", // dist/
  "test/manifest/**", // dist/
  "test/analysis/worker.test.ts", // Chromium
  "test/export/libreoffice.test.ts", // LibreOffice
];

export default mergeConfig(
  base,
  defineConfig({ test: { exclude: [...configDefaults.exclude, ...NEEDS_BUILD_OR_SYSTEM_PROGRAM] } }),
);
