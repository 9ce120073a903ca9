/**
 * The logic behind =SOURCING.PORTFOLIO (docs/model.md §8), free of Office like sourcing.ts: the whole functions
 * table, its header row and the assumptions in; the portfolio plan out as a table to spill: a header row, then one
 * row per table row with the function, its portfolio strategy (words, or codes on request) and the month its BPO
 * transition starts (blank text when it has none).
 *
 * The solve goes through a PortfolioRunner: in the add-in a Web Worker (portfolio.worker.ts), so no call holds
 * Excel's runtime while the optimiser works; in Node and the playground the same solve in-process. Each distinct
 * input is solved once per runtime (the promise is kept, so cells asking at the same time share one solve).
 */
import {
  PortfolioCancelledError,
  RECOMMENDATION_LABELS,
  isBlank,
  mapFunctionHeaders,
  toTable,
  type CellValue,
  type ModelInput,
  type PortfolioStrategy,
} from "../model";
import { LruCache } from "./model-cache";
import {
  type PortfolioAnswer,
  type PortfolioWorkerReply,
  type PortfolioWorkerRequest,
  solvePortfolio,
} from "./portfolio-solve";
import {
  OUTPUT_FORMATS,
  type OutputFormat,
  type SheetArgument,
  type SourcingErrorFactory,
  inputKey,
  modelInputFor,
  toCellValue,
} from "./sourcing";
import type { TypedWorker } from "../taskpane/typed-worker";

/** The spill's header row, in the words people read. */
export const PORTFOLIO_HEADERS = ["Function", "Portfolio strategy", "Start month"] as const;

export type PortfolioTable = (string | number)[][];

/**
 * Solves one portfolio input (in a Worker or in-process). `onAbort` hands the runner's way to stop this solve to
 * its caller: a stopped solve rejects with a PortfolioCancelledError.
 */
export type PortfolioRunner = (input: ModelInput, onAbort?: (abort: () => void) => void) => Promise<PortfolioAnswer>;

const cancelled = () => new PortfolioCancelledError("The portfolio solve was cancelled.");

/** The in-process runner: Node, the tests and the playground. A stop takes effect between the solver's programmes. */
export const solveHere: PortfolioRunner = (input, onAbort) => {
  const signal = { aborted: false };
  onAbort?.(() => (signal.aborted = true));
  return solvePortfolio(input, signal);
};

/** The solving worker as the runner drives it. */
export type PortfolioWorkerLike = TypedWorker<PortfolioWorkerRequest, PortfolioWorkerReply>;

interface Job {
  id: number;
  input: ModelInput;
  resolve: (answer: PortfolioAnswer) => void;
  reject: (error: Error) => void;
}

/**
 * A runner that hands solves to one Web Worker, created on first use, one at a time: the others wait here, so a
 * solve nobody waits for any more is dropped before it starts, and a running one is stopped at once by replacing
 * the worker. A worker that fails (its script did not load, it ran out of memory) rejects the solve it was running
 * and is replaced for the next.
 */
export function workerRunner(createWorker: () => PortfolioWorkerLike): PortfolioRunner {
  let worker: PortfolioWorkerLike | undefined;
  let running: Job | undefined;
  const queue: Job[] = [];
  let nextId = 1;

  const replaceWorker = () => {
    worker?.terminate();
    worker = undefined;
  };
  const next = () => {
    if (running || queue.length === 0) return;
    running = queue.shift() as Job;
    worker ??= start();
    worker.postMessage({ type: "portfolio", id: running.id, input: running.input });
  };
  const finish = (job: Job, outcome: () => void) => {
    if (running === job) running = undefined;
    outcome();
    next();
  };
  const start = (): PortfolioWorkerLike => {
    const created = createWorker();
    created.onmessage = ({ data }) => {
      const job = running;
      if (!job || data.id !== job.id) return;
      finish(job, () =>
        data.type === "portfolio-done" ? job.resolve(data.answer) : job.reject(new Error(data.message)),
      );
    };
    created.onerror = (event) => {
      if (worker !== created) return; // a worker already replaced: its solve was settled then
      replaceWorker();
      const job = running;
      if (job)
        finish(job, () =>
          job.reject(new Error(`The portfolio optimiser stopped: ${event.message ?? "its worker failed"}.`)),
        );
    };
    return created;
  };
  return (input, onAbort) =>
    new Promise<PortfolioAnswer>((resolve, reject) => {
      const job: Job = { id: nextId++, input, resolve, reject };
      onAbort?.(() => {
        const waiting = queue.indexOf(job);
        if (waiting >= 0) queue.splice(waiting, 1);
        else if (running === job)
          replaceWorker(); // the only way to stop a solve under way
        else return; // already answered
        finish(job, () => job.reject(cancelled()));
      });
      queue.push(job);
      next();
    });
}

// ---- Arguments ----------------------------------------------------------------------------------------------

class PortfolioArgumentError extends Error {}

/** The table argument's rows; a scalar is a one-cell table. */
const tableRows = (table: SheetArgument): CellValue[][] =>
  (Array.isArray(table) ? table : [[table]]).map((row: unknown) =>
    Array.isArray(row) ? row.map(toCellValue) : [toCellValue(row)],
  );

/** An omitted argument: nothing, blank text, or a range of blank cells (HyperFormula passes an empty one so). */
const omitted = (arg: SheetArgument): boolean =>
  arg === null ||
  arg === undefined ||
  arg === "" ||
  (Array.isArray(arg) && tableRows(arg).every((r) => r.every(isBlank)));

/** A row that names the Function column and holds no number: the table's own header row (…[#All]). */
function isHeaderRow(row: readonly CellValue[]): boolean {
  return mapFunctionHeaders(row).indexByKey.has("function") && !row.some((cell) => typeof cell === "number");
}

/**
 * The table's data rows, and its own header row when it starts with one: a header row, when no headers are passed
 * (SourcingFunctions[#All]), or the same header row as the one passed (…[#All] with …[#Headers]).
 */
function tableBody(table: SheetArgument, headers: SheetArgument): { body: CellValue[][]; ownHeaders?: CellValue[] } {
  const rows = omitted(table) ? [] : tableRows(table);
  const first = rows[0];
  if (!first || !isHeaderRow(first)) return { body: rows };
  if (omitted(headers)) return { body: rows.slice(1), ownHeaders: first };
  const given = tableRows(headers).flat();
  const same =
    given.length === first.length &&
    given.every((cell, i) => String(cell ?? "").trim() === String(first[i] ?? "").trim());
  return { body: same ? rows.slice(1) : rows };
}

interface PortfolioInput {
  input: ModelInput;
  /** The table's data rows as the model reads them. */
  rows: CellValue[][];
  /** Column of the function names (for rows the model leaves out), or undefined when the headers name none. */
  nameColumn: number | undefined;
}

/**
 * The model input for the whole table. Headers: the argument; when omitted, the table's first row if it is a header
 * row (SourcingFunctions[#All]); otherwise the template's column order, as the one-row functions read it.
 */
export function portfolioInputFor(
  table: SheetArgument,
  headers?: SheetArgument,
  assumptions?: SheetArgument,
): PortfolioInput {
  const { body, ownHeaders } = tableBody(table, headers);
  if (body.length === 0 || body.every((row) => row.every(isBlank))) {
    throw new PortfolioArgumentError(
      "table is required: pass the functions table, for example SourcingFunctions (with SourcingFunctions[#Headers] as headers) or SourcingFunctions[#All].",
    );
  }
  // The one-row reading resolves the headers and the assumptions with the same rules and messages as DECIDE.
  const first = modelInputFor([body[0]], ownHeaders ? [ownHeaders] : headers, assumptions);
  const columnHeaders = toTable(first.functions).headers;
  return {
    input: { assumptions: first.assumptions, functions: { headers: columnHeaders, rows: body } },
    rows: body,
    nameColumn: mapFunctionHeaders(columnHeaders).indexByKey.get("function"),
  };
}

/**
 * Rows the spill will have for this table and headers argument (header row included), from their shape alone:
 * for hosts that size a spill before computing it (HyperFormula).
 */
export function portfolioHeight(table: SheetArgument, headers?: SheetArgument): number {
  return tableBody(table, headers).body.length + 1;
}

/** The spill while the optimiser works (a host that cannot wait shows it, then the plan). */
export function optimisingTable(height: number): PortfolioTable {
  return [[...PORTFOLIO_HEADERS], ...Array.from({ length: height - 1 }, () => ["", "Optimising…", ""])];
}

function normalizePortfolioFormat(value: SheetArgument): OutputFormat {
  if (value === null || value === undefined || value === "") return "text";
  const text = typeof value === "string" ? value.trim().toLowerCase() : "";
  const format = OUTPUT_FORMATS.find((f) => f === text);
  if (format) return format;
  throw new PortfolioArgumentError(`format must be "text" or "code"; got ${JSON.stringify(toCellValue(value))}.`);
}

// ---- The spill ----------------------------------------------------------------------------------------------

/** Manager FTEs for a sentence, rounded up to two decimals so the figure given is enough. */
const managerFte = (fte: number): string => String(Math.ceil(fte * 100 - 1e-9) / 100);

/** What an infeasible portfolio shows in each function's strategy cell: which limit to raise, and to what. */
export function infeasibleText(answer: PortfolioAnswer): string {
  const ways: string[] = [];
  if (answer.minimumManagementCapacityFte !== null)
    ways.push(`a management capacity of at least ${managerFte(answer.minimumManagementCapacityFte)} manager FTE`);
  if (answer.minimumConcurrentTransitions !== null)
    ways.push(`at least ${answer.minimumConcurrentTransitions} concurrent transitions`);
  return ways.length === 0
    ? "No plan meets both limits: raise the management capacity and the concurrent transitions"
    : `No plan meets both limits: allow ${ways.join(" or ")}`;
}

function strategyText(strategy: PortfolioStrategy, format: OutputFormat): string {
  return format === "code" ? strategy : RECOMMENDATION_LABELS[strategy];
}

/** The spilled table: a header row, then one row per table row, in the table's order. */
export function portfolioTable(
  answer: PortfolioAnswer,
  { rows, nameColumn }: PortfolioInput,
  format: OutputFormat,
): PortfolioTable {
  const planByRow = new Map(answer.plans.map((plan) => [plan.row, plan]));
  const errorsByRow = new Map<number, string[]>();
  for (const error of answer.errors)
    if (error.row !== null) errorsByRow.set(error.row, [...(errorsByRow.get(error.row) ?? []), error.message]);
  const header: string[] = [...PORTFOLIO_HEADERS];
  if (answer.status === "stopped")
    header[1] = `Portfolio strategy (best found in time, within ${(answer.relativeGap * 100).toFixed(2)}% of the optimum)`;
  const infeasible = answer.status === "infeasible" ? infeasibleText(answer) : "";
  const body = rows.map((cells, index): (string | number)[] => {
    const row = index + 1;
    const name = nameColumn === undefined ? "" : cells[nameColumn];
    const shownName = name === null || name === undefined ? "" : String(name);
    const plan = planByRow.get(row);
    if (plan) {
      const strategy = plan.strategy === null ? infeasible : strategyText(plan.strategy, format);
      return [plan.function, strategy, plan.startMonth ?? ""];
    }
    const errors = errorsByRow.get(row);
    if (errors) return [shownName, `Not in the portfolio: ${errors.join(" ")}`, ""];
    return ["", "", ""]; // a blank table row
  });
  return [header, ...body];
}

// ---- The function -------------------------------------------------------------------------------------------

export interface PortfolioFunction<E> {
  /**
   * The plan for these arguments, solved (or taken from the cache). Never rejects: failures are error values.
   * `onCancel` receives what to call when the caller stops waiting (Excel cancels a call whose inputs changed): the
   * solve stops once no call waits for it, so a stale portfolio never holds the Worker.
   */
  portfolio(
    table: SheetArgument,
    headers?: SheetArgument,
    assumptions?: SheetArgument,
    format?: SheetArgument,
    onCancel?: (cancel: () => void) => void,
  ): Promise<PortfolioTable | E>;
  /**
   * The plan if it is already solved, an argument error at once, or undefined while a solve (started now if none
   * is running) is under way: for hosts that calculate synchronously (HyperFormula). `onSolved` hears a solve end.
   */
  ready(
    table: SheetArgument,
    headers?: SheetArgument,
    assumptions?: SheetArgument,
    format?: SheetArgument,
    onSolved?: () => void,
  ): PortfolioTable | E | undefined;
  /** Solves kept for reuse (for tests and diagnostics). */
  readonly cacheSize: number;
}

/** Distinct portfolios kept: a workbook has few, and each holds one plan. */
export const PORTFOLIO_CACHE_ENTRIES = 20;

interface Solve {
  promise: Promise<PortfolioAnswer>;
  settled?: { ok: true; answer: PortfolioAnswer } | { ok: false; message: string };
  /** Calls waiting for it; the solve stops when the last is cancelled (a call that cannot be cancelled never is). */
  waiting: number;
  abort: () => void;
}

export function createPortfolioFunction<E>(
  errors: SourcingErrorFactory<E>,
  runner: PortfolioRunner,
  cacheEntries = PORTFOLIO_CACHE_ENTRIES,
): PortfolioFunction<E> {
  const cache = new LruCache<{ solve: Solve | undefined }>(cacheEntries);

  /** The arguments read, or the #VALUE! they earn; an invalid assumption makes the whole portfolio #VALUE!. */
  function read(
    table: SheetArgument,
    headers: SheetArgument,
    assumptions: SheetArgument,
    format: SheetArgument,
  ): { ok: true; parsed: PortfolioInput; format: OutputFormat; key: string } | { ok: false; error: E } {
    try {
      const chosen = normalizePortfolioFormat(format);
      const parsed = portfolioInputFor(table, headers, assumptions);
      return { ok: true, parsed, format: chosen, key: inputKey(parsed.input) };
    } catch (error) {
      return { ok: false, error: errors.invalidValue(error instanceof Error ? error.message : String(error)) };
    }
  }

  /** The solve of this input: the running or finished one, or a new one (a failed solve is tried again). */
  function start(key: string, input: ModelInput): Solve {
    const held = cache.getOrCompute(key, () => ({ solve: undefined }));
    if (held.solve && !(held.solve.settled && !held.solve.settled.ok)) return held.solve;
    let abort: (() => void) | undefined;
    const solve: Solve = { promise: runner(input, (stop) => (abort = stop)), waiting: 0, abort: () => abort?.() };
    solve.promise.then(
      (answer) => (solve.settled = { ok: true, answer }),
      (error: unknown) =>
        (solve.settled = { ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
    held.solve = solve;
    return solve;
  }

  function answerOf(
    settled: NonNullable<Solve["settled"]>,
    parsed: PortfolioInput,
    format: OutputFormat,
  ): PortfolioTable | E {
    if (!settled.ok) return errors.invalidValue(`The portfolio could not be optimised: ${settled.message}`);
    const assumptionErrors = settled.answer.errors.filter((e) => e.row === null);
    if (assumptionErrors.length > 0)
      return errors.invalidValue(assumptionErrors.map((e) => `Assumption: ${e.message}`).join(" "));
    return portfolioTable(settled.answer, parsed, format);
  }

  return {
    get cacheSize() {
      return cache.size;
    },

    portfolio: async (table, headers, assumptions, format, onCancel) => {
      const args = read(table, headers, assumptions, format);
      if (!args.ok) return args.error;
      const solve = start(args.key, args.parsed.input);
      solve.waiting++;
      let waiting = true;
      onCancel?.(() => {
        if (!waiting) return;
        waiting = false;
        if (--solve.waiting === 0 && !solve.settled) solve.abort();
      });
      try {
        return answerOf({ ok: true, answer: await solve.promise }, args.parsed, args.format);
      } catch (error) {
        return answerOf(
          { ok: false, message: error instanceof Error ? error.message : String(error) },
          args.parsed,
          args.format,
        );
      }
    },

    ready: (table, headers, assumptions, format, onSolved) => {
      const args = read(table, headers, assumptions, format);
      if (!args.ok) return args.error;
      const solve = start(args.key, args.parsed.input);
      if (solve.settled) return answerOf(solve.settled, args.parsed, args.format);
      solve.waiting++; // a synchronous host cannot cancel: it waits for the solve to the end
      if (onSolved) void solve.promise.then(onSolved, onSolved);
      return undefined;
    },
  };
}
