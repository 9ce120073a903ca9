/** Outside Excel (the page opened in a browser), the pane has no workbook: it says how to open it in Excel instead. */
export const OUTSIDE_EXCEL_MESSAGE =
  "Sourcing Modeler runs inside Excel. In Excel on Windows, on a Mac or on the web, select Home > Sourcing Modeler (add the add-in first: Home > Add-ins, or ask your administrator). This page on its own cannot reach a workbook.";

export function showOutsideExcel(doc: Pick<Document, "getElementById">): void {
  const message = doc.getElementById("outside-excel");
  const main = doc.getElementById("pane-main");
  if (main) main.hidden = true;
  if (message) {
    message.textContent = OUTSIDE_EXCEL_MESSAGE;
    message.hidden = false;
  }
}
