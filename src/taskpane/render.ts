/**
 * Puts a PaneState on the page. Every text from the workbook goes in through textContent, never as HTML.
 * Uses a small part of the DOM (createElement, append, replaceChildren, textContent, attributes, events), so
 * tests can run it against a tiny fake document.
 */
import { renderLineChart } from "./line-chart";
import { type ErrorItem, type PaneChart, type PaneState, type ResultItem, emptyResultsText } from "./view-model";

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
  /** The cumulative-cost chart; optional so that a page (or a test's fake page) without it still works. */
  chart?: ChartElements;
}

export interface ChartElements {
  section: HTMLElement;
  select: HTMLSelectElement;
  figure: HTMLElement;
  summary: HTMLElement;
}

const CHART_IDS: Record<keyof ChartElements, string> = {
  section: "chart-section",
  select: "chart-function",
  figure: "chart",
  summary: "chart-summary",
};

type RequiredKey = Exclude<keyof PaneElements, "chart">;

const IDS: Record<RequiredKey, string> = {
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
  const found = {} as Record<RequiredKey, HTMLElement>;
  for (const [key, id] of Object.entries(IDS) as [RequiredKey, string][]) {
    const element = doc.getElementById(id);
    if (!element) throw new Error(`The task pane page lacks #${id}.`);
    found[key] = element;
  }
  const elements = found as unknown as PaneElements;
  const chart = Object.fromEntries(Object.entries(CHART_IDS).map(([key, id]) => [key, doc.getElementById(id)]));
  if (Object.values(chart).every((element) => element !== null)) elements.chart = chart as unknown as ChartElements;
  return elements;
}

type Make = Pick<Document, "createElement"> & Partial<Pick<Document, "createElementNS">>;

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
  head.append(
    text(doc, "h3", "result-name", item.function),
    text(doc, "span", `tag tag-${item.recommendation}`, item.recommendationLabel),
  );
  li.append(
    head,
    text(doc, "p", "result-breakeven", item.breakEven),
    text(doc, "p", "result-rationale", item.rationale),
  );
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
  el.progress.hidden = !state.progressVisible;
  // aria-disabled, not disabled: a disabled button loses keyboard focus to the page body (insertSample ignores clicks while running).
  el.insertSample.setAttribute("aria-disabled", String(state.running));
  el.runModel.setAttribute("aria-busy", String(state.running));
  // Stale results: Run model is the thing to do next, and looks it.
  el.runModel.setAttribute("data-stale", String(state.stale));
  el.live.checked = state.live;

  el.results.replaceChildren(...state.results.map((item) => resultEntry(doc, item)));
  el.resultsEmpty.hidden = state.results.length > 0;
  el.resultsEmpty.textContent = emptyResultsText(state);
  if (el.chart) renderChart(doc, el.chart, state.chart);

  el.errors.replaceChildren(...state.errors.map((item) => errorEntry(doc, item, onSelect)));
  el.errorsSection.hidden = state.errors.length === 0;

  el.warnings.replaceChildren(...state.warnings.map((w) => text(doc, "li", "warning", w)));
  el.warningsSection.hidden = state.warnings.length === 0;
}

/** The selector (rebuilt only when the list of functions changes, so keyboard focus stays) and the chart. */
function renderChart(doc: Make, el: ChartElements, chart: PaneChart | null): void {
  el.section.hidden = chart === null;
  if (chart === null || !doc.createElementNS) {
    el.figure.replaceChildren();
    el.select.replaceChildren();
    return;
  }
  const names = Array.from(el.select.options, (o) => o.textContent);
  if (names.length !== chart.functions.length || names.some((name, i) => name !== chart.functions[i])) {
    el.select.replaceChildren(
      ...chart.functions.map((name, i) => {
        const option = doc.createElement("option");
        option.value = String(i);
        option.textContent = name;
        return option;
      }),
    );
  }
  el.select.value = String(chart.selected);
  const figure = renderLineChart(doc as Pick<Document, "createElement" | "createElementNS">, {
    title: chart.title,
    categories: chart.months,
    series: chart.series,
    axisTitles: { category: "Month", value: `Cumulative cost (${chart.currency})` },
    marker: chart.breakEvenIndex === null ? undefined : { index: chart.breakEvenIndex, label: chart.breakEvenLabel },
    width: 300,
    height: 204,
    description: chart.summary,
  });
  el.figure.replaceChildren(figure);
  el.summary.textContent = chart.summary;
}
