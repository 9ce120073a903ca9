/** Streamed output: the same bytes as JSON.stringify(value, null, 2), in chunks, waiting for a slow reader. */
import { describe, expect, it } from "vitest";
import { ChunkedOutput, printJson, writeJson } from "../../src/cli/output";
import { alignedTable, columnWidths } from "../../src/cli/report";
import { visible, type CliContext } from "../../src/cli/context";
import { evaluate, prepareEvaluation } from "../../src/model/evaluate";
import { goalSeek } from "../../src/model/goalseek";
import { sensitivity } from "../../src/model/sensitivity";
import { simulate } from "../../src/model/simulate";
import { sampleWithRanges } from "../analysis/helpers";

function collector(): { context: CliContext; chunks: string[] } {
  const chunks: string[] = [];
  return { chunks, context: { stdout: (text) => void chunks.push(text), stderr: () => undefined } };
}

async function streamed(value: unknown): Promise<string> {
  const { context, chunks } = collector();
  await printJson(value, context);
  return chunks.join("");
}

describe("streamed JSON", () => {
  it("writes exactly what JSON.stringify(value, null, 2) writes, for every command's result", async () => {
    const input = sampleWithRanges();
    const values: unknown[] = [
      evaluate(input),
      simulate(input, { trials: 200, seed: 4 }),
      sensitivity(input),
      goalSeek(input, 6),
      {
        empty: [],
        nothing: {},
        skipped: undefined,
        fn: () => 1,
        nested: [undefined, NaN, -0, [[["deep"]]], { when: new Date(0) }],
        text: 'quote " and\nnewline',
      },
      [],
      {},
      "text",
      42,
      null,
    ];
    for (const value of values) expect(await streamed(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it("writes results computed one at a time (a generator) as the array evaluate() returns", async () => {
    const input = sampleWithRanges();
    const run = prepareEvaluation(input);
    const text = await streamed({
      assumptions: run.assumptions,
      results: run.results(),
      errors: run.errors,
      warnings: run.warnings,
    });
    expect(text).toBe(`${JSON.stringify(evaluate(input), null, 2)}\n`);
  });

  it("hands the text over in chunks of about a megabyte, and waits whenever the reader asks it to", async () => {
    const written: string[] = [];
    let waits = 0;
    const slow: CliContext = {
      stdout: (text) => {
        written.push(text);
        waits++;
        return new Promise((resolve) => setTimeout(resolve, 1));
      },
      stderr: () => undefined,
    };
    const big = Array.from({ length: 40_000 }, (_, i) => ({ row: i, name: `Function ${i}`, values: [i, i / 3, -i] }));
    await printJson(big, slow);
    expect(written.join("")).toBe(`${JSON.stringify(big, null, 2)}\n`);
    expect(waits).toBe(written.length);
    expect(written.length).toBeGreaterThan(2);
    for (const chunk of written.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(1 << 20);

    const out = new ChunkedOutput(slow);
    await out.end();
    expect(written.length).toBe(waits); // nothing buffered, nothing written
  });

  it("writeJson ends the document with one newline", async () => {
    const { context, chunks } = collector();
    const out = new ChunkedOutput(context);
    await writeJson({ a: 1 }, out);
    await out.end();
    expect(chunks.join("")).toBe('{\n  "a": 1\n}\n');
  });
});

describe("text tables of any length", () => {
  it("measures columns over 300,000 rows without spreading them into one call", () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`Function ${i}`, String(i)]);
    expect(
      columnWidths(
        [
          { title: "Function", align: "left" },
          { title: "N", align: "right" },
        ],
        rows,
      ),
    ).toEqual(["Function 299999".length, 6]);
  });

  it("shows control and bidi characters as \\uXXXX and keeps the columns aligned", () => {
    const lines = alignedTable(
      [
        { title: "Function", align: "left" },
        { title: "X", align: "right" },
      ],
      [
        ["A\u202Eb", "1"],
        ["C\nd\te", "22"],
      ],
    );
    expect(lines).toEqual([
      "Function          X",
      "---------------  --",
      "A\\u202Eb          1",
      "C\\u000Ad\\u0009e  22",
    ]);
    expect(visible("plain text, accents é and emoji 🙂 stay")).toBe("plain text, accents é and emoji 🙂 stay");
    expect(visible("\u0000\u001f\u007f\u0085\u009f\u061c\u200e\u200f\u2028\u2029\u202a\u2066\u2069\ufeff")).toBe(
      "\\u0000\\u001F\\u007F\\u0085\\u009F\\u061C\\u200E\\u200F\\u2028\\u2029\\u202A\\u2066\\u2069\\uFEFF",
    );
  });
});
