/** Outside Excel (the page opened in a browser), the pane has no workbook: it says how to open it in Excel instead. */
export const OUTSIDE_EXCEL_MESSAGE =
  "Sourcing Modeler runs inside Excel. In Excel on Windows, on a Mac or on the web, select Home > Sourcing Modeler (add the add-in first: Home > Add-ins, or ask your administrator). This page on its own cannot reach a workbook.";

/** Office.js comes from Microsoft's CDN; a blocked network or proxy leaves the page without it. */
export const NO_OFFICE_JS_MESSAGE =
  "Office.js, the Microsoft library every add-in loads from appsforoffice.microsoft.com, did not load: check the network connection (or ask IT whether a proxy blocks that address), then close and reopen the pane.";

export function showOutsideExcel(doc: Pick<Document, "getElementById">, message: string = OUTSIDE_EXCEL_MESSAGE): void {
  const note = doc.getElementById("outside-excel");
  const main = doc.getElementById("pane-main");
  if (main) main.hidden = true;
  if (note) {
    note.textContent = message;
    note.hidden = false;
  }
}

/**
 * A page's start (the pane, the Diagnostics page): `start` once Office is ready in Excel; otherwise `showOutside`
 * says why the page cannot work here (Office.js did not load, or the page is open outside Excel: no message, the
 * page's own default).
 */
export function startInExcel(start: () => void, showOutside: (message?: string) => void): void {
  if (typeof Office === "undefined") {
    showOutside(NO_OFFICE_JS_MESSAGE);
    return;
  }
  Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) {
      showOutside();
      return;
    }
    start();
  });
}
