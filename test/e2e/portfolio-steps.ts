/**
 * Steps on the playground for the Portfolio panel, shared by the panel's browser test (portfolio.test.ts) and the
 * on-screen widths check (column-widths.test.ts): give the sample's assumptions table the two limits, as a user
 * adding two rows to it would, and run the portfolio from the pane.
 */
import type { Page } from "playwright-core";
import { paneOf } from "../../scripts/playground-steps";

/**
 * Types the two limits in the rows under the sample's SourcingAssumptions table, which takes them in as Excel's
 * AutoExpansion does (the stand-in has no such rule, so the step grows the table itself).
 */
export async function addPortfolioLimits(page: Page, capacityFte: number, maxTransitions: number): Promise<string> {
  return page.evaluate(
    ({ capacityFte, maxTransitions }) => {
      type Rect = { row: number; column: number; rowCount: number; columnCount: number };
      type Table = { name: string; rect: Rect; sheet: { name: string } };
      type Model = {
        table(name: string): Table | undefined;
        userInput(sheet: string, ref: string, values: (string | number)[][]): void;
        structureChanged(): void;
      };
      const model = (window as unknown as { sourcingPlayground: { model: Model } }).sourcingPlayground.model;
      const table = model.table("SourcingAssumptions");
      if (!table) throw new Error("the sample has no SourcingAssumptions table");
      const { row, column, rowCount } = table.rect;
      const letter = (c: number) => String.fromCharCode(65 + c);
      const cell = (r: number, c: number) => `${letter(c)}${r + 1}`;
      model.userInput(table.sheet.name, `${cell(row + rowCount, column)}:${cell(row + rowCount + 1, column + 1)}`, [
        ["Management capacity (manager FTE)", capacityFte],
        ["Max concurrent transitions", maxTransitions],
      ]);
      // Excel's table AutoExpansion: rows typed right under a table join it.
      table.rect = { ...table.rect, rowCount: rowCount + 2 };
      model.structureChanged();
      // The capacity's value cell, as the panel names it.
      return cell(row + rowCount, column + 1);
    },
    { capacityFte, maxTransitions },
  );
}

/** Clicks Optimise the portfolio and waits until the panel says it is done. */
export async function runPortfolio(page: Page): Promise<void> {
  const panel = paneOf(page).locator(".portfolio-panel");
  await panel.getByRole("button", { name: "Optimise the portfolio" }).click();
  await panel
    .locator(".portfolio-status")
    .filter({ hasText: /^Done:/ })
    .waitFor({ timeout: 60_000 });
}
