import { describe, expect, it, vi } from "vitest";
import type { AnalysisWriteSummary } from "../../src/excel/write-analysis";
import type { AnalysisReport } from "../../src/layout/analysis-sheet";
import { sampleInput } from "../../src/model";
import { type AnalysisPanelDeps, type WorkerLike, mountAnalysisPanel } from "../../src/taskpane/analysis-panel";
import { type AnalysisMessage, type AnalysisRequest, handleAnalysisRequest } from "../../src/taskpane/analysis.worker";
import { FakeDocument, type FakeElement } from "../taskpane/fake-dom";
import { sampleWithRanges } from "./helpers";

/** A worker stand-in: runs the real worker code, delivering each message on a later turn like a real worker. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: AnalysisMessage }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  terminated = false;
  pending: AnalysisMessage[] = [];
  requests: AnalysisRequest[] = [];
  constructor(private readonly autoDeliver: boolean) {}
  postMessage(request: AnalysisRequest): void {
    this.requests.push(request);
    handleAnalysisRequest(request, (message) => this.pending.push(message));
    if (this.autoDeliver) void this.deliver();
  }
  /** Delivers queued messages one per macrotask (or only the first `count`). */
  async deliver(count = Infinity): Promise<void> {
    for (let i = 0; i < count && this.pending.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.terminated) return;
      this.onmessage?.({ data: this.pending.shift() as AnalysisMessage });
    }
  }
  terminate(): void {
    this.terminated = true;
  }
}

const summary: AnalysisWriteSummary = {
  requests: 1,
  simulationRows: 8,
  histogramRows: 80,
  tornadoRows: 80,
  scenarioRows: 0,
  voiRows: 16,
  charts: 8,
};

function mount(autoDeliver = true) {
  const doc = new FakeDocument();
  const container = doc.createElement("div");
  const workers: FakeWorker[] = [];
  const written: AnalysisReport[] = [];
  const deps: AnalysisPanelDeps = {
    readInputs: async () => ({
      input: sampleWithRanges(),
      scenarios: [{ scenario: "Pricey", key: "bpoMonthlyFeePerFte", value: 9000, function: "Bookkeeping" }],
    }),
    createWorker: () => {
      const w = new FakeWorker(autoDeliver);
      workers.push(w);
      return w;
    },
    writeAnalysis: vi.fn(async (report: AnalysisReport) => {
      written.push(report);
      return summary;
    }),
    // The goal-seek form and the scenarios template have their own tests (goal-seek-form.test.ts).
    addScenariosTable: vi.fn(async () => ({ added: true, message: "Added." })),
    addCorrelationsTable: vi.fn(async () => ({ added: true, message: "Added correlations." })),
    writeGoalSeek: vi.fn(async () => ({ rows: 0, header: "A1:I1" })),
  };
  const panel = mountAnalysisPanel(container as unknown as HTMLElement, deps, doc as unknown as Document);
  const el = panel.elements as unknown as Record<keyof typeof panel.elements, FakeElement & { value?: string }>;
  return { panel, el, workers, written, deps, container };
}

describe("analysis panel", () => {
  it("runs the analysis in the worker, shows progress, then writes the report once", async () => {
    const { panel, el, workers, written } = mount();
    el.trials.value = "2000";
    el.seed.value = "9";
    const progress: string[] = [];
    const origin = el.status;
    const running = panel.run();
    expect(el.run.disabled).toBe(true);
    expect(el.cancel.disabled).toBe(false);
    // Watch the progress bar while the worker's messages arrive.
    for (let i = 0; i < 50 && panel.elements.progress.getAttribute("value") !== "1"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      progress.push(String(el.progress.getAttribute("value")));
    }
    await running;
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(true);
    expect(new Set(progress).size).toBeGreaterThan(2);
    expect(written).toHaveLength(1);
    expect(written[0].simulation).toMatchObject({ trials: 2000, seed: 9 });
    expect(written[0].scenarios?.scenarios[0].name).toBe("Pricey");
    expect(origin.textContent).toMatch(/^Done: 4 function\(s\), 2,000 trials each \(seed 9\); 8 chart\(s\)/);
    expect(el.summary.children.map((c) => c.textContent)).toContain(
      "Scenario Pricey: recommendation changes for Bookkeeping BPO → STAFF_AUG.",
    );
    expect(el.run.disabled).toBe(false);
    expect(el.cancel.disabled).toBe(true);
    expect(el.progress.hidden).toBe(true);
  });

  it("cancels: the worker is terminated and nothing is written", async () => {
    const { panel, el, workers, deps } = mount(false);
    el.trials.value = "5000";
    const running = panel.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await workers[0].deliver(2); // two progress messages
    expect(el.status.textContent).toMatch(
      /^Simulating: 2,000 of 20,000 trials \(all functions\); now Customer support…$/,
    );
    el.cancel.dispatch("click");
    await running;
    expect(workers[0].terminated).toBe(true);
    expect(deps.writeAnalysis).not.toHaveBeenCalled();
    expect(el.status.textContent).toBe("Cancelled: nothing was written to the workbook.");
    expect(el.run.disabled).toBe(false);
  });

  it("adds trials until P(BPO cheaper) is known to the precision asked for, then writes only the last run", async () => {
    const { panel, el, workers, written } = mount();
    el.trials.value = "500";
    el.seed.value = "3";
    el.precision.value = "1.5%";
    const statuses: string[] = [];
    let finished = false;
    const running = panel.run().then(() => (finished = true));
    for (let i = 0; i < 2000 && !finished; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      statuses.push(String(el.status.textContent));
    }
    await running;
    expect(workers.length).toBeGreaterThan(1);
    expect(workers.every((w) => w.terminated)).toBe(true);
    expect(written).toHaveLength(1);
    const final = written[0];
    expect(final.simulation.trials % 500).toBe(0);
    expect(final.simulation.trials).toBeGreaterThan(500);
    expect(Math.max(...(final.standardErrors ?? []).map((e) => e.BPO.probabilityCheaper))).toBeLessThan(0.015);
    expect(
      statuses.some((t) =>
        /^500 trials gave a standard error of \d+\.\d\d% \(target below 1\.50%\); adding trials up to [\d,]+\./.test(t),
      ),
    ).toBe(true);
    expect(el.status.textContent).toMatch(/^Done: 4 function\(s\), [\d,]+ trials each \(seed 3\)/);
  });

  it("cancels between precision rounds, writing nothing", async () => {
    const { panel, el, workers, deps } = mount(false);
    el.trials.value = "200";
    el.precision.value = "0.5%";
    const running = panel.run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await workers[0].deliver(); // the first round, complete: a second one starts
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(workers).toHaveLength(2);
    expect(el.status.textContent).toMatch(/^200 trials gave a standard error/);
    el.cancel.dispatch("click");
    await running;
    expect(workers.every((w) => w.terminated)).toBe(true);
    expect(deps.writeAnalysis).not.toHaveBeenCalled();
    expect(el.status.textContent).toBe("Cancelled: nothing was written to the workbook.");
  });

  it("refuses a precision that is not a share", async () => {
    const { panel, el, workers } = mount();
    el.precision.value = "2";
    await panel.run();
    expect(workers).toHaveLength(0);
    expect(el.status.textContent).toBe(
      'The precision must be a share above 0% and at most 50%, such as 0.5%; got "2".',
    );
  });

  it("draws with the workbook's correlated ranges and names a bad correlations cell in the status", async () => {
    const { panel, el, workers, deps } = mount();
    const pairs = [
      { row: 1, first: "saHourlyRate" as const, second: "bpoMonthlyFeePerFte" as const, correlation: 0.6 },
    ];
    const error = "SourcingCorrelations Inputs!B5: Rank correlation must be a number from -1 to 1.";
    (deps as { readInputs: AnalysisPanelDeps["readInputs"] }).readInputs = async () => ({
      input: sampleWithRanges(),
      scenarios: [],
      correlations: { pairs, errors: [error] },
    });
    el.trials.value = "500";
    await panel.run();
    expect(workers[0].requests[0].correlations).toEqual(pairs);
    expect(el.status.textContent).toContain(error);
    el.addCorrelations.dispatch("click");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(deps.addCorrelationsTable).toHaveBeenCalledOnce();
    expect(el.status.textContent).toBe("Added correlations.");
  });

  it("refuses bad trials or seed before doing anything", async () => {
    const { panel, el, workers } = mount();
    el.trials.value = "0";
    await panel.run();
    expect(workers).toHaveLength(0);
    expect(el.status.textContent).toBe('Trials must be a whole number from 1 to 1,000,000; got "0".');
  });

  it("reports a worker failure and a failed write in the status line", async () => {
    const { panel, el, deps } = mount();
    (deps as { readInputs: AnalysisPanelDeps["readInputs"] }).readInputs = async () => ({
      input: sampleInput(),
      scenarios: [],
    });
    (deps.writeAnalysis as ReturnType<typeof vi.fn>).mockRejectedValueOnce(
      new Error('A table named SourcingTornado already exists on the sheet "Mine".'),
    );
    await panel.run();
    expect(el.status.textContent).toMatch(/SourcingTornado already exists/);
    expect(el.status.className).toMatch(/error/);
  });
});
