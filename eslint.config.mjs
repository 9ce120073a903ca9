// ESLint flat config, as Microsoft's add-in templates set it up (eslint-plugin-office-addins), with
// typescript-eslint for TypeScript and eslint-config-prettier so formatting is Prettier's alone (`npm run format`).
import js from "@eslint/js";
import prettierConfig from "eslint-config-prettier";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "lib/", "node_modules/", "coverage/", "test-results/", ".bench-out/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierConfig,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Office.js request rules from Microsoft's plugin, where the add-in talks to Excel.
    files: ["src/excel/**/*.ts", "src/taskpane/**/*.ts", "src/functions/**/*.ts", "src/selftest/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    // Production code never imports the Office.js stand-in (tests and the playground do).
    files: ["src/**/*.ts"],
    ignores: ["src/office-standin/**", "src/playground/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/office-standin", "**/office-standin/**"],
              message: "The stand-in is for tests and the playground only.",
            },
          ],
        },
      ],
    },
  },
  {
    // Hosts use the model's public surface, src/model/index.ts, not its files (the stand-in rule above still holds).
    files: ["src/{cli,excel,export,functions,selftest,taskpane}/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/office-standin", "**/office-standin/**"],
              message: "The stand-in is for tests and the playground only.",
            },
            { group: ["../model/*"], message: "Import the model from its index, src/model." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/playground/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["../model/*"], message: "Import the model from its index, src/model." }] },
      ],
    },
  },
  {
    // The stand-in stays independent of the add-in it stands in for.
    files: ["src/office-standin/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["../excel", "../excel/**", "../taskpane/**", "../functions/**"],
              message: "The stand-in must not depend on the add-in.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
