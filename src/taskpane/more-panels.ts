/**
 * The "More" section at the end of the pane: further panels (export, analysis) mount into it. Each panel module
 * exports a mount function taking the container; the entry (index.ts) calls them once Office is ready:
 *
 *   mountExportPanel(morePanels(document));
 *
 * The section stays hidden until a panel asks for it, so the pane shows no empty heading.
 */
export function morePanels(doc: Pick<Document, "getElementById">): HTMLElement {
  const section = doc.getElementById("more-section");
  const container = doc.getElementById("more-panels");
  if (!section || !container) throw new Error("The task pane page lacks #more-section or #more-panels.");
  section.hidden = false;
  return container;
}
