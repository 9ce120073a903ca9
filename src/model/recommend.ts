/** The gated recommendation and its one-sentence rationale (docs/model.md §5). */
import { atMost } from "./cumulative";
import { formatMoney, formatPercent } from "./format";
import type { PerStrategy, Recommendation, Scope, Strategy } from "./types";

export const SCOPE_ORDER: Record<Scope, readonly Strategy[]> = {
  stable: ["BPO", "BRIDGE", "STAFF_AUG"],
  evolving: ["STAFF_AUG", "BRIDGE", "BPO"],
};

export type DecisionBasis =
  | "gates" // nothing allowed: DOCUMENT_FIRST
  | "only-allowed" // a gate left one strategy
  | "lowest-npv" // one candidate within the margin
  | "scope-tie-break"; // several candidates within the margin

export interface Decision {
  recommendation: Recommendation;
  basis: DecisionBasis;
  allowed: Strategy[];
  candidates: Strategy[];
  /** The allowed strategy with the lowest NPV (undefined for DOCUMENT_FIRST). */
  lowest?: Strategy;
}

function allowedStrategies(processDocumented: boolean, managementCapacity: boolean): Strategy[] {
  const allowed: Strategy[] = [];
  if (managementCapacity) allowed.push("STAFF_AUG");
  if (processDocumented) allowed.push("BPO");
  if (managementCapacity && processDocumented) allowed.push("BRIDGE");
  return allowed;
}

export function decide(
  npv: PerStrategy<number>,
  processDocumented: boolean,
  managementCapacity: boolean,
  scope: Scope,
  decisionMargin: number,
): Decision {
  const allowed = allowedStrategies(processDocumented, managementCapacity);
  if (allowed.length === 0) return { recommendation: "DOCUMENT_FIRST", basis: "gates", allowed, candidates: [] };
  const order = SCOPE_ORDER[scope];
  // Lowest NPV; an exact tie goes to the scope's order.
  const lowest = order.filter((s) => allowed.includes(s)).reduce((a, b) => (npv[b] < npv[a] ? b : a));
  const threshold = npv[lowest] * (1 + decisionMargin);
  const candidates = order.filter((s) => allowed.includes(s) && atMost(npv[s], threshold));
  const recommendation = candidates[0];
  const basis: DecisionBasis =
    allowed.length === 1 ? "only-allowed" : candidates.length === 1 ? "lowest-npv" : "scope-tie-break";
  return { recommendation, basis, allowed, candidates, lowest };
}

// ---- Rationale -------------------------------------------------------------------------------------------

const NAME: Record<Strategy, string> = {
  STAFF_AUG: "staff augmentation",
  BPO: "BPO",
  BRIDGE: "the bridge (staff augmentation until BPO goes live)",
};
const SHORT: Record<Strategy, string> = { STAFF_AUG: "staff augmentation", BPO: "BPO", BRIDGE: "the bridge" };
const HEADLINE: Record<Recommendation, string> = {
  STAFF_AUG: "Staff augmentation",
  BPO: "BPO",
  BRIDGE: "Bridge (staff augmentation until BPO goes live)",
  DOCUMENT_FIRST: "Document the process first",
};

export function describeBreakEven(breakEvenMonth: number | null, horizonMonths: number): string {
  if (breakEvenMonth === null) return `no break-even within ${horizonMonths} months`;
  if (breakEvenMonth === 1) return "BPO is cheaper than staff augmentation from month 1";
  return `BPO breaks even with staff augmentation in month ${breakEvenMonth}`;
}

export interface RationaleFacts {
  decision: Decision;
  npv: PerStrategy<number>;
  breakEvenMonth: number | null;
  horizonMonths: number;
  currency: string;
  decisionMargin: number;
  scope: Scope;
  processDocumented: boolean;
  managementCapacity: boolean;
}

export function rationale(f: RationaleFacts): string {
  const money = (s: Strategy) => formatMoney(f.npv[s], f.currency);
  const breakEven = describeBreakEven(f.breakEvenMonth, f.horizonMonths);
  const npvs = `NPV over ${f.horizonMonths} months is ${money("STAFF_AUG")} for staff augmentation and ${money("BPO")} for BPO`;
  const { decision } = f;

  switch (decision.basis) {
    case "gates":
      return `${HEADLINE.DOCUMENT_FIRST}: BPO needs a documented process and staff augmentation needs spare management capacity, and neither is in place; for reference, ${npvs}, and ${breakEven}.`;
    case "only-allowed": {
      const chosen = decision.recommendation as Strategy;
      const why = f.managementCapacity
        ? "BPO and the bridge are ruled out because the process is not documented"
        : "staff augmentation and the bridge are ruled out because there is no spare management capacity";
      return `${HEADLINE[chosen]}: ${why}; ${npvs}, and ${breakEven}.`;
    }
    case "lowest-npv": {
      const chosen = decision.recommendation as Strategy;
      const others = decision.allowed.filter((s) => s !== chosen);
      const runnerUp = others.reduce((a, b) => (f.npv[b] < f.npv[a] ? b : a));
      const gap = f.npv[chosen] > 0 ? f.npv[runnerUp] / f.npv[chosen] - 1 : Infinity;
      const gapText = Number.isFinite(gap) ? `${formatPercent(gap)} more` : "more";
      return `${HEADLINE[chosen]}: lowest NPV over ${f.horizonMonths} months at ${money(chosen)}, while ${SHORT[runnerUp]} costs ${gapText} (${money(runnerUp)}), beyond the ${formatPercent(f.decisionMargin)} decision margin; ${breakEven}.`;
    }
    case "scope-tie-break": {
      const chosen = decision.recommendation as Strategy;
      const lowest = decision.lowest as Strategy;
      const tied = decision.candidates.map((s) => `${SHORT[s]} ${money(s)}`).join(", ");
      const lead =
        chosen === lowest
          ? `lowest NPV over ${f.horizonMonths} months`
          : `within the ${formatPercent(f.decisionMargin)} decision margin of the lowest NPV (${SHORT[lowest]})`;
      return `${HEADLINE[chosen]}: ${lead}; NPVs within the ${formatPercent(f.decisionMargin)} margin (${tied}) count as a tie, which the ${f.scope} scope settles in favour of ${NAME[chosen]}; ${breakEven}.`;
    }
  }
}
