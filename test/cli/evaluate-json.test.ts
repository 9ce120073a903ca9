/**
 * `evaluate --json` writes each result's monthly rows straight from the typed series (functionResultJson), not
 * from 120,000 row objects: the bytes stay exactly what the command printed when it serialised the rows, that is
 * JSON.stringify(evaluate(input), null, 2) and a newline, on the sample, random inputs and 600 months.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { WrittenJson, printJson } from "../../src/cli/output";
import type { CliContext } from "../../src/cli/context";
import { readInputFile } from "../../src/io";
import {
  evaluate,
  functionResultJson,
  prepareEvaluation,
  sampleInput,
  type CellValue,
  type FunctionResult,
  type ModelInput,
} from "../../src/model";
import { sampleWithRanges } from "../analysis/helpers";
import { baseAssumptions, handRow } from "../model/helpers";
import { randomInput } from "./random-input";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "sourcing-json-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function collector(): { context: CliContext; text: () => string } {
  const chunks: string[] = [];
  return {
    context: { stdout: (text) => void chunks.push(text), stderr: () => undefined },
    text: () => chunks.join(""),
  };
}

/** What `sourcing-model evaluate FILE --json` prints, run in this process. */
async function evaluateJson(path: string): Promise<string> {
  const { context, text } = collector();
  await main(["evaluate", path, "--json"], context);
  return text();
}

/** What it printed before: the results streamed as objects, their month rows made and stringified. */
async function previousOutput(path: string): Promise<string> {
  const run = prepareEvaluation((await readInputFile(path)).input);
  const { context, text } = collector();
  await printJson(
    { assumptions: run.assumptions, results: run.results(), errors: run.errors, warnings: run.warnings },
    context,
  );
  return text();
}

async function expectSameBytes(path: string): Promise<void> {
  const printed = await evaluateJson(path);
  expect(printed).toBe(`${JSON.stringify(evaluate((await readInputFile(path)).input), null, 2)}\n`);
  expect(printed).toBe(await previousOutput(path));
}

let files = 0;
const inputFile = (input: ModelInput): string => {
  const path = join(dir, `input-${files++}.json`);
  writeFileSync(path, JSON.stringify(input));
  return path;
};

const withAssumptions = (input: ModelInput, assumptions: Record<string, CellValue>): ModelInput => ({
  ...input,
  assumptions: { ...(input.assumptions as Record<string, CellValue>), ...assumptions },
});

describe("evaluate --json, written from the typed series", () => {
  it("prints the same bytes as before on the sample files and on a file with bad cells", async () => {
    for (const file of ["examples/sample.json", "examples/sample.csv", "examples/sample.xlsx", "examples/bad.csv"])
      await expectSameBytes(file);
  });

  it("prints the same bytes over 600 months, with ranges, linear ramps and names JSON must escape", async () => {
    await expectSameBytes(inputFile(withAssumptions(sampleInput(), { horizonMonths: 600, rampShape: "linear" })));
    await expectSameBytes(inputFile(withAssumptions(sampleWithRanges(), { horizonMonths: 600 })));
    const names = ['Quote " and \\ slash', "Line\nbreak\tand tab", "Separator \u2028 and \u2029", "Émoji 🙂"];
    await expectSameBytes(
      inputFile({
        assumptions: baseAssumptions({ horizonMonths: 600, discountRateAnnual: 0.08 }),
        functions: names.map((name) => handRow({ function: name })),
      }),
    );
  });

  it("prints the same bytes on random inputs", async () => {
    const input = randomInput(fc.string({ minLength: 1, maxLength: 12 }), { maxRows: 4, maxMonths: 120 });
    await fc.assert(
      fc.asyncProperty(input, async (drawn) => expectSameBytes(inputFile(drawn))),
      { numRuns: 40, seed: 11 },
    );
  });
});

describe("functionResultJson", () => {
  const results = (): FunctionResult[] =>
    evaluate(withAssumptions(sampleInput(), { horizonMonths: 40, rampShape: "linear" })).results;

  it("is JSON.stringify(result, null, 2) nested at the indent given, and JSON.stringify(result) without one", () => {
    for (const result of results()) {
      expect(functionResultJson(result)).toBe(JSON.stringify(result));
      for (const indent of ["", "  ", "    ", "          "]) {
        const expected = JSON.stringify(result, null, 2).replaceAll("\n", `\n${indent}`);
        expect(functionResultJson(result, { indent })).toBe(expected);
      }
    }
  });

  it("writes rows a host replaced, and results that are not the model's, as JSON.stringify does", () => {
    const [replaced, copied] = results();
    Object.defineProperty(replaced, "monthly", {
      value: [{ month: 1, STAFF_AUG: -0, BPO: 1.5, BRIDGE: 2 }],
      enumerable: true,
    });
    const plain = { ...(JSON.parse(JSON.stringify(copied)) as FunctionResult), extra: undefined };
    for (const result of [replaced, plain]) {
      expect(functionResultJson(result)).toBe(JSON.stringify(result));
      expect(functionResultJson(result, { indent: "    " })).toBe(
        JSON.stringify(result, null, 2).replaceAll("\n", "\n    "),
      );
    }
  });

  it("streamed as WrittenJson, gives the document JSON.stringify(value, null, 2) gives; too deep, it throws", async () => {
    const all = results();
    const written = (r: FunctionResult) => new WrittenJson((indent) => functionResultJson(r, { indent }));
    const value = { top: written(all[0]), list: all.map(written), deep: { nested: [written(all[1])] } };
    const { context, text } = collector();
    await printJson(value, context);
    const expected = { top: all[0], list: all, deep: { nested: [all[1]] } };
    expect(text()).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    // Below the streamed depth a value is written whole by JSON.stringify, which must not write it as {}.
    await expect(printJson({ deep: { deeper: { nested: [written(all[0])] } } }, context)).rejects.toThrow(
      /nested too deep/,
    );
  });
});
