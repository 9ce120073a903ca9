/** `npm run bench`: prints figures; never a pass/fail timing test. */
import { benchAnalysis } from "./analysis";
import { benchBundle } from "./bundle";
import { benchExcel } from "./excel";
import { benchFunctions } from "./functions";
import { benchModelInFreshProcesses } from "./model";
import { benchPortfolio } from "./portfolio";
import { benchReaders } from "./readers";
import { benchVoi } from "./voi";

async function main(): Promise<void> {
  console.log(`Sourcing Modeler benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  for (const line of benchModelInFreshProcesses()) console.log(line);
  for (const line of await benchAnalysis()) console.log(line);
  for (const line of benchVoi()) console.log(line);
  for (const line of await benchExcel()) console.log(line);
  for (const line of await benchFunctions()) console.log(line);
  for (const line of await benchPortfolio()) console.log(line);
  for (const line of benchBundle()) console.log(line);
  for (const line of await benchReaders()) console.log(line);
  for (const line of await (await import("./export")).benchExport()) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
