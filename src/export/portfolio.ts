/**
 * The native-formula export with the portfolio plan (docs/export.md): the plan is solved here, asynchronously (the
 * solver loads on first use), then written by buildNativeExport on its Sourcing Portfolio sheet (portfolio-sheet.ts).
 */
import { optimisePortfolio, parseModelInput, type ModelInput, type PortfolioOptions } from "../model";
import { buildNativeExport, type ExportOptions, type NativeExport } from "./native";

/**
 * The native-formula export with the portfolio sheet: optimises the input's portfolio (the plan only; docs/model.md
 * §8), then builds the workbook. Hosts that export (the command line, the pane) call this instead of
 * buildNativeExport when the workbook should carry the plan. An input with an invalid assumption or no valid row
 * is exported (or refused) exactly as buildNativeExport does, without a portfolio.
 */
export async function buildNativeExportWithPortfolio(
  input: ModelInput,
  options: ExportOptions = {},
  portfolioOptions: PortfolioOptions = {},
): Promise<NativeExport> {
  const parsed = parseModelInput(input);
  if (parsed.errors.some((e) => e.row === null) || parsed.rows.length === 0)
    return buildNativeExport(input, options, parsed);
  const planOnly: PortfolioOptions & { planOnly?: boolean } = { planOnly: true, ...portfolioOptions };
  let portfolio = await optimisePortfolio(parsed, planOnly);
  // No plan: the full solve finds the least limits the sheet names.
  if (portfolio.status === "infeasible") portfolio = await optimisePortfolio(parsed, portfolioOptions);
  return buildNativeExport(input, { ...options, portfolio }, parsed);
}
