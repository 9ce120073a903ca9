/**
 * The portfolio optimiser (docs/model.md §8) on the two sizes: 60 functions × 36 months and 200 functions ×
 * 60 months, start step 3, with a management capacity and a transition limit that both bind (each costs money:
 * the optimum rises when either is tightened from unlimited). Prints the time of the whole answer (the optimum,
 * the minimum limits and the value of one more manager and transition) and of the optimum alone, beside targets.
 */
import type { CellValue, PortfolioResult } from "../src/model";
import { syntheticInput } from "./model";

// Time the shipped code: the model as compiled to lib/ by `npm run build:cli` (the bench script builds first).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const model = require("../lib/model") as typeof import("../src/model");

interface Size {
  functions: number;
  months: number;
  targetSeconds: number;
}

const SIZES: Size[] = [
  { functions: 60, months: 36, targetSeconds: 1 },
  { functions: 200, months: 60, targetSeconds: 10 },
];

const secondsSince = (start: number): number => (performance.now() - start) / 1000;

async function solve(
  input: ReturnType<typeof syntheticInput>,
  limits: Record<string, CellValue>,
): Promise<{ result: PortfolioResult; seconds: number }> {
  const parsed = model.parseModelInput({ ...input, assumptions: { ...input.assumptions, ...limits } });
  const start = performance.now();
  const result = await model.optimisePortfolio(parsed);
  return { result, seconds: secondsSince(start) };
}

/**
 * Limits that both bind: the transition limit at a third of the concurrent transitions the unconstrained plan runs
 * (never below the fewest possible), and the capacity halfway between the least that limit allows and the peak
 * load of the best plan under the transition limit alone.
 */
async function bindingLimits(input: ReturnType<typeof syntheticInput>): Promise<Record<string, number>> {
  const step = { transitionStartStepMonths: 3 };
  const free = (await solve(input, step)).result;
  const peakTransitions = Math.max(...free.months.map((m) => m.transitions));
  const transitions = Math.max(free.minimumConcurrentTransitions ?? 0, Math.ceil(peakTransitions / 3));
  const underTransitions = (await solve(input, { ...step, maxConcurrentTransitions: transitions })).result;
  const least = underTransitions.minimumManagementCapacityFte ?? 0;
  const peakLoad = Math.max(...underTransitions.months.map((m) => m.managementLoadFte));
  return { ...step, maxConcurrentTransitions: transitions, managementCapacityFte: (least + peakLoad) / 2 };
}

async function benchSize(size: Size): Promise<string[]> {
  const input = syntheticInput(size.functions, size.months);
  input.assumptions = { horizonMonths: size.months, rampShape: "step" };
  const limits = await bindingLimits(input);
  const { result, seconds } = await solve(input, limits);
  // The optimum alone: what =SOURCING.PORTFOLIO and a changed limit wait for.
  const parsed = model.parseModelInput({ ...input, assumptions: { ...input.assumptions, ...limits } });
  const startOptimum = performance.now();
  await model.optimisePortfolio(parsed, { planOnly: true });
  const optimumSeconds = secondsSince(startOptimum);

  const withoutCapacity = (await solve(input, { ...limits, managementCapacityFte: null })).result.totalNpv;
  const withoutTransitions = (await solve(input, { ...limits, maxConcurrentTransitions: null })).result.totalNpv;
  const binds = (other: number | null) =>
    result.totalNpv !== null && other !== null && result.totalNpv > other * (1 + 1e-9) ? "binds" : "does NOT bind";
  const label = `${size.functions} functions × ${size.months} months`;
  const gap = result.status === "stopped" ? `, stopped at ${(result.relativeGap * 100).toPrecision(3)}% gap` : "";
  return [
    `portfolio: ${label}, step 3, capacity ${limits.managementCapacityFte.toFixed(2)} manager FTE (${binds(withoutCapacity)}), ` +
      `${limits.maxConcurrentTransitions} concurrent transitions (${binds(withoutTransitions)}): status ${result.status}${gap}`,
    `portfolio: ${label}: whole answer (optimum, minimum limits, one more manager and transition) ${seconds.toFixed(2)} s ` +
      `(target ≤ ${size.targetSeconds} s); the optimum alone ${optimumSeconds.toFixed(2)} s`,
  ];
}

export async function benchPortfolio(): Promise<string[]> {
  const lines: string[] = [];
  for (const size of SIZES) lines.push(...(await benchSize(size)));
  return lines;
}

if (require.main === module) {
  benchPortfolio().then(
    (lines) => lines.forEach((line) => console.log(line)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
