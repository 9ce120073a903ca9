/** The value-of-information part of the analysis panel and its wording (layout/voi-sheet.ts). */
import { describe, expect, it } from "vitest";
import { voiColumns, voiRows, voiSentence, voiVerdict } from "../../src/layout/voi-sheet";
import { type FunctionVoi, type VoiResult, sampleInput } from "../../src/model";
import { renderVoi } from "../../src/taskpane/analysis-panel";
import { type AnalysisMessage, handleAnalysisRequest } from "../../src/taskpane/analysis.worker";
import { FakeDocument, type FakeElement } from "../taskpane/fake-dom";
import { sampleWithRanges } from "./helpers";

function voiOf(input = sampleWithRanges(), trials = 2000): VoiResult {
  const messages: AnalysisMessage[] = [];
  handleAnalysisRequest({ type: "analyse", id: 1, input, scenarios: [], trials, seed: 5 }, (m) => messages.push(m));
  const done = messages[messages.length - 1];
  if (done.type !== "done") throw new Error("the analysis did not finish");
  if (!done.report.voi) throw new Error("the report has no value of information");
  return done.report.voi;
}

const base: FunctionVoi = {
  function: "Payroll",
  row: 1,
  decision: "BPO",
  basis: "simulated",
  trialsRun: 1000,
  expectedNpv: 1_000_000,
  evpi: 25_000,
  evpiStandardError: 1_200,
  inputs: [
    {
      input: "bpoRampWeeks",
      label: "BPO ramp (weeks)",
      evppi: 20_000,
      evppiStandardError: 900,
      decisionChangeProbability: 0.3,
    },
    { input: "bpoMonthlyFeePerFte", label: "BPO fee", evppi: 0, evppiStandardError: 0, decisionChangeProbability: 0 },
  ],
};

describe("value of information in words", () => {
  it("says what is worth finding out with amounts in the currency and ± the standard error", () => {
    expect(voiVerdict(base)).toBe("worth");
    expect(voiSentence(base, "USD")).toBe(
      "Payroll: BPO is cheapest on average; knowing every range before signing would save up to USD 25,000 ± 1,200 on average. BPO ramp (weeks) is worth most: USD 20,000 ± 900; it changes the decision in 30.0% of trials.",
    );
  });

  it("says plainly when nothing is worth finding out: EVPI below 0.1% of the decision's NPV", () => {
    const small = { ...base, evpi: 999, evpiStandardError: 10 };
    expect(voiVerdict(small)).toBe("nothing-worth");
    expect(voiSentence(small, "EUR")).toMatch(/nothing is worth finding out before signing .*EUR 999 ± 10/);
    expect(voiVerdict({ ...base, evpi: 1000 })).toBe("worth");
    expect(voiVerdict({ ...base, decision: "DOCUMENT_FIRST", basis: "gates", inputs: [] })).toBe("document-first");
    expect(voiSentence({ ...base, basis: "only-allowed", decision: "STAFF_AUG" }, "USD")).toMatch(
      /Staff augmentation is the only strategy allowed/,
    );
  });

  it("lays the table out one row per input, the sentence on the function's first row, short chart labels", () => {
    const rows = voiRows([base, { ...base, function: "AP", basis: "no-ranges", evpi: 0, inputs: [] }], "USD");
    expect(voiColumns("USD").map((c) => c.header)).toContain("Worth knowing (EVPPI) (USD)");
    expect(rows).toHaveLength(3);
    expect(rows[0].slice(0, 6)).toEqual(["Payroll", "BPO", "BPO ramp (weeks)", 20_000, 900, 0.3]);
    expect(rows[0][9]).toBe("BPO ramp");
    expect(rows[1][8]).toBe("");
    expect(rows[2][2]).toBe("");
    expect(String(rows[2][8])).toMatch(/no input has a range/);
    expect(rows.every((r) => r.length === voiColumns("USD").length)).toBe(true);
  });
});

describe("analysis panel: what could change the decision", () => {
  it("shows each function's sentence and its inputs ranked with a bar of EVPPI against EVPI", () => {
    const voi = voiOf();
    const doc = new FakeDocument();
    const target = doc.createElement("div");
    renderVoi(doc as unknown as Document, target as unknown as HTMLElement, voi);
    const el = target as unknown as FakeElement;
    expect(el.hidden).toBe(false);
    const sentences = el.findAll("analysis-voi-sentence").map((s) => s.textContent);
    expect(sentences).toHaveLength(voi.functions.length);
    voi.functions.forEach((f, i) => expect(sentences[i]).toBe(voiSentence(f, "USD")));
    const worth = voi.functions.filter((f) => voiVerdict(f) === "worth");
    expect(worth.length).toBeGreaterThan(0);
    const bars = el.findAll("analysis-voi-bar");
    expect(bars).toHaveLength(worth.reduce((n, f) => n + f.inputs.length, 0));
    const first = worth[0];
    expect(bars[0].getAttribute("max")).toBe(String(first.evpi));
    expect(bars[0].getAttribute("value")).toBe(String(first.inputs[0].evppi));
    const amounts = el.findAll("analysis-voi-amount").map((a) => a.textContent);
    expect(amounts[0]).toMatch(/^USD [\d,]+ ± [\d,]+; changes the decision in \d+\.\d% of trials$/);
    // Ranked: the list's inputs in order of EVPPI, largest first.
    const evppis = first.inputs.map((x) => x.evppi);
    expect([...evppis].sort((a, b) => b - a)).toEqual(evppis);
  });

  it("says plainly, without bars, that nothing is worth finding out for the sample as shipped", () => {
    const voi = voiOf(sampleInput(), 100);
    const doc = new FakeDocument();
    const target = doc.createElement("div");
    renderVoi(doc as unknown as Document, target as unknown as HTMLElement, voi);
    const el = target as unknown as FakeElement;
    expect(el.findAll("analysis-voi-bar")).toHaveLength(0);
    expect(
      el
        .findAll("analysis-voi-sentence")
        .every((s) => /nothing is worth finding out|document the process first/.test(s.textContent)),
    ).toBe(true);
  });
});
