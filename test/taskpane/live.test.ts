import { describe, expect, it } from "vitest";
import { type Timers, createRunScheduler } from "../../src/taskpane/live";

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
