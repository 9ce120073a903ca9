/**
 * Writes the example input files to examples/ (`npm run examples`). Their content is built by
 * src/io/sample-files.ts from the model's sample data; test/io/examples.test.ts checks the committed files match.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { buildExampleFiles } from "../src/io/sample-files";

async function writeExamples(): Promise<void> {
  const folder = resolve(__dirname, "..", "examples");
  await mkdir(folder, { recursive: true });
  for (const [name, content] of Object.entries(await buildExampleFiles())) {
    await writeFile(join(folder, name), content);
    console.log(`wrote examples/${name}`);
  }
}

writeExamples().catch((error: unknown) => {
  console.error(`make-examples: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
