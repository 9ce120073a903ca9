/**
 * What Excel.createWorkbook does in the playground: Excel would open the workbook in a new window; a browser
 * cannot, so the playground hands the .xlsx over as a download (open it in Excel or LibreOffice) and keeps a
 * link to it in the page's bar, saying why. Plain DOM, no Office.
 */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file name that does not collide with the previous downloads of this page: sourcing-workbook-2.xlsx, … */
export function downloadName(count: number): string {
  return count <= 1 ? "sourcing-workbook.xlsx" : `sourcing-workbook-${count}.xlsx`;
}

/**
 * Starts the download of the xlsx bytes and, when a bar is given, shows a link to them there (replacing the
 * previous one, whose object URL is released). Returns the file name.
 */
export function offerWorkbook(doc: Document, base64: string, count: number, bar?: HTMLElement | null): string {
  const name = downloadName(count);
  const view = doc.defaultView;
  if (!view) throw new Error("The playground page has no window to download from.");
  const url = view.URL.createObjectURL(new view.Blob([base64ToBytes(base64) as BlobPart], { type: XLSX_TYPE }));
  const link = doc.createElement("a");
  link.href = url;
  link.download = name;
  link.className = "download-link";
  link.textContent = name;
  if (bar) {
    const previous = bar.querySelector<HTMLAnchorElement>("a.download-link");
    if (previous) view.URL.revokeObjectURL(previous.href);
    const text = doc.createElement("span");
    text.textContent = "Excel would open the new workbook in a window; the playground downloads it instead: ";
    bar.replaceChildren(text, link);
    bar.hidden = false;
  }
  link.click();
  return name;
}
