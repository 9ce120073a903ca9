/**
 * The Portfolio panel on a fake DOM (no innerHTML: every text goes in through textContent), reading a stand-in
 * workbook through the real adapter and optimising through the real worker code: progress, the limits with their
 * cells, the outcome and the plan in words, Cancel, the infeasible case and an invalid limit named by its cell.
 */
import { describe, expect, it, vi } from "vitest";
import { readInputs } from "../../src/excel";
import type { PortfolioWriteSummary } from "../../src/excel/write-portfolio";
import { RECOMMENDATION_LABELS, type PortfolioResult } from "../../src/model";
import {
  type PortfolioPanelDeps,
  type PortfolioWorkerLike,
  mountPortfolioPanel,
} from "../../src/taskpane/portfolio-panel";
import {
  type PortfolioMessage,
  type PortfolioRequest,
  handlePortfolioRequest,
} from "../../src/taskpane/portfolio.worker";
import { FakeDocument, type FakeElement } from "../taskpane/fake-dom";
import { functionRows } from "./helpers";
import { type Limits, portfolioWorkbook } from "./portfolio-helpers";

/** Runs the real worker code; delivers its messages one per macrotask, as a worker would, until terminated. */
class FakeWorker implements PortfolioWorkerLike {
  onmessage: ((event: { data: PortfolioMessage }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  terminated = false;
  readonly pending: PortfolioMessage[] = [];
  computed: Promise<void> = Promise.resolve();
  constructor(private readonly autoDeliver: boolean) {}
  postMessage(request: PortfolioRequest): void {
    this.computed = handlePortfolioRequest(request, (m) => this.pending.push(m));
    if (this.autoDeliver) void this.deliver();
  }
  async deliver(count = Infinity): Promise<void> {
    await this.computed;
    for (let i = 0; i < count && this.pending.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.terminated) return;
      this.onmessage?.({ data: this.pending.shift() as PortfolioMessage });
    }
  }
  terminate(): void {
    this.terminated = true;
  }
}

function mount(limits: Limits, autoDeliver = true) {
  const book = portfolioWorkbook(functionRows(4), limits);
  const doc = new FakeDocument();
  const container = doc.createElement("div");
  const workers: FakeWorker[] = [];
  const written: PortfolioResult[] = [];
  const deps: PortfolioPanelDeps = {
    readInputs: () => readInputs(book.run),
    createWorker: () => {
      const worker = new FakeWorker(autoDeliver);
      workers.push(worker);
      return worker;
    },
    writePortfolio: vi.fn(async (result: PortfolioResult): Promise<PortfolioWriteSummary> => {
      written.push(result);
      return { requests: 1, planRows: result.plans.length, monthRows: result.months.length, charts: 2 };
    }),
  };
  const panel = mountPortfolioPanel(container as unknown as HTMLElement, deps, doc as unknown as Document);
  const el = panel.elements as unknown as Record<keyof typeof panel.elements, FakeElement>;
  const texts = (element: FakeElement) => element.children.map((c) => c.textContent);
  /** The value cell of the assumption labelled `label`, as the panel names it. */
  const valueCell = (label: string) => {
    const sheet = book.model.sheet("Inputs");
    for (let r = 0; r < 100; r++) if (sheet?.cell(r, 0).value === label) return `B${r + 1}`;
    throw new Error(`no row ${label}`);
  };
  return { panel, el, workers, written, texts, valueCell };
}

describe("the Portfolio panel", () => {
  it("optimises in the worker with progress, then shows the limits with their cells, the outcome and the plan", async () => {
    const limits = { capacity: 1.5, transitions: 1 };
    const { panel, el, workers, written, texts, valueCell } = mount(limits);
    expect(el.status.textContent).toBe("Set the limits in the assumptions table, then optimise the portfolio.");
    const seen: string[] = [];
    const watch = setInterval(() => seen.push(el.status.textContent), 0);
    const running = panel.run();
    expect(el.run.disabled).toBe(true);
    expect(el.cancel.disabled).toBe(false);
    expect(el.progress.hidden).toBe(false);
    await running;
    clearInterval(watch);
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(true);
    expect(seen.some((s) => /^Finding the best portfolio under both limits \(step \d of \d\)…$/.test(s))).toBe(true);
    expect(written).toHaveLength(1);
    expect(el.status.textContent).toBe(
      "Done: Optimal: the least portfolio NPV under both limits. 4 function(s) and 2 chart(s) on the Sourcing Portfolio sheet.",
    );
    expect(el.run.disabled).toBe(false);
    expect(el.progress.hidden).toBe(true);

    const lines = texts(el.limits);
    expect(lines[0]).toBe(
      `Management capacity: 1.5 manager FTE (Inputs, cell ${valueCell("Management capacity (manager FTE)")})`,
    );
    expect(lines[1]).toBe(`Max concurrent transitions: 1 (Inputs, cell ${valueCell("Max concurrent transitions")})`);
    expect(lines[2]).toBe(
      'Transition start step: every 3 months (not in the assumptions table; add a row "Transition start step (months)" with a value to set it (blank means 3))',
    );

    const result = written[0];
    const summary = texts(el.summary);
    expect(summary[0]).toMatch(
      /^Total NPV USD [\d,]+ against USD [\d,]+ without the limits: the limits cost USD [\d,]+\.$/,
    );
    expect(summary).toContain(
      `One more manager saves USD 0 against USD ${Math.round(result.managerNpv).toLocaleString("en-US")} for a manager over the 36-month horizon: hiring does not pay.`,
    );
    // The plan: a row per function; the delayed bridge in words, marked.
    const rows = el.plan.children[1].children.map((tr) => tr.children.map((td) => td.textContent));
    expect(rows.map((r) => r[0])).toEqual(result.plans.map((p) => p.function));
    const delayed = result.plans.find((p) => p.differsFromRecommendation);
    expect(rows.find((r) => r[0] === delayed?.function)?.[1]).toBe(
      `Bridge from month ${delayed?.startMonth} (differs: alone it would be ${RECOMMENDATION_LABELS[delayed?.recommendation ?? "BPO"]})`,
    );
    expect(el.plan.hidden).toBe(false);
  });

  it("Cancel stops the worker and writes nothing", async () => {
    const { panel, el, workers, written } = mount({ capacity: 1.5, transitions: 1 }, false);
    const running = panel.run();
    await vi.waitFor(() => expect(workers).toHaveLength(1));
    await workers[0].deliver(1); // the first progress message only
    expect(el.status.textContent).toMatch(/\(step 1 of \d\)…$/);
    el.cancel.dispatch("click");
    await running;
    expect(workers[0].terminated).toBe(true);
    expect(written).toHaveLength(0);
    expect(el.status.textContent).toBe("Cancelled: nothing was written to the workbook.");
    expect(el.run.disabled).toBe(false);
    expect(el.cancel.disabled).toBe(true);
    expect(el.progress.hidden).toBe(true);
  });

  it("infeasible: says which limit and the least that would do, with no hiring verdict", async () => {
    const { panel, el, written, texts } = mount({ capacity: 0.5, transitions: 1 });
    await panel.run();
    expect(written[0].status).toBe("infeasible");
    const summary = texts(el.summary);
    expect(summary).toContain(
      "Management capacity is too small: 0.5 manager FTE is set; at least 1.05 manager FTE would make the portfolio feasible with the transition limit as it is.",
    );
    expect(summary).toContain(
      "Too few concurrent transitions: 1 allowed; at least 2 would make the portfolio feasible with the management capacity as it is.",
    );
    expect(summary.some((s) => s.startsWith("One more manager saves"))).toBe(false);
    expect(el.status.textContent).toMatch(/^Done: Infeasible: no choice of plans meets both limits\./);
  });

  it("an invalid limit is named by its cell and what is allowed, and nothing is optimised or written", async () => {
    const { panel, el, texts, valueCell, written } = mount({ capacity: -1, transitions: 1 });
    await panel.run();
    const cell = valueCell("Management capacity (manager FTE)");
    expect(texts(el.summary)).toContainEqual(
      expect.stringMatching(new RegExp(`^Cell ${cell}: Management capacity .*at least 0`)),
    );
    // No empty plan, "unlimited" limit or NPV of 0 that would read as an answer.
    expect(texts(el.summary).some((s) => /Total NPV|hiring/.test(s))).toBe(false);
    expect(texts(el.limits)).toEqual([]);
    expect(el.plan.hidden).toBe(true);
    expect(written).toHaveLength(0);
    expect(el.status.textContent).toBe(
      "Nothing to optimise: an assumption is invalid (see below). The workbook was not changed.",
    );
    expect(el.run.disabled).toBe(false);
  });

  it("without the limits in the table: unlimited, and where to add them", async () => {
    const { panel, el, texts } = mount({});
    await panel.run();
    const lines = texts(el.limits);
    expect(lines[0]).toBe(
      'Management capacity: unlimited (not in the assumptions table; add a row "Management capacity (manager FTE)" with a value to set it (blank means unlimited))',
    );
    expect(texts(el.summary)).toContainEqual(
      expect.stringMatching(
        /^No management capacity is set \(unlimited\), so one more manager changes nothing; a manager costs USD [\d,]+ over the 36-month horizon\.$/,
      ),
    );
  });
});
