/**
 * The solve behind =SOURCING.PORTFOLIO, kept apart from the worksheet side (portfolio.ts) so the Web Worker
 * (portfolio.worker.ts) bundles only this and the model. It answers what the spill shows: the plan per function,
 * and for an infeasible portfolio the least limits that would make it feasible.
 */
import {
  optimisePortfolio,
  parseModelInput,
  type InputError,
  type ModelInput,
  type PortfolioOptions,
  type PortfolioPlan,
  type PortfolioResult,
} from "../model";

/** What the spill needs from one solve: plain data, so a Worker can post it back. */
export interface PortfolioAnswer {
  status: PortfolioResult["status"];
  relativeGap: number;
  plans: Pick<PortfolioPlan, "row" | "function" | "strategy" | "startMonth">[];
  errors: InputError[];
  minimumManagementCapacityFte: number | null;
  minimumConcurrentTransitions: number | null;
}

export interface PortfolioWorkerRequest {
  type: "portfolio";
  id: number;
  input: ModelInput;
}

export type PortfolioWorkerReply =
  | { type: "portfolio-done"; id: number; answer: PortfolioAnswer }
  | { type: "portfolio-error"; id: number; message: string };

/**
 * The worksheet's time limit, the 10 s for the largest portfolios: the best plan found by then is shown with
 * its gap to the proven bound. Excel shows "#BUSY!" until a custom function answers, so it is not longer.
 */
export const FUNCTION_TIME_LIMIT_SECONDS = 10;

/**
 * Parses and optimises the portfolio the input describes. Only the plan is solved for; the least limits are
 * solved for only when the plan is infeasible (the spill then says what would make it feasible).
 */
export async function solvePortfolio(input: ModelInput, signal?: PortfolioOptions["signal"]): Promise<PortfolioAnswer> {
  const parsed = parseModelInput(input);
  // planOnly skips the values of one more manager or transition, which the spill does not show.
  const planOnly: PortfolioOptions & { planOnly?: boolean } = {
    planOnly: true,
    timeLimitSeconds: FUNCTION_TIME_LIMIT_SECONDS,
    signal,
  };
  let result = await optimisePortfolio(parsed, planOnly);
  if (result.status === "infeasible")
    result = await optimisePortfolio(parsed, { timeLimitSeconds: FUNCTION_TIME_LIMIT_SECONDS, signal });
  return {
    status: result.status,
    relativeGap: result.relativeGap,
    plans: result.plans.map(({ row, function: name, strategy, startMonth }) => ({
      row,
      function: name,
      strategy,
      startMonth,
    })),
    errors: result.errors,
    minimumManagementCapacityFte: result.minimumManagementCapacityFte,
    minimumConcurrentTransitions: result.minimumConcurrentTransitions,
  };
}

/** The worker's side of the protocol: one reply per request, the answer or the reason it failed. */
export async function answerPortfolioRequest(request: PortfolioWorkerRequest): Promise<PortfolioWorkerReply> {
  try {
    return { type: "portfolio-done", id: request.id, answer: await solvePortfolio(request.input) };
  } catch (error) {
    return { type: "portfolio-error", id: request.id, message: error instanceof Error ? error.message : String(error) };
  }
}
