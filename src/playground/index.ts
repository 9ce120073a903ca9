/**
 * The playground page: an in-memory workbook (the stand-in's WorkbookModel, calculated by HyperFormula) drawn
 * as a grid, and the add-in's real task pane page in a frame beside it. The pane reaches the workbook through
 * the playground's office.js (office-js.ts), which finds it at window.sourcingPlayground.
 *
 * Workbooks the pane opens with Excel.createWorkbook (the export panel) arrive as downloads, linked in the bar.
 *
 * Query parameters: ?sample=0 starts with an empty workbook (by default the pane's own "Insert sample model"
 * button is pressed once the pane is ready, so the sample is there on arrival).
 */
import { WorkbookModel } from "../office-standin/model";
import { FormulaEngine } from "./formula-engine";
import { offerWorkbook } from "./downloads";
import { WorkbookView } from "./grid";
import type { PlaygroundHost } from "./office-js";

interface Playground extends PlaygroundHost {
  engine: FormulaEngine;
  view: WorkbookView;
}

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The playground page lacks #${id}.`);
  return found as T;
}

const params = new URLSearchParams(location.search);
const model = new WorkbookModel(["Sheet1"]);
const engine = new FormulaEngine(model);
const view = new WorkbookView(document, model, engine, {
  nameBox: element<HTMLInputElement>("name-box"),
  formulaBar: element<HTMLInputElement>("formula-bar"),
  grid: element("grid"),
  tabs: element("sheet-tabs"),
  note: element("grid-note"),
});

let insertedSample = params.get("sample") === "0";
let downloads = 0;

const playground: Playground = {
  model,
  engine,
  view,
  openWorkbook(base64: string) {
    return offerWorkbook(document, base64, ++downloads, document.getElementById("downloads"));
  },
  paneReady(paneWindow: Window) {
    // The pane's handlers die with its page: forget them when it goes (a reload subscribes again).
    paneWindow.addEventListener("pagehide", () => model.listeners.clear());
    document.body.setAttribute("data-pane", "ready");
    if (!insertedSample) {
      insertedSample = true;
      // As a user would: the pane's own button inserts the sample through the add-in's code.
      paneWindow.document.getElementById("insert-sample")?.click();
    }
  },
};
(window as unknown as { sourcingPlayground: Playground }).sourcingPlayground = playground;

// The frame is created only now, so the pane finds the host as soon as its office.js runs.
const frame = document.createElement("iframe");
frame.className = "pane-frame";
frame.title = "Sourcing Modeler task pane";
frame.src = "taskpane.html?office=standin";
element("pane").append(frame);
view.render();
