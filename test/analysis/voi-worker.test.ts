/** Value of information in the pane's analysis: the simulation's own trials, the command line's figures. */
import { describe, expect, it } from "vitest";
import { valueOfInformation } from "../../src/model";
import { type AnalysisMessage, handleAnalysisRequest } from "../../src/taskpane/analysis.worker";
import { sampleWithRanges } from "./helpers";

const run = (trials: number, seed: number) => {
  const messages: AnalysisMessage[] = [];
  handleAnalysisRequest({ type: "analyse", id: 1, input: sampleWithRanges(), scenarios: [], trials, seed }, (message) =>
    messages.push(message),
  );
  const done = messages[messages.length - 1];
  if (done.type !== "done") throw new Error(`the analysis did not finish: ${JSON.stringify(done)}`);
  return done;
};

const voiIn = (done: ReturnType<typeof run>) => {
  if (!done.report.voi) throw new Error("the report has no value of information");
  return done.report.voi;
};

describe("value of information in the analysis worker", () => {
  it("gives the figures of sourcing-model voi for the same trials and seed (NPVs rebuilt from the savings)", () => {
    const voi = voiIn(run(4000, 11));
    const cli = valueOfInformation(sampleWithRanges(), { trials: 4000, seed: 11 });
    expect(voi.functions.map((f) => [f.function, f.decision, f.basis, f.trialsRun])).toEqual(
      cli.functions.map((f) => [f.function, f.decision, f.basis, f.trialsRun]),
    );
    voi.functions.forEach((f, i) => {
      const expected = cli.functions[i];
      // NPV(BPO) = NPV(staff aug) − saving differs from the engine's NPV(BPO) by rounding only.
      expect(f.evpi).toBeCloseTo(expected.evpi, 4);
      expect(f.expectedNpv ?? 0).toBeCloseTo(expected.expectedNpv ?? 0, 4);
      expect(f.inputs.map((x) => x.input)).toEqual(expected.inputs.map((x) => x.input));
      f.inputs.forEach((x, k) => {
        expect(x.evppi).toBeCloseTo(expected.inputs[k].evppi, 4);
        expect(x.decisionChangeProbability).toBe(expected.inputs[k].decisionChangeProbability);
        expect(x.label).toBe(expected.inputs[k].label);
      });
    });
    // The sample with these ranges has something worth finding out: the check is not vacuous.
    expect(voi.functions.some((f) => f.evpi > 0 && f.inputs.some((x) => x.evppi > 0))).toBe(true);
  });

  it("reports the simulation's trials and seed, and is the same for the same seed", () => {
    const first = run(1500, 3);
    expect(voiIn(first).trials).toBe(1500);
    expect(voiIn(first).seed).toBe(3);
    expect(voiIn(first).functions).toHaveLength(first.report.simulation.results.length);
    expect(JSON.stringify(voiIn(run(1500, 3)))).toBe(JSON.stringify(voiIn(first)));
  });
});
