/** docs/value-of-information.md and docs/cli.md quote real figures: they must be what the model gives today. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatMoney, sampleInput, valueOfInformation, type ModelInput } from "../../src/model";
import { voiJson, voiReport } from "../../src/cli/voi";

const DOCS = join(__dirname, "..", "..", "docs");
const page = readFileSync(join(DOCS, "value-of-information.md"), "utf8");

/** The fenced blocks of a markdown page with the given language ("" for none). */
const fenced = (markdown: string, language: string): string[] =>
  [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === language).map((m) => m[2]);

describe("docs/value-of-information.md", () => {
  it("the react.json example prints exactly what the page shows", () => {
    const [example] = fenced(page, "json");
    const input = JSON.parse(example) as ModelInput;
    const shown = fenced(page, "").find((block) => block.startsWith("$ npx sourcing-model voi react.json"));
    expect(shown).toBeDefined();
    const report = voiReport(valueOfInformation(input), "react.json");
    expect(shown).toBe(`$ npx sourcing-model voi react.json\n${report.join("\n")}\n`);
  });

  it("the sample's figures in the prose are the model's", () => {
    const react = valueOfInformation(sampleInput()).functions.find((f) => f.function === "React developer");
    if (!react || react.expectedNpv === null || react.evpiStandardError === null) throw new Error("no React developer");
    const fee = react.inputs.find((i) => i.input === "bpoMonthlyFeePerFte");
    if (!fee || fee.evppiStandardError === null) throw new Error("no fee range");
    const prose = page.replace(/\s+/g, " ");
    expect(prose).toContain(`(NPV ${formatMoney(react.expectedNpv, "USD")})`);
    expect(prose).toContain(
      `save ${formatMoney(react.evpi, "USD")} on average (± ${formatMoney(react.evpiStandardError, "USD")})`,
    );
    expect(prose).toContain(
      `${formatMoney(fee.evppi, "USD")} on average (± ${formatMoney(fee.evppiStandardError, "USD")}; the decision changes in ${Math.round(fee.decisionChangeProbability * 100)}% of the trials)`,
    );
    for (const ramp of react.inputs.filter((i) => i.input !== "bpoMonthlyFeePerFte")) expect(ramp.evppi).toBe(0);
  });
});

describe("docs/cli.md", () => {
  it("the voi --json example is the sample's JSON, abridged", () => {
    const cli = readFileSync(join(DOCS, "cli.md"), "utf8");
    const block = fenced(cli, "json").find((b) => b.includes('"evpi"'));
    expect(block).toBeDefined();
    const shown = JSON.parse(block ?? "") as { functions: unknown[] };
    const actual = voiJson(valueOfInformation(sampleInput())) as { functions: { function: string }[] };
    const kept = actual.functions.filter((f) => ["React developer", "Data entry"].includes(f.function));
    expect(shown).toEqual({ ...actual, functions: kept });
  });
});
