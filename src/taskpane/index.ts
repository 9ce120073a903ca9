/** Task pane entry: waits for Office, then hands the page to the controller and mounts the panels. No logic here. */
import { mountAnalysisPanel, officeAnalysisDeps } from "./analysis-panel";
import { createPane, officeDeps } from "./controller";
import { mountExportPanel, officeExportDeps } from "./export-panel";
import { morePanels } from "./more-panels";
import { mountPortfolioPanel, officePortfolioDeps } from "./portfolio-panel";
import { showOutsideExcel, startInExcel } from "./outside-excel";

startInExcel(
  () => {
    createPane(document, officeDeps());
    const more = morePanels(document);
    mountAnalysisPanel(more, officeAnalysisDeps());
    mountPortfolioPanel(more, officePortfolioDeps());
    mountExportPanel(more, officeExportDeps());
  },
  (message) => showOutsideExcel(document, message),
);
