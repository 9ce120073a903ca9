/**
 * The self-test: one list of scenarios that drive the add-in's Excel adapter (src/excel) against a host. The
 * Diagnostics page (selftest.html) runs it against the Excel it is open in; test/selftest runs the same list in
 * CI against the strict stand-in (src/office-standin). One list, two hosts.
 *
 * It works on a fresh workbook only (it inserts the sample and runs the model, which replaces the Sourcing
 * Results sheets), and deletes every sheet it created whatever happens. No DOM here: the page renders the report.
 */
import * as excel from "../excel";
import {
  ANALYSIS_SHEET,
  ASSUMPTIONS_TABLE,
  CHARTS_SHEET,
  FUNCTIONS_TABLE,
  GOAL_SEEK_TABLE,
  RESULTS_SHEET,
  SCENARIOS_TABLE,
  SCHEDULE_SHEET,
  sampleFunctionHeaders,
} from "../layout/workbook";
import { readScenarioRows } from "../excel/read-scenarios";
import { addScenariosTable } from "../excel/scenarios-template";
import { writeGoalSeek } from "../excel/write-analysis";
import {
  RECOMMENDATION_LABELS,
  SAMPLE_FUNCTION_COLUMNS,
  evaluate,
  goalSeek,
  noMonthWithin,
  parseScenarios,
  sampleInput,
} from "../model";
import { type Timers, createRunScheduler, liveModelRun, notifyOnEdits } from "../taskpane/live";

/** What the self-test needs from a host: Excel.run, the Office facts, and a clock. */
export interface SelftestHost {
  run: excel.ExcelRun;
  /** Office.context.diagnostics (host, platform, version), or what the stand-in says it is. */
  diagnostics: { host: string; platform: string; version: string };
  isSetSupported(name: string, minVersion?: string): boolean;
  /** getFileAsync(Compressed), read slice by slice (used only where CompressedFile is supported). */
  readWorkbookBytes: excel.ReadWorkbookBytes;
  /** Whether Excel.createWorkbook exists here (Export and Freeze open their copy with it). */
  canCreateWorkbook: boolean;
  timers: Timers;
  /** Longest wait for Excel to calculate the custom functions, in ms. */
  calculationTimeoutMs?: number;
}

export type ScenarioStatus = "pass" | "fail" | "skip";

export interface ScenarioResult {
  id: string;
  title: string;
  status: ScenarioStatus;
  detail: string;
  ms: number;
}

export interface SelftestReport {
  startedAt: string;
  diagnostics: SelftestHost["diagnostics"];
  /** Highest supported version of each probed requirement set, or null where the set is not supported. */
  requirementSets: { name: string; version: string | null }[];
  results: ScenarioResult[];
}

/** A scenario that did not get the behaviour it checks: the message says what happened instead. */
class ScenarioFailure extends Error {}
/** A scenario that cannot run here (a fresh workbook is missing, or an earlier step failed). */
class ScenarioSkipped extends Error {}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ScenarioFailure(message);
}

/** Requirement sets probed for the report, each up to the highest version Microsoft has published. */
const PROBED_SETS: readonly { name: string; versions: number }[] = [
  { name: "ExcelApi", versions: 20 },
  { name: "CustomFunctionsRuntime", versions: 5 },
  { name: "SharedRuntime", versions: 3 },
  { name: "CompressedFile", versions: 1 },
  { name: "File", versions: 1 },
  { name: "DialogApi", versions: 2 },
  { name: "RibbonApi", versions: 2 },
];

export function probeRequirementSets(
  isSetSupported: SelftestHost["isSetSupported"],
): SelftestReport["requirementSets"] {
  return PROBED_SETS.map(({ name, versions }) => {
    let highest: string | null = null;
    for (let minor = 1; minor <= versions; minor++) {
      if (!isSetSupported(name, `1.${minor}`)) break;
      highest = `1.${minor}`;
    }
    return { name, version: highest };
  });
}

/** Sheets and tables that say this workbook already holds a model: the self-test would overwrite them. */
const SOURCING_SHEETS = [RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET, ANALYSIS_SHEET];
const SCRATCH_SHEET = "Sourcing Self-test";
/** Live mode's quiet period in the self-test (the pane uses 500 ms; shorter keeps the test quick). */
const LIVE_DELAY_MS = 300;
/** How long Live mode must stay quiet after its one run before the scenario believes it will not loop. */
const QUIET_WINDOW_MS = 2500;

interface State {
  /** The inputs of the last run that wrote results (excel.inputsKey), as the pane keeps it for Live mode. */
  lastInputsKey?: string;
  sheetsBefore: string[];
  activeBefore: string;
  fresh: boolean;
  sampleInserted: boolean;
}

const expected = () => evaluate(sampleInput()).results;

async function sheetNames(run: excel.ExcelRun): Promise<{ names: string[]; active: string }> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    const active = context.workbook.worksheets.getActiveWorksheet().load("name");
    await context.sync();
    return { names: sheets.items.map((s) => s.name), active: active.name };
  });
}

async function tableExists(run: excel.ExcelRun, name: string): Promise<boolean> {
  return run(async (context) => {
    const table = context.workbook.tables.getItemOrNullObject(name);
    await context.sync();
    return !table.isNullObject;
  });
}

/** Resolves when `done()` holds, or fails the scenario after `timeoutMs`. */
async function waitFor(timers: Timers, done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs)
      throw new ScenarioFailure(`${what} did not happen within ${Math.round(timeoutMs / 1000)} s.`);
    await sleep(timers, 100);
  }
}

const sleep = (timers: Timers, ms: number) => new Promise<void>((resolve) => timers.set(resolve, ms));

/** The data-body cell of the functions table at (row, column), both 0-based. */
async function setFunctionsCell(
  run: excel.ExcelRun,
  row: number,
  column: number,
  value: string | number,
): Promise<void> {
  await run(async (context) => {
    const cell = context.workbook.tables.getItem(FUNCTIONS_TABLE).getDataBodyRange().getCell(row, column);
    cell.values = [[value]];
    await context.sync();
  });
}

interface Scenario {
  id: string;
  title: string;
  /** Needs the sample inserted by the earlier scenario (skipped otherwise). */
  needsSample: boolean;
  run(host: SelftestHost, state: State): Promise<string>;
}

const FEE_COLUMN = SAMPLE_FUNCTION_COLUMNS.indexOf("bpoMonthlyFeePerFte");

/** The sample's first fee, as typed: scenarios that break it put it back, so later ones start from the sample. */
function sampleFee(): string | number {
  const fee = sampleInput().functions[0].bpoMonthlyFeePerFte;
  return typeof fee === "number" ? fee : String(fee ?? "");
}

/** The scenarios, in order; each returns what it saw, or throws a ScenarioFailure saying what went wrong. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: "fresh-workbook",
    title: "A fresh workbook to test in",
    needsSample: false,
    async run(host, state) {
      const taken: string[] = [];
      for (const table of [FUNCTIONS_TABLE, ASSUMPTIONS_TABLE, SCENARIOS_TABLE, GOAL_SEEK_TABLE])
        if (await tableExists(host.run, table)) taken.push(`the table ${table}`);
      const lower = state.sheetsBefore.map((n) => n.toLowerCase());
      for (const sheet of [...SOURCING_SHEETS, SCRATCH_SHEET])
        if (lower.includes(sheet.toLowerCase())) taken.push(`the sheet "${sheet}"`);
      if (taken.length > 0) {
        throw new ScenarioFailure(
          `This workbook already has ${taken.join(", ")}. Open a new blank workbook and run the self-test there: it inserts the sample and runs the model, which would replace these.`,
        );
      }
      state.fresh = true;
      return `No Sourcing tables or sheets yet (${state.sheetsBefore.length} sheet${state.sheetsBefore.length === 1 ? "" : "s"} kept as they are).`;
    },
  },
  {
    id: "insert-sample",
    title: "Insert sample on a fresh workbook",
    needsSample: false,
    async run(host, state) {
      if (!state.fresh) throw new ScenarioSkipped("needs a fresh workbook (see above).");
      const outcome = await excel.insertSample(host.run);
      expect(outcome.inserted, `Insert sample did not insert: ${outcome.message}`);
      state.sampleInserted = true;
      expect(
        await tableExists(host.run, FUNCTIONS_TABLE),
        `The sheet "${outcome.sheet}" was added but the table ${FUNCTIONS_TABLE} is missing.`,
      );
      expect(await tableExists(host.run, ASSUMPTIONS_TABLE), `The table ${ASSUMPTIONS_TABLE} is missing.`);
      return outcome.message;
    },
  },
  {
    id: "run-model",
    title: "Run model",
    needsSample: true,
    async run(host, state) {
      const outcome = await excel.runModel(host.run);
      expect(
        outcome.kind === "done",
        `Run model found no functions table: ${outcome.kind === "no-functions" ? outcome.message : ""}`,
      );
      state.lastInputsKey = excel.inputsKey(outcome.inputs);
      const want = expected();
      expect(
        outcome.errors.length === 0,
        `The sample should have no input errors; got ${outcome.errors.length}: ${outcome.errors.map((e) => e.message).join("; ")}`,
      );
      const got = outcome.result.results.map((r) => `${r.function}: ${r.recommendation}`);
      const wanted = want.map((r) => `${r.function}: ${r.recommendation}`);
      expect(
        got.join("|") === wanted.join("|"),
        `Recommendations differ from the model: got ${got.join(", ")}; expected ${wanted.join(", ")}.`,
      );
      const sheets = (await sheetNames(host.run)).names;
      for (const sheet of [RESULTS_SHEET, SCHEDULE_SHEET, CHARTS_SHEET])
        expect(sheets.includes(sheet), `Run model did not write the sheet "${sheet}".`);
      return `${got.length} functions modelled (${got.join(", ")}); results, schedule and charts written.`;
    },
  },
  {
    id: "live-input-error",
    title: "An input error with Live on runs once, not in a loop",
    needsSample: true,
    async run(host, state) {
      // Live mode wired with the pane's helpers (src/taskpane/live.ts): edits notify the scheduler, and a run caused
      // by an edit writes only when the inputs differ from the last written run.
      const written: excel.RunOutcome[] = [];
      let runs = 0;
      let lastRunAt = 0;
      const live = liveModelRun(
        {
          runModel: () => excel.runModel(host.run),
          runModelIfChanged: (previousKey) => excel.runModelIfChanged(previousKey, host.run),
        },
        state.lastInputsKey,
      );
      const scheduler = createRunScheduler(
        async (reason) => {
          runs++;
          const outcome = await live.run(reason);
          if (outcome) written.push(outcome);
          lastRunAt = Date.now();
        },
        LIVE_DELAY_MS,
        host.timers,
      );
      const subscription = await notifyOnEdits((handler) => excel.onInputsChanged(handler, host.run), scheduler);
      try {
        expect(
          subscription.watching.some((w) => w.includes(FUNCTIONS_TABLE)),
          `Live mode should watch the table ${FUNCTIONS_TABLE}; it watches ${subscription.watching.join(", ") || "nothing"}.`,
        );
        await setFunctionsCell(host.run, 0, FEE_COLUMN, "not a number");
        await waitFor(host.timers, () => written.length >= 1 && !scheduler.running, 30_000, "The run after the edit");
        // Settled: no run for a whole quiet window (a loop would keep running), then count what was written.
        await waitFor(
          host.timers,
          () => !scheduler.running && Date.now() - lastRunAt >= QUIET_WINDOW_MS,
          30_000,
          `A quiet ${QUIET_WINDOW_MS / 1000} s after the run (Live mode kept re-running: ${runs} runs so far)`,
        );
        expect(
          written.length === 1,
          `Live mode wrote results ${written.length} times after one edit (its own writes re-triggered it; ${runs} runs in all).`,
        );
        const [outcome] = written;
        expect(
          outcome.kind === "done" && outcome.errors.length > 0,
          "The run after the edit reported no input error for the text in a number column.",
        );
        const header = sampleFunctionHeaders()[FEE_COLUMN];
        const located = outcome.errors.find((e) => e.address);
        state.lastInputsKey = live.lastInputsKey;
        return `One run wrote results after the edit, then Live mode settled (${runs} run${runs === 1 ? "" : "s"} in all, the others found the inputs unchanged); it reported ${outcome.errors.length} error(s), the first at ${located?.address ?? "no address"} (${header}).`;
      } finally {
        try {
          await subscription.remove();
        } finally {
          scheduler.dispose();
          await setFunctionsCell(host.run, 0, FEE_COLUMN, sampleFee());
        }
      }
    },
  },
  {
    id: "live-off",
    title: "Live off: edits no longer run the model",
    needsSample: true,
    async run(host) {
      let runs = 0;
      const scheduler = createRunScheduler(
        async () => void (runs++, await excel.runModel(host.run)),
        LIVE_DELAY_MS,
        host.timers,
      );
      const subscription = await notifyOnEdits((handler) => excel.onInputsChanged(handler, host.run), scheduler);
      // Live off, as the pane's switch does it: the handlers are removed and the scheduler stopped.
      try {
        await subscription.remove();
      } finally {
        scheduler.dispose();
      }
      try {
        await setFunctionsCell(host.run, 0, FEE_COLUMN, "not a number");
        await sleep(host.timers, LIVE_DELAY_MS + 1500);
      } finally {
        await setFunctionsCell(host.run, 0, FEE_COLUMN, sampleFee());
      }
      expect(runs === 0, `The model ran ${runs} time(s) after Live was turned off.`);
      return `An edit after Live off ran nothing within ${(LIVE_DELAY_MS + 1500) / 1000} s.`;
    },
  },
  {
    id: "totals-row",
    title: "A functions table with a totals row",
    needsSample: true,
    async run(host) {
      await host.run(async (context) => {
        context.workbook.tables.getItem(FUNCTIONS_TABLE).showTotals = true;
        await context.sync();
      });
      try {
        const outcome = await excel.runModel(host.run);
        expect(outcome.kind === "done", "Run model found no functions table once it had a totals row.");
        const want = expected();
        const names = outcome.result.results.map((r) => r.function);
        expect(
          names.length === want.length,
          `With a totals row the model saw ${names.length} functions (${names.join(", ")}); the table has ${want.length} (the totals row must be neither a function nor hide one).`,
        );
        expect(
          outcome.errors.length === 0,
          `With a totals row the run reported input errors: ${outcome.errors.map((e) => `${e.address ?? ""} ${e.message}`).join("; ")}`,
        );
        return `${names.length} functions modelled; the totals row was left out.`;
      } finally {
        await host.run(async (context) => {
          context.workbook.tables.getItem(FUNCTIONS_TABLE).showTotals = false;
          await context.sync();
        });
      }
    },
  },
  {
    id: "scenarios-goal-seek",
    title: "The sample's scenarios read back; goal seek writes its table to the Sourcing Analysis sheet",
    needsSample: true,
    async run(host) {
      const parsed = parseScenarios(await readScenarioRows(host.run));
      expect(
        parsed.errors.length === 0 && parsed.scenarios.length === 2,
        `The sample's SourcingScenarios table should give 2 scenarios and no errors; got ${parsed.scenarios.length} and ${parsed.errors.map((e) => e.message).join("; ") || "no errors"}.`,
      );
      const template = await addScenariosTable(host.run);
      expect(!template.added, `Add a scenarios table added a second table: ${template.message}`);
      const result = goalSeek(sampleInput(), 6);
      const written = await writeGoalSeek({ result, targets: ["bpoMonthlyFeePerFte", "saHourlyRate"] }, host.run);
      const body = await host.run(async (context) => {
        const range = context.workbook.tables.getItem(GOAL_SEEK_TABLE).getDataBodyRange().load("values");
        await context.sync();
        return range.values;
      });
      const want = result.results[0].fee.value;
      const got = body[0]?.[4];
      expect(
        body.length === written.rows && typeof got === "number" && want !== null && Math.abs(got - want) < 1e-6,
        `The goal-seek table should hold ${written.rows} rows, the first fee ${String(want)}; it holds ${body.length} rows, the first fee ${String(got)}.`,
      );
      return `${parsed.scenarios.map((s) => s.name).join(" and ")} read back; goal seek wrote ${written.rows} answers at ${written.header} (${result.results[0].function}: fee up to ${Math.round(want ?? 0).toLocaleString("en-US")} for break-even by month 6).`;
    },
  },
  {
    id: "export-freeze",
    title: "Export and Freeze availability",
    needsSample: true,
    async run(host) {
      const opened: string[] = [];
      // The copies are built but never opened: a self-test leaves no window behind.
      const capture = async (base64: string) => void opened.push(base64);
      const exportMessage = (await excel.exportNativeWorkbook(host.run, capture)).message;
      expect(opened.length === 1 && opened[0].startsWith("UEsDB"), `Export built no workbook (${exportMessage}).`);
      const parts = [
        `Export builds its workbook from this one's inputs; Excel.createWorkbook ${host.canCreateWorkbook ? "exists here to open it" : "is missing here, so Export cannot open it"}.`,
      ];
      expect(
        host.canCreateWorkbook || !host.isSetSupported("ExcelApi", "1.8"),
        "Excel.createWorkbook is missing although this Excel supports ExcelApi 1.8, which defines it.",
      );
      if (host.isSetSupported("CompressedFile")) {
        const freezeMessage = (await excel.freezeWorkbookCopy(host.readWorkbookBytes, capture)).message;
        const frozen = opened.slice(1);
        expect(
          frozen.length === 1 && frozen[0].startsWith("UEsDB"),
          `Freeze is offered here (CompressedFile is supported) but built no copy: ${freezeMessage}`,
        );
        parts.push("Freeze read this workbook through getFileAsync and built the frozen copy.");
      } else {
        parts.push("Freeze is not offered here: this Excel does not hand out the workbook file (no CompressedFile).");
      }
      return parts.join(" ");
    },
  },
  {
    id: "custom-functions",
    title: "The SOURCING functions' values match the model",
    needsSample: true,
    async run(host) {
      const want = expected();
      const header = sampleFunctionHeaders()[0];
      await host.run(async (context) => {
        const sheet = context.workbook.worksheets.add(SCRATCH_SHEET);
        sheet.getRangeByIndexes(0, 0, want.length, 4).formulas = want.map((_, i) => excel.liveFormulas(i + 1, header));
        await context.sync();
      });
      const timeout = host.calculationTimeoutMs ?? 30_000;
      const started = Date.now();
      let values: unknown[][] = [];
      // Excel shows #BUSY! (or nothing yet) while it calculates custom functions: wait until every cell has a value.
      for (;;) {
        values = await host.run(async (context) => {
          const range = context.workbook.worksheets
            .getItem(SCRATCH_SHEET)
            .getRangeByIndexes(0, 0, want.length, 4)
            .load("values");
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a poll: one read per pass while Excel calculates
          await context.sync();
          return range.values;
        });
        const pending = values.some((row) =>
          row.slice(1, 3).some((v) => v === "" || v === "#BUSY!" || v === "#GETTING_DATA"),
        );
        if (!pending) break;
        if (Date.now() - started > timeout)
          throw new ScenarioFailure(
            `Excel did not calculate the SOURCING functions within ${Math.round(timeout / 1000)} s (cells still read "${String(values[0]?.[1] ?? "")}"). Is the add-in's shared runtime loaded? Open the Sourcing Modeler pane once, then run again.`,
          );
        await sleep(host.timers, 250);
      }
      const mismatches: string[] = [];
      want.forEach((result, i) => {
        const [, decided, crossover] = values[i];
        // The live block reads words (docs/model.md P6.5): the labels and "None within N months".
        const label = RECOMMENDATION_LABELS[result.recommendation];
        if (decided !== label)
          mismatches.push(`${result.function}: SOURCING.DECIDE gave ${String(decided)}, the model ${label}`);
        const month = result.breakEvenMonth ?? noMonthWithin(result.monthly.length);
        if (crossover !== month)
          mismatches.push(`${result.function}: SOURCING.CROSSOVER gave ${String(crossover)}, the model ${month}`);
      });
      expect(mismatches.length === 0, mismatches.join("; "));
      return `SOURCING.DECIDE and SOURCING.CROSSOVER agree with the model for all ${want.length} functions.`;
    },
  },
];

/** Deletes every sheet the self-test added (the tables and marks go with them) and re-activates the user's sheet. */
async function cleanUp(host: SelftestHost, state: State): Promise<string> {
  const { names } = await sheetNames(host.run);
  const before = new Set(state.sheetsBefore.map((n) => n.toLowerCase()));
  const created = names.filter((n) => !before.has(n.toLowerCase()));
  await host.run(async (context) => {
    const keep =
      state.sheetsBefore.length > 0 ? context.workbook.worksheets.getItemOrNullObject(state.activeBefore) : undefined;
    await context.sync();
    if (keep && !keep.isNullObject) keep.activate();
    for (const name of created) context.workbook.worksheets.getItem(name).delete();
    await context.sync();
  });
  const left = (await sheetNames(host.run)).names.filter((n) => !before.has(n.toLowerCase()));
  expect(left.length === 0, `These sheets could not be deleted: ${left.join(", ")}. Delete them by hand.`);
  return created.length === 0
    ? "Nothing to delete."
    : `Deleted what the self-test created: ${created.map((n) => `"${n}"`).join(", ")}.`;
}

async function timed(id: string, title: string, body: () => Promise<string>): Promise<ScenarioResult> {
  const started = Date.now();
  try {
    return { id, title, status: "pass", detail: await body(), ms: Date.now() - started };
  } catch (error) {
    const status: ScenarioStatus = error instanceof ScenarioSkipped ? "skip" : "fail";
    const detail =
      error instanceof Error
        ? error instanceof ScenarioFailure || error instanceof ScenarioSkipped
          ? error.message
          : `${error.name}: ${error.message}${excel.officeErrorCode(error) ? ` (${excel.officeErrorCode(error)})` : ""}`
        : String(error);
    return { id, title, status, detail, ms: Date.now() - started };
  }
}

/** Runs every scenario in order, then cleans up; `onResult` hears each result as it comes. */
export async function runSelftest(
  host: SelftestHost,
  onResult: (result: ScenarioResult) => void = () => undefined,
): Promise<SelftestReport> {
  const report: SelftestReport = {
    startedAt: new Date().toISOString(),
    diagnostics: host.diagnostics,
    requirementSets: probeRequirementSets((name, version) => host.isSetSupported(name, version)),
    results: [],
  };
  const add = (result: ScenarioResult) => {
    report.results.push(result);
    onResult(result);
  };
  const declared = Object.entries(excel.DECLARED_REQUIREMENTS);
  add(
    await timed("requirement-sets", "The requirement sets the add-in declares are supported", async () => {
      const missing = declared
        .filter(([name, version]) => !host.isSetSupported(name, version))
        .map(([name, version]) => `${name} ${version}`);
      expect(
        missing.length === 0,
        `This Excel lacks ${missing.join(", ")}: the add-in needs Excel on the web, Excel for Microsoft 365 on Windows (Version 2008 or later), Excel 2021 or later, or Excel for Mac 16.40 or later.`,
      );
      return `All supported: ${declared.map(([name, version]) => `${name} ${version}`).join(", ")}.`;
    }),
  );
  const state: State = { sheetsBefore: [], activeBefore: "", fresh: false, sampleInserted: false };
  const before = await sheetNames(host.run);
  state.sheetsBefore = before.names;
  state.activeBefore = before.active;
  try {
    for (const scenario of SCENARIOS) {
      if (scenario.needsSample && !state.sampleInserted) {
        add({
          id: scenario.id,
          title: scenario.title,
          status: "skip",
          detail: "needs the sample inserted by the step above.",
          ms: 0,
        });
        continue;
      }
      add(await timed(scenario.id, scenario.title, () => scenario.run(host, state)));
    }
  } finally {
    if (state.fresh)
      add(await timed("clean-up", "Delete everything the self-test created", () => cleanUp(host, state)));
  }
  return report;
}

const STATUS_WORD: Record<ScenarioStatus, string> = { pass: "PASS", fail: "FAIL", skip: "SKIPPED" };

/** The report as plain text, for the clipboard and for an issue. */
export function formatReport(report: SelftestReport): string {
  const failed = report.results.filter((r) => r.status === "fail").length;
  const passed = report.results.filter((r) => r.status === "pass").length;
  const lines = [
    "Sourcing Modeler self-test",
    `When: ${report.startedAt}`,
    `Excel: ${report.diagnostics.host} on ${report.diagnostics.platform}, version ${report.diagnostics.version}`,
    `Requirement sets: ${report.requirementSets.map((s) => `${s.name} ${s.version ?? "not supported"}`).join(", ")}`,
    `Result: ${passed} passed, ${failed} failed, ${report.results.length - passed - failed} skipped`,
    "",
    ...report.results.map((r) => `${STATUS_WORD[r.status]}  ${r.title} (${(r.ms / 1000).toFixed(1)} s): ${r.detail}`),
  ];
  return lines.join("\n");
}
