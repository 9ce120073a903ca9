import { describe, expect, it } from "vitest";
import {
  RECOMMENDATION_LABELS,
  optimisePortfolio,
  parseModelInput,
  type CellValue,
  type ModelInput,
  type PortfolioResult,
} from "../../src/model";
import {
  ASSUMPTION_HEADERS,
  sampleAssumptionRows,
  sampleFunctionHeaders,
  sampleFunctionRows,
} from "../../src/layout/workbook";
import {
  PORTFOLIO_HEADERS,
  createPortfolioFunction,
  solveHere,
  workerRunner,
  type PortfolioRunner,
  type PortfolioWorkerLike,
} from "../../src/functions/portfolio";
import { answerPortfolioRequest, type PortfolioWorkerRequest } from "../../src/functions/portfolio-solve";
import type { SourcingFailure } from "../../src/functions/sourcing";

const errors = {
  invalidValue: (message: string): SourcingFailure => ({ kind: "invalidValue", message }),
  notAvailable: (message: string): SourcingFailure => ({ kind: "notAvailable", message }),
};
const isFailure = (value: unknown): value is SourcingFailure =>
  typeof value === "object" && value !== null && !Array.isArray(value) && "kind" in value;

const headers = [sampleFunctionHeaders()];
const rows = sampleFunctionRows();
/** The sample's assumptions with limits that change a plan: one transition at a time makes Bookkeeping a late bridge. */
const limited = (extra: [string, CellValue][] = []): CellValue[][] => [
  [...ASSUMPTION_HEADERS],
  ...sampleAssumptionRows(),
  ["Management capacity (manager FTE)", 1.5, ""],
  ["Max concurrent transitions", 1, ""],
  ...extra.map(([key, value]) => [key, value, ""]),
];

/** The model's own answer for the same table, to compare the spill with. */
async function modelPortfolio(tableRows: CellValue[][], assumptions: CellValue[][]): Promise<PortfolioResult> {
  const input: ModelInput = {
    assumptions: assumptions.slice(1).map((r) => [r[0], r[1]]),
    functions: { headers: headers[0], rows: tableRows },
  };
  return optimisePortfolio(parseModelInput(input));
}

/** A runner that counts its solves. */
function countingRunner(): { runner: PortfolioRunner; solves: () => number } {
  let solves = 0;
  return {
    runner: (input) => {
      solves++;
      return solveHere(input);
    },
    solves: () => solves,
  };
}

describe("SOURCING.PORTFOLIO core", () => {
  it("spills a header row, then each function with the model's portfolio strategy in words and its start month", async () => {
    const assumptions = limited();
    const expected = await modelPortfolio(rows, assumptions);
    expect(expected.status).toBe("optimal");
    // The limits bind: at least one function is not what it would be alone, so the test sees the portfolio at work.
    expect(expected.plans.some((p) => p.differsFromRecommendation)).toBe(true);
    const portfolio = createPortfolioFunction(errors, solveHere);
    const table = await portfolio.portfolio(rows, headers, assumptions);
    expect(table).toEqual([
      [...PORTFOLIO_HEADERS],
      ...expected.plans.map((p) => [p.function, RECOMMENDATION_LABELS[p.strategy!], p.startMonth ?? ""]),
    ]);
  });

  it('returns the codes with format "code", and reads a table that starts with its own header row', async () => {
    const assumptions = limited();
    const expected = await modelPortfolio(rows, assumptions);
    const portfolio = createPortfolioFunction(errors, solveHere);
    const codes = await portfolio.portfolio([headers[0], ...rows], undefined, assumptions, "code");
    expect(codes).toEqual([
      [...PORTFOLIO_HEADERS],
      ...expected.plans.map((p) => [p.function, p.strategy, p.startMonth ?? ""]),
    ]);
    // …[#All] with …[#Headers] as well: the header row is read once, not as a function.
    expect(await portfolio.portfolio([headers[0], ...rows], headers, assumptions, "code")).toEqual(codes);
    expect(await portfolio.portfolio(rows, headers, assumptions, "Excel")).toEqual(
      errors.invalidValue('format must be "text" or "code"; got "Excel".'),
    );
  });

  it("never puts an error value in a plan's cells: rows with errors say why and the rest is optimised", async () => {
    const broken = rows.map((r, i) => (i === 1 ? r.map((c, j) => (j === 1 ? -3 : c)) : r));
    const assumptions = limited();
    const expected = await modelPortfolio(broken, assumptions);
    const table = await createPortfolioFunction(errors, solveHere).portfolio(
      [...broken, broken[0].map(() => "")],
      headers,
      assumptions,
    );
    if (isFailure(table)) throw new Error(table.message);
    expect(table).toHaveLength(rows.length + 2);
    expect(table[2][0]).toBe(rows[1][0]);
    expect(table[2][1]).toMatch(/^Not in the portfolio: .*Headcount/);
    expect(table[2][2]).toBe("");
    expect(table[rows.length + 1]).toEqual(["", "", ""]);
    const planned = expected.plans.map((p) => [p.function, RECOMMENDATION_LABELS[p.strategy!], p.startMonth ?? ""]);
    expect(table.filter((_, i) => i > 0 && i !== 2 && i <= rows.length)).toEqual(planned);
    for (const cell of table.flat()) expect(String(cell)).not.toMatch(/^#/);
  });

  it("says which limit to raise, and to what, when no plan meets both", async () => {
    // Three functions only BPO may cover, at most one transition at a time.
    const bpoOnly = rows
      .slice(0, 3)
      .map((r, i) =>
        headers[0].map((h, j) =>
          h === "Management capacity" ? "no" : h === "Process documented" ? "yes" : j === 0 ? `F${i}` : r[j],
        ),
      );
    const assumptions = limited();
    const expected = await modelPortfolio(bpoOnly, assumptions);
    expect(expected.status).toBe("infeasible");
    const table = await createPortfolioFunction(errors, solveHere).portfolio(bpoOnly, headers, assumptions);
    if (isFailure(table)) throw new Error(table.message);
    const full = await optimisePortfolio(
      parseModelInput({
        assumptions: assumptions.slice(1).map((r) => [r[0], r[1]]),
        functions: { headers: headers[0], rows: bpoOnly },
      }),
    );
    expect(full.minimumConcurrentTransitions).not.toBeNull();
    for (const row of table.slice(1)) {
      expect(row[1]).toBe(
        `No plan meets both limits: allow at least ${full.minimumConcurrentTransitions} concurrent transitions`,
      );
      expect(row[2]).toBe("");
    }
  });

  it("says in its header when the plan is the best found in time rather than proven optimal", async () => {
    const stopped: PortfolioRunner = async (input) => ({
      ...(await solveHere(input)),
      status: "stopped",
      relativeGap: 0.0012,
    });
    const table = await createPortfolioFunction(errors, stopped).portfolio(rows, headers, limited());
    if (isFailure(table)) throw new Error(table.message);
    expect(table[0]).toEqual([
      "Function",
      "Portfolio strategy (best found in time, within 0.12% of the optimum)",
      "Start month",
    ]);
  });

  it("makes an invalid assumption or a missing table #VALUE! with the reason", async () => {
    const portfolio = createPortfolioFunction(errors, solveHere);
    const bad = await portfolio.portfolio(rows, headers, limited([["Transition start step (months)", 0]]));
    expect(bad).toMatchObject({ kind: "invalidValue", message: expect.stringMatching(/^Assumption: .*start step/i) });
    expect(await portfolio.portfolio(null, headers, limited())).toMatchObject({
      kind: "invalidValue",
      message: expect.stringMatching(/^table is required/),
    });
  });

  it("solves each distinct input once: concurrent and repeated calls share it, a changed input solves again", async () => {
    const { runner, solves } = countingRunner();
    const portfolio = createPortfolioFunction(errors, runner);
    const [first, second] = await Promise.all([
      portfolio.portfolio(rows, headers, limited()),
      portfolio.portfolio(rows, headers, limited(), "code"),
    ]);
    expect(solves()).toBe(1);
    expect(isFailure(first) || isFailure(second)).toBe(false);
    await portfolio.portfolio(rows, headers, limited());
    expect(solves()).toBe(1);
    const changed = rows.map((r, i) => (i === 0 ? r.map((c, j) => (j === 1 ? 20 : c)) : r));
    await portfolio.portfolio(changed, headers, limited());
    expect(solves()).toBe(2);
    expect(portfolio.cacheSize).toBe(2);
  });

  it("answers synchronously once solved (for HyperFormula), and tells when the solve ends", async () => {
    const portfolio = createPortfolioFunction(errors, solveHere);
    let solved!: () => void;
    const ended = new Promise<void>((resolve) => (solved = resolve));
    expect(portfolio.ready(rows, headers, limited(), undefined, solved)).toBeUndefined();
    await ended;
    expect(portfolio.ready(rows, headers, limited())).toEqual(await portfolio.portfolio(rows, headers, limited()));
  });
});

/** A stand-in Worker that answers with the worker's own handler on a later task, or fails when told to. */
class StandinWorker implements PortfolioWorkerLike {
  onmessage: PortfolioWorkerLike["onmessage"] = null;
  onerror: PortfolioWorkerLike["onerror"] = null;
  terminated = false;
  constructor(private readonly fail: boolean) {}
  postMessage(message: PortfolioWorkerRequest): void {
    setTimeout(() => {
      if (this.fail) this.onerror?.({ message: "out of memory" });
      else void answerPortfolioRequest(message).then((reply) => this.onmessage?.({ data: reply }));
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe("SOURCING.PORTFOLIO through a Worker", () => {
  it("gives the in-process answer; a failed worker is #VALUE! with the reason and is replaced at the next call", async () => {
    const workers: StandinWorker[] = [];
    const runner = workerRunner(() => {
      const worker = new StandinWorker(workers.length === 0);
      workers.push(worker);
      return worker;
    });
    const portfolio = createPortfolioFunction(errors, runner);
    expect(await portfolio.portfolio(rows, headers, limited())).toEqual(
      errors.invalidValue("The portfolio could not be optimised: The portfolio optimiser stopped: out of memory."),
    );
    expect(workers[0].terminated).toBe(true);
    const here = await createPortfolioFunction(errors, solveHere).portfolio(rows, headers, limited());
    expect(await portfolio.portfolio(rows, headers, limited())).toEqual(here);
    expect(workers).toHaveLength(2);
  });
});

/** A Worker stand-in that answers only when told: the test decides when a solve ends. */
class ManualWorker implements PortfolioWorkerLike {
  onmessage: PortfolioWorkerLike["onmessage"] = null;
  onerror: PortfolioWorkerLike["onerror"] = null;
  readonly posted: PortfolioWorkerRequest[] = [];
  terminated = false;
  postMessage(message: PortfolioWorkerRequest): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Solves the last request posted and replies. */
  async reply(): Promise<void> {
    const reply = await answerPortfolioRequest(this.posted[this.posted.length - 1]);
    this.onmessage?.({ data: reply });
  }
}

describe("SOURCING.PORTFOLIO cancelled by Excel", () => {
  const changedHeadcount = (headcount: number) =>
    rows.map((r, i) => (i === 0 ? r.map((c, j) => (j === 1 ? headcount : c)) : r));

  it("stops a solve nobody waits for: a running one by replacing the worker, a queued one before it is posted", async () => {
    const workers: ManualWorker[] = [];
    const runner = workerRunner(() => {
      workers.push(new ManualWorker());
      return workers[workers.length - 1];
    });
    const portfolio = createPortfolioFunction(errors, runner);
    const cancels: (() => void)[] = [];
    const call = (headcount: number) =>
      portfolio.portfolio(changedHeadcount(headcount), headers, limited(), undefined, (cancel) => cancels.push(cancel));
    const first = call(10);
    const second = call(20);
    const third = call(30);
    await Promise.resolve();
    expect(workers).toHaveLength(1);
    expect(workers[0].posted).toHaveLength(1); // one solve at a time: the others wait in the page
    cancels[1](); // queued: dropped, never posted
    cancels[0](); // running: the worker is replaced and the next solve goes to a new one
    expect(workers[0].terminated).toBe(true);
    expect(await first).toMatchObject({ kind: "invalidValue", message: expect.stringMatching(/cancelled/) });
    expect(await second).toMatchObject({ kind: "invalidValue", message: expect.stringMatching(/cancelled/) });
    expect(workers).toHaveLength(2);
    expect(workers[1].posted.map((p) => p.input)).toHaveLength(1);
    await workers[1].reply();
    const expected = await createPortfolioFunction(errors, solveHere).portfolio(
      changedHeadcount(30),
      headers,
      limited(),
    );
    expect(await third).toEqual(expected);
    // A cancelled input is solved afresh when Excel asks again.
    const again = portfolio.portfolio(changedHeadcount(10), headers, limited());
    await Promise.resolve();
    await workers[1].reply();
    expect(isFailure(await again)).toBe(false);
  });

  it("keeps a solve another cell still waits for", async () => {
    const workers: ManualWorker[] = [];
    const portfolio = createPortfolioFunction(
      errors,
      workerRunner(() => {
        workers.push(new ManualWorker());
        return workers[workers.length - 1];
      }),
    );
    let cancelFirst = () => {};
    const first = portfolio.portfolio(rows, headers, limited(), undefined, (cancel) => (cancelFirst = cancel));
    const second = portfolio.portfolio(rows, headers, limited(), "code", () => {});
    await Promise.resolve();
    cancelFirst();
    expect(workers[0].terminated).toBe(false);
    await workers[0].reply();
    expect(isFailure(await first)).toBe(false);
    expect(isFailure(await second)).toBe(false);
    expect(workers[0].posted).toHaveLength(1);
  });
});
