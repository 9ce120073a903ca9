/**
 * Puts a PaneState on the page. Every text from the workbook goes in through textContent, never as HTML.
 * Uses a small part of the DOM (createElement, append, replaceChildren, textContent, attributes, events), so
 * tests can run it against a tiny fake document.
 */
import type { ErrorItem, PaneState, ResultItem } from "./view-model";

export interface PaneElements {
  insertSample: HTMLButtonElement;
  runModel: HTMLButtonElement;
  live: HTMLInputElement;
  status: HTMLElement;
  progress: HTMLElement;
  results: HTMLElement;
  resultsEmpty: HTMLElement;
  errors: HTMLElement;
  errorsSection: HTMLElement;
  warnings: HTMLElement;
  warningsSection: HTMLElement;
}

const IDS: Record<keyof PaneElements, string> = {
  insertSample: "insert-sample",
  runModel: "run-model",
  live: "live-toggle",
  status: "status",
  progress: "progress",
  results: "results",
  resultsEmpty: "results-empty",
  errors: "errors",
  errorsSection: "errors-section",
  warnings: "warnings",
  warningsSection: "warnings-section",
};

export function findElements(doc: Pick<Document, "getElementById">): PaneElements {
  const found = {} as Record<keyof PaneElements, HTMLElement>;
  for (const [key, id] of Object.entries(IDS) as [keyof PaneElements, string][]) {
    const element = doc.getElementById(id);
    if (!element) throw new Error(`The task pane page lacks #${id}.`);
    found[key] = element;
  }
  return found as unknown as PaneElements;
}

type Make = Pick<Document, "createElement">;

function text(doc: Make, tag: keyof HTMLElementTagNameMap, className: string, content: string): HTMLElement {
  const element = doc.createElement(tag);
  element.className = className;
  element.textContent = content;
  return element;
}

function resultEntry(doc: Make, item: ResultItem): HTMLElement {
  const li = doc.createElement("li");
  li.className = "result";
  const head = doc.createElement("div");
  head.className = "result-head";
  head.append(text(doc, "h3", "result-name", item.function), text(doc, "span", `tag tag-${item.recommendation}`, item.recommendationLabel));
  li.append(head, text(doc, "p", "result-breakeven", item.breakEven), text(doc, "p", "result-rationale", item.rationale));
  return li;
}

function errorEntry(doc: Make, item: ErrorItem, onSelect: (address: string) => void): HTMLElement {
  const li = doc.createElement("li");
  li.className = "error";
  const where = text(doc, "span", "error-where", item.where);
  const message = text(doc, "span", "error-message", item.message);
  if (item.address === null) {
    li.append(where, message);
    return li;
  }
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "error-button";
  button.setAttribute("aria-label", `Go to ${item.where}: ${item.message}`);
  button.append(where, message);
  const address = item.address;
  button.addEventListener("click", () => onSelect(address));
  li.append(button);
  return li;
}

export function render(doc: Make, el: PaneElements, state: PaneState, onSelect: (address: string) => void): void {
  el.status.textContent = state.status.text;
  el.status.setAttribute("data-kind", state.status.kind);
  el.progress.hidden = !state.running;
  el.insertSample.disabled = state.running;
  el.runModel.setAttribute("aria-busy", String(state.running));
  el.live.checked = state.live;

  el.results.replaceChildren(...state.results.map((item) => resultEntry(doc, item)));
  el.resultsEmpty.hidden = state.results.length > 0;

  el.errors.replaceChildren(...state.errors.map((item) => errorEntry(doc, item, onSelect)));
  el.errorsSection.hidden = state.errors.length === 0;

  el.warnings.replaceChildren(...state.warnings.map((w) => text(doc, "li", "warning", w)));
  el.warningsSection.hidden = state.warnings.length === 0;
}
