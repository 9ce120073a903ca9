/** DOM pieces the analysis panel and the goal-seek form share: element creation and the Trials/Seed inputs. */
import { DEFAULT_SEED, DEFAULT_TRIALS, MAX_SEED, MAX_TRIALS } from "../model";

export type Doc = Pick<Document, "createElement">;

export function element<K extends keyof HTMLElementTagNameMap>(
  doc: Doc,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A pane section labelled for screen readers, opening with its heading and a short intro. */
export function headedSection(doc: Doc, className: string, label: string, heading: string, intro: string): HTMLElement {
  const section = element(doc, "section", className);
  section.setAttribute("aria-label", label);
  section.append(element(doc, "h2", "analysis-heading", heading), element(doc, "p", "analysis-intro", intro));
  return section;
}

/**
 * A handler that runs `task` one call at a time, its button marked aria-disabled meanwhile (not disabled: a
 * disabled button loses keyboard focus to the page body); a failure is shown through `showError`.
 */
export function oneAtATime(
  button: HTMLElement,
  showError: (message: string) => void,
  task: () => Promise<void>,
): () => Promise<void> {
  let busy = false;
  return async () => {
    if (busy) return;
    busy = true;
    button.setAttribute("aria-disabled", "true");
    try {
      await task();
    } catch (error) {
      showError(error instanceof Error ? error.message : String(error));
    } finally {
      busy = false;
      button.setAttribute("aria-disabled", "false");
    }
  };
}

/** A whole-number input inside its label, with the range the browser enforces on the spinner. */
function labelledNumberInput(
  doc: Doc,
  label: string,
  className: string,
  min: number,
  max: number,
  value: number,
): [HTMLLabelElement, HTMLInputElement] {
  const wrapper = element(doc, "label", "analysis-label", label);
  const input = element(doc, "input", className);
  input.type = "number";
  input.setAttribute("min", String(min));
  input.setAttribute("max", String(max));
  input.value = String(value);
  wrapper.append(input);
  return [wrapper, input];
}

/** The Trials and Seed inputs of the simulation, each inside its label. */
export function trialsAndSeedInputs(
  doc: Doc,
): [HTMLLabelElement, HTMLInputElement, HTMLLabelElement, HTMLInputElement] {
  const [trialsLabel, trials] = labelledNumberInput(doc, "Trials ", "analysis-trials", 1, MAX_TRIALS, DEFAULT_TRIALS);
  const [seedLabel, seed] = labelledNumberInput(doc, "Seed ", "analysis-seed", 0, MAX_SEED, DEFAULT_SEED);
  return [trialsLabel, trials, seedLabel, seed];
}

function readWhole(input: HTMLInputElement, name: string, min: number, max: number): number {
  const text = String(input.value ?? "").trim();
  const value = Number(text);
  if (text === "" || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${name} must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}; got "${text}".`,
    );
  }
  return value;
}

/** The trials and seed as typed; a RangeError in the pane's words when either is not a whole number in range. */
export function readTrialsAndSeed(trials: HTMLInputElement, seed: HTMLInputElement): { trials: number; seed: number } {
  return { trials: readWhole(trials, "Trials", 1, MAX_TRIALS), seed: readWhole(seed, "Seed", 0, MAX_SEED) };
}
