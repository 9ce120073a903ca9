/** Task pane entry: waits for Office, then hands the page to the controller and mounts the panels. No logic here. */
import { mountAnalysisPanel, officeAnalysisDeps } from "./analysis-panel";
import { createPane, officeDeps } from "./controller";
import { mountExportPanel, officeExportDeps } from "./export-panel";
import { morePanels } from "./more-panels";
import { NO_OFFICE_JS_MESSAGE, showOutsideExcel } from "./outside-excel";

if (typeof Office === "undefined") {
  showOutsideExcel(document, NO_OFFICE_JS_MESSAGE);
} else {
  Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) {
      showOutsideExcel(document);
      return;
    }
    createPane(document, officeDeps());
    const more = morePanels(document);
    mountAnalysisPanel(more, officeAnalysisDeps());
    mountExportPanel(more, officeExportDeps());
  });
}
