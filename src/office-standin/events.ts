/** Worksheet.onChanged and Table.onChanged: handlers added and removed at sync, as Office.js queues them. */
import type { StandinContext } from "./context";
import type { ChangeEvent } from "./model";

export class EventHandlerResult {
  constructor(
    readonly context: StandinContext,
    private readonly onRemove: () => void,
  ) {}
  /** Queues the removal; it takes effect at the next sync of `context`. */
  remove(): void {
    this.context.enqueue({ op: "removeHandler" }, this.onRemove);
  }
}

export class ChangedEvent {
  constructor(
    private readonly context: StandinContext,
    private readonly kind: "worksheet" | "table",
    private readonly targetId: () => string,
  ) {}
  add(handler: (event: ChangeEvent) => Promise<unknown>): EventHandlerResult {
    const model = this.context.model;
    const listener = { kind: this.kind, targetId: "", handler };
    this.context.enqueue({ op: "addHandler", kind: this.kind }, () => {
      listener.targetId = this.targetId();
      model.listeners.add(listener);
    });
    return new EventHandlerResult(this.context, () => model.listeners.delete(listener));
  }
}
