import { describe, expect, it } from "vitest";
import * as excel from "../../src/excel";
import { INPUT_SHEET, RESULTS_SHEET } from "../../src/layout/workbook";
import { WorkbookModel, createStandin } from "../../src/office-standin";
import { type PaneDeps, createPane } from "../../src/taskpane/controller";
import { type Timers, createRunScheduler } from "../../src/taskpane/live";
import { FakeDocument, asDocument } from "./fake-dom";

/** A manual clock: time moves only when the test says so. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    set: (callback, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending]) {
      if (t.at <= now) {
        pending.delete(id);
        t.callback();
      }
    }
  };
  return { timers, advance, pendingCount: () => pending.size };
}

/** A run that finishes only when the test releases it. */
function controllableRun() {
  const releases: (() => void)[] = [];
  let started = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  const run = () =>
    new Promise<void>((resolve) => {
      started++;
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      releases.push(() => {
        concurrent--;
        resolve();
      });
    });
  const release = async () => {
    releases.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { run, release, started: () => started, maxConcurrent: () => maxConcurrent };
}

describe("Live mode scheduler", () => {
  it("debounces edits: one run 500 ms after the last edit", () => {
    const clock = manualTimers();
    const work = controllableRun();
    const scheduler = createRunScheduler(work.run, 500, clock.timers);
    scheduler.notify();
    clock.advance(300);
    scheduler.notify();
    clock.advance(300);
    scheduler.notify();
    clock.advance(499);
    expect(work.started()).toBe(0);
    clock.advance(1);
    expect(work.started()).toBe(1);
  });

  it("never runs twice at once; edits during a run give exactly one more run", async () => {
    const clock = manualTimers();
    const work = controllableRun();
    const scheduler = createRunScheduler(work.run, 500, clock.timers);
    void scheduler.runNow();
    expect(work.started()).toBe(1);
    for (let i = 0; i < 3; i++) {
      scheduler.notify();
      clock.advance(600);
    }
    void scheduler.runNow();
    expect(work.started()).toBe(1);
    expect(scheduler.running).toBe(true);
    await work.release();
    expect(work.started()).toBe(2);
    await work.release();
    expect(work.started()).toBe(2);
    expect(scheduler.running).toBe(false);
    expect(work.maxConcurrent()).toBe(1);
  });

  it("tells each run why it runs; a request during a run outranks edits", async () => {
    const clock = manualTimers();
    const reasons: string[] = [];
    const work = controllableRun();
    const scheduler = createRunScheduler(
      async (reason) => {
        reasons.push(reason);
        await work.run();
      },
      500,
      clock.timers,
    );
    scheduler.notify();
    clock.advance(500);
    scheduler.notify();
    clock.advance(500);
    void scheduler.runNow();
    await work.release();
    await work.release();
    expect(reasons).toEqual(["edit", "request"]);
  });

  it("keeps going after a failed run and stops on dispose", async () => {
    const clock = manualTimers();
    let calls = 0;
    const scheduler = createRunScheduler(
      async () => {
        calls++;
        throw new Error("boom");
      },
      500,
      clock.timers,
    );
    await scheduler.runNow();
    await scheduler.runNow();
    expect(calls).toBe(2);
    scheduler.notify();
    scheduler.dispose();
    clock.advance(1000);
    expect(calls).toBe(2);
    expect(clock.pendingCount()).toBe(0);
  });
});

describe("Live mode in the pane, over the strict stand-in", () => {
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  };

  /** The pane with the real adapter; `checkInputs` false plays the old pane (every edit ran and wrote). */
  function livePane(checkInputs = true) {
    const model = new WorkbookModel(["Sheet1"]);
    const standin = createStandin(model);
    const run = standin.run as unknown as excel.ExcelRun;
    const clock = manualTimers();
    let handler: ((change: excel.InputChange) => void) | undefined;
    const deps: PaneDeps = {
      insertSample: () => excel.insertSample(run),
      runModel: () => excel.runModel(run),
      ...(checkInputs
        ? { runModelIfChanged: (previous: string | undefined) => excel.runModelIfChanged(previous, run) }
        : {}),
      onInputsChanged: (h) => {
        handler = h;
        return excel.onInputsChanged(h, run);
      },
      markResultsIfInputsChanged: (previous) => excel.markResultsIfInputsChanged(previous, run),
      selectCell: (address) => excel.selectCell(address, run),
      timers: clock.timers,
      liveDelayMs: 500,
    };
    const doc = new FakeDocument();
    const pane = createPane(asDocument(doc), deps);
    /** Each write recreates the results sheet: its id counts the writes. */
    const writes = new Set<string>();
    const noteWrite = () => {
      const id = model.sheet(RESULTS_SHEET)?.id;
      if (id) writes.add(id);
    };
    const quiet = async () => {
      for (let round = 0; round < 5; round++) {
        await settle();
        noteWrite();
        clock.advance(600);
      }
      await settle();
      noteWrite();
    };
    return { model, pane, doc, clock, writes, quiet, lastHandler: () => handler };
  }

  it("a run with input errors and Live on writes once and stays quiet: its own error marks do not start another write", async () => {
    const live = livePane();
    await live.pane.insertSample();
    live.model.userInput(INPUT_SHEET, "B6", [["many"]]);
    await live.pane.setLive(true);
    await live.quiet();
    expect(live.writes.size).toBe(1);
    expect(live.pane.state.errors).toHaveLength(1);
    expect(live.clock.pendingCount()).toBe(0);
    expect(live.doc.el("status").textContent).toMatch(/error/);

    // A real edit still runs, once.
    live.model.userInput(INPUT_SHEET, "B6", [[3]]);
    await live.quiet();
    expect(live.writes.size).toBe(2);
    expect(live.pane.state.errors).toHaveLength(0);
    expect(live.clock.pendingCount()).toBe(0);
  });

  it("without the inputs check (the old pane) the same workbook re-writes on every round of its own marks", async () => {
    const live = livePane(false);
    await live.pane.insertSample();
    live.model.userInput(INPUT_SHEET, "B6", [["many"]]);
    await live.pane.setLive(true);
    await live.quiet();
    expect(live.writes.size).toBeGreaterThan(3);
  });

  it("a co-author's edit does not run the model here; an event that arrives after Live is off only marks the results out of date", async () => {
    const live = livePane();
    await live.pane.insertSample();
    await live.pane.setLive(true);
    await live.quiet();
    const before = live.writes.size;
    live.model.remoteInput(INPUT_SHEET, "B6", [[30]]);
    await live.quiet();
    expect(live.writes.size).toBe(before);

    const handler = live.lastHandler();
    await live.pane.setLive(false);
    handler?.({ address: `'${INPUT_SHEET}'!B6` });
    live.model.userInput(INPUT_SHEET, "B6", [[31]]);
    await live.quiet();
    // No run: the results stay as they were, and both the pane and the Results sheet say they are out of date.
    expect(live.writes.size).toBe(before);
    expect(live.pane.state.stale).toBe(true);
    expect(live.model.sheet(RESULTS_SHEET)?.cell(0, 0).value).toBe(excel.STALE_RESULTS_NOTE);
    await live.pane.dispose();
    expect(live.model.listeners.size).toBe(0);
  });
});
