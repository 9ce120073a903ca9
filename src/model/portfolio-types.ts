/**
 * The portfolio's public shapes (docs/model.md §8): what optimisePortfolio returns and what its hosts (the command
 * line, the add-in's Portfolio panel and sheet, =SOURCING.PORTFOLIO, the playground, the export) read.
 * Kept apart from the solver so a host can import the types without loading it.
 */
import type { Assumptions, InputError, InputWarning, Recommendation, Strategy } from "./types";

/** A function's strategy in the portfolio: one of §4's, or DOCUMENT_FIRST when no strategy is allowed (§8.2). */
export type PortfolioStrategy = Strategy | "DOCUMENT_FIRST";

/**
 * - `optimal`: the plan below reaches the least portfolio NPV under both limits (to 1e-9 relative).
 * - `infeasible`: no choice of plans meets both limits; `plans` then shows each function's §5 recommendation only.
 * - `stopped`: the time limit or a cancel came first; `plans` is the best plan found, `relativeGap` how far from
 *   the proven bound it may be (never reported as optimal).
 */
export type PortfolioStatus = "optimal" | "infeasible" | "stopped";

/** The two shared limits and the start step (docs/model.md §8.1); null = unlimited. */
export interface PortfolioLimits {
  managementCapacityFte: number | null;
  maxConcurrentTransitions: number | null;
  transitionStartStepMonths: number;
}

/** One function's plan as the --json output shows it (the shape). */
export interface PortfolioPlanJson {
  function: string;
  /** null when the portfolio is infeasible (no plan is chosen); DOCUMENT_FIRST functions stay DOCUMENT_FIRST. */
  strategy: PortfolioStrategy | null;
  /** The BPO transition's first month: 1 for BPO, s for a bridge, null otherwise. */
  startMonth: number | null;
  /** The plan's NPV as the model computes it (null for DOCUMENT_FIRST, or when the portfolio is infeasible). */
  npv: number | null;
  /** The function's §5 recommendation, decided alone. */
  recommendation: Recommendation;
}

/** One function's plan with the detail a sheet or a chart needs. */
export interface PortfolioPlan extends PortfolioPlanJson {
  /** 1-based data row of the function in the input (as InputError.row counts). */
  row: number;
  /** True when the portfolio's strategy (or a bridge's start) is not what the function alone would do (§5). */
  differsFromRecommendation: boolean;
  /** Management load of this plan in manager FTEs, months 1..H at indices 0..H−1 (all zeros for BPO). */
  managementLoadFte: number[];
  /** Whether the plan's BPO transition is under way in each month, indices 0..H−1. */
  inTransition: boolean[];
  /** The plan's NPV had the function been left at its cheapest allowed plan (what the limits cost it). */
  unconstrainedNpv: number | null;
}

/** One month of the chosen portfolio. */
export interface PortfolioMonth {
  month: number;
  managementLoadFte: number;
  /** Plans whose BPO transition is under way in this month. */
  transitions: number;
}

/** docs/model.md §8.4, exactly the --json shape (toPortfolioJson), plus warnings. */
export interface PortfolioJson {
  /** `invalid` besides the result's statuses: an assumption is invalid, so nothing was optimised (see `errors`). */
  status: PortfolioStatus | "invalid";
  totalNpv: number | null;
  unconstrainedNpv: number | null;
  plans: PortfolioPlanJson[];
  months: PortfolioMonth[];
  minimumManagementCapacityFte: number | null;
  minimumConcurrentTransitions: number | null;
  valueOfOneMoreManager: number | null;
  valueOfOneMoreTransition: number | null;
  errors: InputError[];
  warnings: InputWarning[];
}

/** Everything optimisePortfolio returns: §8.4, the detail per plan, and how the solve went. */
export interface PortfolioResult {
  status: PortfolioStatus;
  /** Sum of the chosen plans' NPVs (null when infeasible). */
  totalNpv: number | null;
  /** Each function at its cheapest allowed plan, no limits. */
  unconstrainedNpv: number;
  /** One per modelled function, in input order; DOCUMENT_FIRST functions included. */
  plans: PortfolioPlan[];
  /** Months 1..H of the chosen portfolio (zeros when infeasible). */
  months: PortfolioMonth[];
  minimumManagementCapacityFte: number | null;
  minimumConcurrentTransitions: number | null;
  valueOfOneMoreManager: number | null;
  valueOfOneMoreTransition: number | null;
  /** Why a value of one more manager/transition is null, in words (e.g. "only the larger capacity is feasible"). */
  notes: string[];
  /** The limits used (file, then overrides). */
  limits: PortfolioLimits;
  /** The NPV of one manager over the horizon, Σ managerMonthlyCost · v(m): what the value of one more manager is compared with. */
  managerNpv: number;
  /** Status `stopped`: the proven relative gap between the plan found and the best bound (0 when optimal). */
  relativeGap: number;
  assumptions: Assumptions;
  errors: InputError[];
  warnings: InputWarning[];
}

/** Progress of a solve: which of the solves (the optimum, the minimum limits, the values of one more) is running. */
export interface PortfolioProgress {
  stage:
    | "plans"
    | "optimum"
    | "unconstrained"
    | "minimum-capacity"
    | "minimum-transitions"
    | "one-more-manager"
    | "one-more-transition";
  /** Solves done and to do, for a progress bar. */
  done: number;
  total: number;
}

export interface PortfolioOptions {
  /** Overrides of the limits read from the assumptions (undefined = the file's value; null = unlimited). */
  limits?: Partial<PortfolioLimits>;
  onProgress?: (progress: PortfolioProgress) => void;
  /** Cancels the solve between its programmes (an AbortSignal fits): the promise rejects with an AbortError-named error. */
  signal?: { readonly aborted: boolean };
  /**
   * Only the optimum and the plan (what =SOURCING.PORTFOLIO spills): the minimum limits and the values of one more
   * manager and transition are not computed and stay null. Default false.
   */
  planOnly?: boolean;
  /** Seconds the main solve may take before the best plan found is returned with its gap; default 10. */
  timeLimitSeconds?: number;
}
