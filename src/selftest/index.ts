/** Diagnostics page entry: waits for Office, then hands the page to mountSelftest. No logic here. */
import { officeHost } from "./office-host";
import { startInExcel } from "../taskpane/outside-excel";
import { mountSelftest, showOutsideExcel } from "./page";

startInExcel(
  () => {
    // Opened from the task pane, this page has taken the shared runtime's place: keep the SOURCING functions registered.
    if (new URLSearchParams(location.search).get("from") === "pane") {
      void import("../functions/functions");
      const back = document.getElementById("back-to-pane");
      if (back) back.hidden = false;
    }
    mountSelftest(document, officeHost(), navigator.clipboard);
  },
  (message) => showOutsideExcel(document, message),
);
