/**
 * The SOURCING.* custom functions: thin wrappers that hand Excel's arguments to sourcing.ts and turn its
 * failures into Excel errors (#VALUE! for bad input, #N/A when there is no answer) with the reason as message.
 *
 * custom-functions-metadata-plugin builds dist/functions.json from the JSDoc below and appends the
 * CustomFunctions.associate calls to this file itself. Ids are explicit: renaming one breaks every workbook
 * that uses it (test/functions/build.test.ts guards them against the committed snapshot of functions.json).
 *
 * `row` is one row of the functions table (e.g. SourcingFunctions[@]); `headers` is its header row (when
 * omitted, the template's column order, DEFAULT_FUNCTION_COLUMNS in sourcing.ts); `assumptions` is a
 * key/value range such as SourcingAssumptions[#All] (a header row is skipped).
 */
import { createAnalysisFunctions } from "./analysis";
import { createPortfolioFunction, solveHere, workerRunner, type PortfolioWorkerLike } from "./portfolio";
import { createSourcingFunctions, type SourcingErrorFactory } from "./sourcing";

/** Excel's error values, each with the reason as its message. */
const excelErrors: SourcingErrorFactory<CustomFunctions.Error> = {
  invalidValue: (message) => new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message),
  notAvailable: (message) => new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message),
};

const sourcing = createSourcingFunctions(excelErrors);
const analysis = createAnalysisFunctions(excelErrors);

/**
 * The portfolio's Worker as webpack 5 bundles it: the expression must stay `new Worker(new URL("…", import.meta.url))`
 * in one piece (see createAnalysisWorker). A runtime without Workers solves in-process.
 */
const portfolioFunction = createPortfolioFunction(
  excelErrors,
  typeof Worker === "function"
    ? workerRunner(
        () =>
          new Worker(
            /* webpackChunkName: "portfolio-function-worker" */ new URL("./portfolio.worker.ts", import.meta.url),
          ) as unknown as PortfolioWorkerLike,
      )
    : solveHere,
);

/**
 * A macrotask, so Excel handles other work (recalculation, the pane) before the next slice of a long function.
 * A message rather than setTimeout(0): browsers stretch nested timeouts to 4 ms each, hundreds of slices long.
 */
const yieldToExcel = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof MessageChannel !== "function") {
      setTimeout(resolve, 0);
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/** Excel shows a thrown CustomFunctions.Error as the error value with its message. */
function answer<T>(value: T | CustomFunctions.Error): T {
  if (value instanceof CustomFunctions.Error) throw value;
  return value;
}

/**
 * Recommended sourcing strategy for one function, in words: Staff augmentation, BPO, Bridge or Document the process first.
 * @customfunction DECIDE DECIDE
 * @param row One row of the functions table, e.g. SourcingFunctions[@].
 * @param [headers] The table's header row, e.g. SourcingFunctions[#Headers]. Omitted: the template's column order.
 * @param [assumptions] Two-column range of assumption names and values, e.g. SourcingAssumptions[#All].
 * @param [format] "text" (the default): the words people read. "code": STAFF_AUG, BPO, BRIDGE or DOCUMENT_FIRST, for formulas that test the result.
 * @returns The recommendation, in words or as its code.
 */
export function decide(row: unknown[][], headers?: unknown[][], assumptions?: unknown[][], format?: string): string {
  return answer(sourcing.decide(row, headers, assumptions, format));
}

/**
 * Month in which BPO becomes and stays cheaper than staff augmentation; "None within 36 months" (the horizon) when it does not.
 * @customfunction CROSSOVER CROSSOVER
 * @param row One row of the functions table, e.g. SourcingFunctions[@].
 * @param [headers] The table's header row. Omitted: the template's column order.
 * @param [assumptions] Two-column range of assumption names and values.
 * @param [kind] "breakeven" (cumulative cost, the default), "discounted" (discounted cumulative cost) or "runrate" (monthly cost).
 * @param [format] "text" (the default): the words "None within N months" when there is no such month. "code": #N/A instead, for formulas that test it with ISNA or IFNA.
 * @returns The month number, from 1, or the words for none.
 */
export function crossover(
  row: unknown[][],
  headers?: unknown[][],
  assumptions?: unknown[][],
  kind?: string,
  format?: string,
): number | string {
  return answer(sourcing.crossover(row, headers, assumptions, kind, format));
}

/**
 * Cumulative cost of a strategy from month 1 to a month (default: the whole horizon).
 * @customfunction TOTAL TOTAL
 * @param row One row of the functions table, e.g. SourcingFunctions[@].
 * @param strategy STAFF_AUG, BPO or BRIDGE.
 * @param [month] Last month counted, from 1 to the horizon. Omitted: the horizon.
 * @param [headers] The table's header row. Omitted: the template's column order.
 * @param [assumptions] Two-column range of assumption names and values.
 * @returns The cumulative cost, in the assumptions' currency.
 */
export function total(
  row: unknown[][],
  strategy: string,
  month?: number,
  headers?: unknown[][],
  assumptions?: unknown[][],
): number {
  return answer(sourcing.total(row, strategy, month, headers, assumptions));
}

/**
 * Net present value of a strategy's monthly costs over the horizon, at the annual discount rate.
 * @customfunction NPV NPV
 * @param row One row of the functions table, e.g. SourcingFunctions[@].
 * @param strategy STAFF_AUG, BPO or BRIDGE.
 * @param [headers] The table's header row. Omitted: the template's column order.
 * @param [assumptions] Two-column range of assumption names and values.
 * @returns The NPV of the costs, in the assumptions' currency.
 */
export function npv(row: unknown[][], strategy: string, headers?: unknown[][], assumptions?: unknown[][]): number {
  return answer(sourcing.npv(row, strategy, headers, assumptions));
}

/**
 * Month-by-month schedule: a header row, then month, monthly cost and cumulative cost of each strategy.
 * @customfunction SCHEDULE SCHEDULE
 * @param row One row of the functions table, e.g. SourcingFunctions[@].
 * @param [headers] The table's header row. Omitted: the template's column order.
 * @param [assumptions] Two-column range of assumption names and values.
 * @returns A table of horizon + 1 rows and 7 columns.
 */
export function schedule(
  row: unknown[][],
  headers?: unknown[][],
  assumptions?: unknown[][],
): Array<Array<string | number>> {
  return answer(sourcing.schedule(row, headers, assumptions));
}

/**
 * The one-sentence rationale behind the recommendation.
 * @customfunction EXPLAIN EXPLAIN
 * @param row One row of the functions table, e.g. SourcingFunctions[@].
 * @param [headers] The table's header row. Omitted: the template's column order.
 * @param [assumptions] Two-column range of assumption names and values.
 * @returns The rationale sentence.
 */
export function explain(row: unknown[][], headers?: unknown[][], assumptions?: unknown[][]): string {
  return answer(sourcing.explain(row, headers, assumptions));
}

/**
 * Probability that BPO is cheaper than staff augmentation by NPV over the horizon, from a seeded Monte Carlo simulation over the row's Min/Max ranges.
 * @customfunction PROBABILITY PROBABILITY
 * @param row One row of the functions table, e.g. SourcingFunctions[@].
 * @param [headers] The table's header row. Omitted: the template's column order (which has no Min/Max columns).
 * @param [assumptions] Two-column range of assumption names and values.
 * @param [trials] Number of trials, 1 to 100,000. Omitted: 10,000.
 * @param [seed] Seed of the random numbers, 0 to 4294967295. Omitted: 1. The same seed gives the same answer.
 * @returns A share from 0 to 1.
 */
export async function probability(
  row: unknown[][],
  headers?: unknown[][],
  assumptions?: unknown[][],
  trials?: number,
  seed?: number,
): Promise<number> {
  // Up to 100,000 trials: computed in slices with a turn for Excel between them (see MONTHS_PER_SLICE).
  return answer(await analysis.probabilityInSlices(yieldToExcel, row, headers, assumptions, trials, seed));
}

/**
 * Highest BPO monthly fee per FTE at which BPO pays back (sustained break-even) by the given month; #N/A when no fee of 0 or more does, or any fee does.
 * @customfunction BREAKEVENFEE BREAKEVENFEE
 * @param row One row of the functions table, e.g. SourcingFunctions[@].
 * @param month The break-even month wanted, from 1 to the horizon.
 * @param [headers] The table's header row. Omitted: the template's column order.
 * @param [assumptions] Two-column range of assumption names and values.
 * @returns The fee per FTE-month, in the assumptions' currency.
 */
export function breakEvenFee(
  row: unknown[][],
  month: number,
  headers?: unknown[][],
  assumptions?: unknown[][],
): number {
  return answer(analysis.breakEvenFee(row, month, headers, assumptions));
}

/**
 * Lowest SA hourly rate at which BPO pays back (sustained break-even) by the given month; 0 when any rate does; #N/A when none does.
 * @customfunction BREAKEVENRATE BREAKEVENRATE
 * @param row One row of the functions table, e.g. SourcingFunctions[@].
 * @param month The break-even month wanted, from 1 to the horizon.
 * @param [headers] The table's header row. Omitted: the template's column order.
 * @param [assumptions] Two-column range of assumption names and values.
 * @returns The hourly rate, in the assumptions' currency.
 */
export function breakEvenRate(
  row: unknown[][],
  month: number,
  headers?: unknown[][],
  assumptions?: unknown[][],
): number {
  return answer(analysis.breakEvenRate(row, month, headers, assumptions));
}

/**
 * The portfolio plan: one strategy per function, chosen together to cost least under the management capacity and the concurrent-transition limit of the assumptions. Spills a header row, then per table row the function, its portfolio strategy and the month its BPO transition starts (blank when none).
 * @customfunction PORTFOLIO PORTFOLIO
 * @cancelable
 * @param table The functions table, e.g. SourcingFunctions, or SourcingFunctions[#All] with its header row.
 * @param [headers] The table's header row, e.g. SourcingFunctions[#Headers]. Omitted: the table's first row when it is the header row, else the template's column order.
 * @param [assumptions] Two-column range of assumption names and values, e.g. SourcingAssumptions[#All]; the limits are its Management capacity (manager FTE), Max concurrent transitions and Transition start step (months).
 * @param [format] "text" (the default): the strategies in words. "code": STAFF_AUG, BPO, BRIDGE or DOCUMENT_FIRST, for formulas that test them.
 * @returns A table of the table's rows + 1 rows and 3 columns.
 */
export async function portfolio(
  table: unknown[][],
  headers?: unknown[][],
  assumptions?: unknown[][],
  format?: string,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<Array<Array<string | number>>> {
  // Solved in the portfolio Worker: the runtime is free while the optimiser works. Excel cancels a call whose
  // inputs changed; the solve nobody waits for any more then stops.
  const onCancel = (cancel: () => void) => {
    if (invocation) invocation.onCanceled = cancel;
  };
  return answer(await portfolioFunction.portfolio(table, headers, assumptions, format, onCancel));
}

/**
 * Value of information: what knowing one ranged input before signing would save on average (EVPPI), in the assumptions' currency; omit the input for every range at once (EVPI). On the trials SOURCING.PROBABILITY runs for the same trials and seed; #N/A when no strategy is allowed (document the process first).
 * @customfunction EVPPI EVPPI
 * @param row One row of the functions table, e.g. SourcingFunctions[@].
 * @param [input] An input that can have a range, by its column name or key, e.g. "BPO ramp (weeks)". Omitted: every ranged input at once (EVPI).
 * @param [headers] The table's header row. Omitted: the template's column order (which has no Min/Max columns).
 * @param [assumptions] Two-column range of assumption names and values.
 * @param [trials] Number of trials, 1 to 50,000. Omitted: 10,000.
 * @param [seed] Seed of the random numbers, 0 to 4294967295. Omitted: 1. The same seed gives the same answer.
 * @returns An amount in the assumptions' currency, from 0 to the EVPI.
 */
export async function evppi(
  row: unknown[][],
  input?: string,
  headers?: unknown[][],
  assumptions?: unknown[][],
  trials?: number,
  seed?: number,
): Promise<number> {
  // Trials in slices with a turn for Excel between them, as PROBABILITY; the row's other inputs are then lookups.
  return answer(await analysis.evppiInSlices(yieldToExcel, row, input, headers, assumptions, trials, seed));
}
