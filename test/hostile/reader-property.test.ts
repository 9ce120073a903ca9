/**
 * Any bytes as an input file: the readers either read them (the model then reports what is wrong with the cells:
 * exit 0 or 1) or refuse the file with an InputFileError (exit 2, one line). Anything else would be exit 3 or a
 * hang. Most runs call the readers in-process, for speed; a few go through the built command line.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { InputFileError, readInputFile } from "../../src/io";
import { evaluate } from "../../src/model";
import { FUNCTIONS_TABLE } from "../../src/layout/workbook";
import { describeRun, fixtureDir, runMeasured, expectWithinBounds } from "./support";
import { FUNCTION_HEADERS, FUNCTION_ROW, workbookParts, zipParts } from "./workbook-fixtures";

const dir = mkdtempSync(join(tmpdir(), "sourcing-property-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;

/** Reads bytes as a file of this extension; resolves with what the command line's exit code would be (0, 1 or 2). */
async function exitCodeOf(bytes: Uint8Array, extension: string): Promise<number> {
  const path = join(dir, `input-${fileCount++}.${extension}`);
  writeFileSync(path, bytes);
  try {
    const loaded = await readInputFile(path);
    return evaluate(loaded.input).errors.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof InputFileError) {
      expect(error.message).not.toMatch(/\n/);
      return 2;
    }
    throw error; // exit 3: the property fails and fast-check shrinks the bytes
  } finally {
    rmSync(path, { force: true });
  }
}

const anyBytes = fc.uint8Array({ maxLength: 2048 });
const RUNS = 150;

/** A valid workbook's parts, as text, to damage in place. */
const validParts = workbookParts(
  [
    {
      name: "Inputs",
      rows: [FUNCTION_HEADERS, FUNCTION_ROW, ["Sales", 3, 30, 5000]],
      tables: [{ name: FUNCTIONS_TABLE, ref: "A1:D3", columns: FUNCTION_HEADERS }],
    },
  ],
  {},
);
const validZip = zipParts(validParts);
const partNames = Object.keys(validParts);

describe("readers never crash or hang on any bytes", () => {
  it.each(["xlsx", "csv", "json"])(
    "any bytes as a .%s file give exit 0, 1 or 2",
    async (extension) => {
      await fc.assert(
        fc.asyncProperty(anyBytes, async (bytes) => {
          expect([0, 1, 2]).toContain(await exitCodeOf(bytes, extension));
        }),
        { numRuns: RUNS },
      );
    },
    60_000,
  );

  it("a valid workbook with bytes overwritten or cut short gives exit 0, 1 or 2", async () => {
    const damage = fc.record({
      writes: fc.array(fc.tuple(fc.nat({ max: validZip.length - 1 }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 8,
      }),
      keep: fc.option(fc.nat({ max: validZip.length }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(damage, async ({ writes, keep }) => {
        const bytes = validZip.slice(0, keep ?? validZip.length);
        for (const [at, value] of writes) if (at < bytes.length) bytes[at] = value;
        expect([0, 1, 2]).toContain(await exitCodeOf(bytes, "xlsx"));
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it("any text spliced into any part of a valid workbook gives exit 0, 1 or 2", async () => {
    const splice = fc.record({
      part: fc.constantFrom(...partNames),
      at: fc.nat(),
      text: fc.oneof(
        fc.string({ unit: "binary", maxLength: 64 }),
        fc.constantFrom(
          '<c r="XFD1048576"><v>1</v></c>',
          '<row r="0">',
          '<!DOCTYPE x [<!ENTITY a "aa">]>',
          "&a;",
          '<c t="s"><v>99</v></c>',
          "]]>",
          "<![CDATA[x]]>",
          'ref="A0:D3"',
        ),
      ),
    });
    await fc.assert(
      fc.asyncProperty(splice, async ({ part, at, text }) => {
        const parts = { ...validParts };
        const original = parts[part];
        const where = at % (original.length + 1);
        parts[part] = original.slice(0, where) + text + original.slice(where);
        expect([0, 1, 2]).toContain(await exitCodeOf(zipParts(parts), "xlsx"));
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it("any JSON value as a .json file gives exit 0, 1 or 2", async () => {
    await fc.assert(
      fc.asyncProperty(fc.json(), async (text) => {
        expect([0, 1, 2]).toContain(await exitCodeOf(Buffer.from(text, "utf8"), "json"));
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});

describe("readers through the command line", () => {
  const cliDir = fixtureDir();
  // A few fixed samples: each run is a process, so a handful is what the suite can afford.
  const samples = fc.sample(anyBytes, { seed: 15, numRuns: 3 });

  it.each(["xlsx", "csv", "json"])(
    "random bytes as a .%s file end with exit 0, 1 or 2, one line on stderr for 2, within the bounds",
    (extension) => {
      samples.forEach((bytes, i) => {
        const path = join(cliDir, `random-${i}.${extension}`);
        writeFileSync(path, bytes);
        const run = runMeasured(["evaluate", path]);
        expect([0, 1, 2], describeRun(run)).toContain(run.code);
        if (run.code === 2) expect(run.stderr.trim().split("\n"), run.stderr).toHaveLength(1);
        expectWithinBounds(run);
      });
    },
    60_000,
  );
});
