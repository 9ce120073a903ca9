/**
 * A tiny fake of the DOM parts the pane uses (no jsdom here). Setting innerHTML throws: the pane must never
 * use it. textContent is stored as given; children are kept in order.
 */
export class FakeElement {
  children: FakeElement[] = [];
  attributes = new Map<string, string>();
  className = "";
  hidden = false;
  disabled = false;
  checked = false;
  type = "";
  private text = "";
  private listeners = new Map<string, (() => void)[]>();
  /** Set by the document that made the element, so focus() moves its activeElement. */
  onFocus?: (element: FakeElement) => void;

  constructor(
    readonly tagName: string,
    readonly id = "",
  ) {}

  get textContent(): string {
    return this.children.length > 0 ? this.children.map((c) => c.textContent).join("") : this.text;
  }
  set textContent(value: string) {
    this.children = [];
    this.text = value;
  }
  set innerHTML(_value: string) {
    throw new Error("innerHTML must not be used");
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  append(...nodes: FakeElement[]): void {
    this.children.push(...nodes);
  }
  replaceChildren(...nodes: FakeElement[]): void {
    this.children = [...nodes];
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  focus(): void {
    this.onFocus?.(this);
  }
  dispatch(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
  /** Depth-first search by class name. */
  findAll(className: string): FakeElement[] {
    const out: FakeElement[] = [];
    const visit = (el: FakeElement) => {
      if (el.className.split(" ").includes(className)) out.push(el);
      el.children.forEach(visit);
    };
    this.children.forEach(visit);
    return out;
  }
}

const IDS = [
  "insert-sample",
  "run-model",
  "live-toggle",
  "status",
  "progress",
  "results",
  "results-empty",
  "errors",
  "errors-section",
  "warnings",
  "warnings-section",
];

export class FakeDocument {
  readonly elements = new Map(
    IDS.map((id) => [id, this.adopt(new FakeElement(id === "live-toggle" ? "input" : "div", id))]),
  );
  readonly body = new FakeElement("body");
  /** As in a browser: the body when nothing else has focus. */
  activeElement: FakeElement = this.body;
  private adopt(element: FakeElement): FakeElement {
    element.onFocus = (focused) => (this.activeElement = focused);
    return element;
  }
  createElement(tag: string): FakeElement {
    return this.adopt(new FakeElement(tag));
  }
  getElementById(id: string): FakeElement | null {
    return this.elements.get(id) ?? null;
  }
  el(id: string): FakeElement {
    return this.elements.get(id) as FakeElement;
  }
}

/** The one cast between the fake and the DOM types the pane is written against. */
export const asDocument = (doc: FakeDocument): Document => doc as unknown as Document;
