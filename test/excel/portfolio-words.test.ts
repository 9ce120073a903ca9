/**
 * The portfolio's sentences (src/layout/portfolio-sheet.ts) for the answers the sample does not give on its own: a
 * solve stopped at the time limit, an infeasible portfolio that no capacity (or no transition limit) can rescue, and
 * one more manager that only makes the portfolio feasible. Each starts from a real result and changes what the
 * case changes.
 */
import { describe, expect, it } from "vitest";
import {
  headline,
  hiringVerdict,
  infeasibleInWords,
  planInWords,
  statusInWords,
  summaryRows,
} from "../../src/layout/portfolio-sheet";
import { type PortfolioResult, optimisePortfolio, parseModelInput, sampleInput } from "../../src/model";

async function sampleResult(limits: Record<string, number>): Promise<PortfolioResult> {
  const input = sampleInput();
  return optimisePortfolio(parseModelInput({ ...input, assumptions: { ...input.assumptions, ...limits } }));
}

describe("the portfolio in words", () => {
  it("a stopped solve is never called optimal and gives its gap", async () => {
    const result: PortfolioResult = {
      ...(await sampleResult({ managementCapacityFte: 1.5, maxConcurrentTransitions: 1 })),
      status: "stopped",
      relativeGap: 0.0012,
    };
    expect(statusInWords(result)).toBe(
      "Stopped at the time limit: the best plan found, within 0.120% of the proven best (not proven optimal)",
    );
    expect(headline(result)).toMatch(/^Sourcing portfolio: stopped at the time limit; total NPV USD [\d,]+ against/);
    expect(summaryRows(result)[0]).toMatchObject({ figure: "Status", value: "Stopped at the time limit" });
  });

  it("infeasible with a transition limit no capacity can meet: says to raise the transition limit first", async () => {
    const result = await sampleResult({ managementCapacityFte: 1, maxConcurrentTransitions: 0 });
    expect(result.status).toBe("infeasible");
    expect(result.minimumManagementCapacityFte).toBeNull();
    expect(infeasibleInWords(result)).toContain(
      "No management capacity is enough while at most 0 transitions may run at once: raise the transition limit first.",
    );
    expect(infeasibleInWords(result)).toContainEqual(
      expect.stringMatching(
        /^Too few concurrent transitions: 0 allowed; at least \d+ would make the portfolio feasible/,
      ),
    );
  });

  it("when only one more manager makes it feasible, the verdict says so instead of a saving", async () => {
    const result = await sampleResult({ managementCapacityFte: 0.5, maxConcurrentTransitions: 1 });
    expect(result.valueOfOneMoreManager).toBeNull();
    expect(hiringVerdict(result)).toBe(
      "With one more manager the portfolio becomes feasible; today's limits have no feasible plan to compare it with.",
    );
    const figures = summaryRows(result);
    expect(figures.find((r) => r.figure === "Value of one more manager (USD)")?.value).toBe(
      "Not known: see the status",
    );
  });

  it("plans in the command line's words", () => {
    expect(planInWords({ strategy: "BRIDGE", startMonth: 7 })).toBe("Bridge from month 7");
    expect(planInWords({ strategy: "BPO", startMonth: 1 })).toBe("BPO");
    expect(planInWords({ strategy: "STAFF_AUG", startMonth: null })).toBe("Staff augmentation");
    expect(planInWords({ strategy: "DOCUMENT_FIRST", startMonth: null })).toBe("Document the process first");
    expect(planInWords({ strategy: null, startMonth: null })).toBe("No plan (no portfolio meets the limits)");
  });
});
