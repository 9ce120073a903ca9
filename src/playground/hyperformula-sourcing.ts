/**
 * All SOURCING.* custom functions as one HyperFormula function plugin, calling the same cores as the add-in
 * (src/functions/sourcing.ts: DECIDE, CROSSOVER, TOTAL, NPV, SCHEDULE, EXPLAIN; src/functions/analysis.ts:
 * PROBABILITY, EVPPI, BREAKEVENFEE, BREAKEVENRATE; src/functions/portfolio.ts: PORTFOLIO). The playground's workbook calculates with it, and the tests
 * evaluate real formulas with it (test/functions/hyperformula.test.ts, test/analysis/functions.test.ts).
 *
 * HyperFormula is dual-licensed (GPLv3 / commercial): a dev dependency, in the playground and the tests only,
 * never in the add-in's bundles (webpack.config.js fails an add-in build that pulls it in).
 *
 * Spilling: HyperFormula sizes an array formula when it parses it, before any value is computed. SCHEDULE's
 * height is the horizon + 1, so the size method reads the assumptions argument as it stands at parse time
 * (literal cells of a range; formulas there are not computed yet) and falls back to the default horizon. A
 * horizon that later differs from the predicted one gives #VALUE! (a size mismatch), as HyperFormula's own
 * SEQUENCE does for non-literal sizes. PORTFOLIO spills one row per row of its table argument plus a header row.
 *
 * PORTFOLIO's optimiser is asynchronous and HyperFormula calculates synchronously: the first calculation starts the
 * solve and spills "Optimising…"; when the solve ends, onPortfolioSolved's listeners hear which cell asked, and
 * recalculatePortfolioCell re-enters its formula, which then reads the plan from the cache.
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import type { ImplementedFunctions, SimpleCellAddress } from "hyperformula";
import type { InterpreterState } from "hyperformula/typings/interpreter/InterpreterState";
import type { InterpreterValue } from "hyperformula/typings/interpreter/InterpreterValue";
import type { ProcedureAst } from "hyperformula/typings/parser/Ast";
import { createAnalysisFunctions } from "../functions/analysis";
import { SCHEDULE_HEADERS, createSourcingFunctions, horizonFor } from "../functions/sourcing";
import {
  PORTFOLIO_HEADERS,
  createPortfolioFunction,
  optimisingTable,
  portfolioHeight,
  solveHere,
} from "../functions/portfolio";

export const HYPERFORMULA_LICENSE = "gpl-v3";

const EXCEL_ERROR_TEXT: Partial<Record<ErrorType, string>> = {
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.NAME]: "#NAME?",
  [ErrorType.VALUE]: "#VALUE!",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.NA]: "#N/A",
  [ErrorType.REF]: "#REF!",
  [ErrorType.SPILL]: "#SPILL!",
};

/** A HyperFormula value as Excel hands it to a custom function: blanks as "", errors as their text. */
function toExcelValue(value: unknown): unknown {
  if (value === EmptyValue || value === undefined || value === null) return "";
  if (value instanceof CellError) return EXCEL_ERROR_TEXT[value.type] ?? "#VALUE!";
  if (typeof value === "object" && value !== null && "val" in value) return (value as { val: unknown }).val; // rich numbers
  return value;
}

/** A range or scalar argument as any[][]; an omitted optional argument stays undefined (Excel passes null). */
function toExcelArgument(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value instanceof SimpleRangeValue) return value.rawData().map((row) => row.map(toExcelValue));
  return toExcelValue(value);
}

const cellErrors = {
  invalidValue: (message: string) => new CellError(ErrorType.VALUE, message),
  notAvailable: (message: string) => new CellError(ErrorType.NA, message),
};

export const sourcing = createSourcingFunctions<CellError>(cellErrors);
export const analysis = createAnalysisFunctions<CellError>(cellErrors);
export const portfolio = createPortfolioFunction<CellError>(cellErrors, solveHere);

type PortfolioListener = (cell: SimpleCellAddress) => void;
const portfolioListeners = new Set<PortfolioListener>();

/**
 * Calls listener with the formula's cell each time a PORTFOLIO solve that cell waits for ends, so the page can
 * recalculate it (recalculatePortfolioCell); returns the unsubscribe.
 */
export function onPortfolioSolved(listener: PortfolioListener): () => void {
  portfolioListeners.add(listener);
  return () => portfolioListeners.delete(listener);
}

/** Re-enters the PORTFOLIO formula at cell (if it still holds one), so it reads the plan solved since. */
export function recalculatePortfolioCell(hf: HyperFormula, cell: SimpleCellAddress): void {
  const formula = hf.getCellFormula(cell);
  if (formula !== undefined && /SOURCING\.PORTFOLIO\s*\(/i.test(formula)) hf.setCellContents(cell, [[formula]]);
}

const range = { argumentType: FunctionArgumentType.RANGE };
const optionalRange = { argumentType: FunctionArgumentType.RANGE, optionalArg: true };
const scalar = { argumentType: FunctionArgumentType.SCALAR };
const optionalScalar = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };

type Implementation = (...args: unknown[]) => InterpreterValue;

/**
 * The functions whose core takes the formula's arguments as Excel would pass them, by name. The plugin gets one
 * method for each, under the name its implementedFunctions entry gives (HyperFormula calls it by that name).
 */
const CORES: Readonly<Record<string, Implementation>> = {
  "SOURCING.DECIDE": (row, headers, assumptions, format) => sourcing.decide(row, headers, assumptions, format),
  "SOURCING.CROSSOVER": (row, headers, assumptions, kind, format) =>
    sourcing.crossover(row, headers, assumptions, kind, format),
  "SOURCING.TOTAL": (row, strategy, month, headers, assumptions) =>
    sourcing.total(row, strategy, month, headers, assumptions),
  "SOURCING.NPV": (row, strategy, headers, assumptions) => sourcing.npv(row, strategy, headers, assumptions),
  "SOURCING.EXPLAIN": (row, headers, assumptions) => sourcing.explain(row, headers, assumptions),
  "SOURCING.PROBABILITY": (row, headers, assumptions, trials, seed) =>
    analysis.probability(row, headers, assumptions, trials, seed),
  "SOURCING.EVPPI": (row, input, headers, assumptions, trials, seed) =>
    analysis.evppi(row, input, headers, assumptions, trials, seed),
  "SOURCING.BREAKEVENFEE": (row, month, headers, assumptions) =>
    analysis.breakEvenFee(row, month, headers, assumptions),
  "SOURCING.BREAKEVENRATE": (row, month, headers, assumptions) =>
    analysis.breakEvenRate(row, month, headers, assumptions),
};

export class SourcingPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    "SOURCING.DECIDE": { method: "decide", parameters: [range, optionalRange, optionalRange, optionalScalar] },
    "SOURCING.CROSSOVER": {
      method: "crossover",
      parameters: [range, optionalRange, optionalRange, optionalScalar, optionalScalar],
    },
    "SOURCING.TOTAL": { method: "total", parameters: [range, scalar, optionalScalar, optionalRange, optionalRange] },
    "SOURCING.NPV": { method: "npv", parameters: [range, scalar, optionalRange, optionalRange] },
    "SOURCING.SCHEDULE": {
      method: "schedule",
      sizeOfResultArrayMethod: "scheduleSize",
      parameters: [range, optionalRange, optionalRange],
      vectorizationForbidden: true,
    },
    "SOURCING.EXPLAIN": { method: "explain", parameters: [range, optionalRange, optionalRange] },
    "SOURCING.PROBABILITY": {
      method: "probability",
      parameters: [range, optionalRange, optionalRange, optionalScalar, optionalScalar],
    },
    "SOURCING.EVPPI": {
      method: "evppi",
      parameters: [range, optionalScalar, optionalRange, optionalRange, optionalScalar, optionalScalar],
    },
    "SOURCING.BREAKEVENFEE": { method: "breakEvenFee", parameters: [range, scalar, optionalRange, optionalRange] },
    "SOURCING.BREAKEVENRATE": { method: "breakEvenRate", parameters: [range, scalar, optionalRange, optionalRange] },
    "SOURCING.PORTFOLIO": {
      method: "portfolio",
      sizeOfResultArrayMethod: "portfolioSize",
      parameters: [range, optionalRange, optionalRange, optionalScalar],
      vectorizationForbidden: true,
    },
  };

  static {
    for (const [name, core] of Object.entries(CORES)) {
      const method = function (this: SourcingPlugin, ast: ProcedureAst, state: InterpreterState): InterpreterValue {
        return this.run(name, ast, state, core);
      };
      Object.defineProperty(this.prototype, this.implementedFunctions[name].method, {
        value: method,
        writable: true,
        configurable: true,
      });
    }
  }

  private run(
    name: string,
    ast: ProcedureAst,
    state: InterpreterState,
    implementation: Implementation,
  ): InterpreterValue {
    return this.runFunction(ast.args, state, this.metadata(name), (...args: unknown[]) =>
      implementation(...args.map(toExcelArgument)),
    );
  }

  schedule(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    return this.run("SOURCING.SCHEDULE", ast, state, (row, headers, assumptions) => {
      const table = sourcing.schedule(row, headers, assumptions);
      return table instanceof CellError ? table : SimpleRangeValue.onlyValues(table);
    });
  }

  /** SCHEDULE spills 7 columns and horizon + 1 rows; the horizon is read from the assumptions argument. */
  scheduleSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    return new ArraySize(SCHEDULE_HEADERS.length, horizonFor(this.argumentAtParse(ast, 2, state)) + 1);
  }

  portfolio(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    return this.run("SOURCING.PORTFOLIO", ast, state, (table, headers, assumptions, format) => {
      const cell = state.formulaAddress;
      const solved = () => {
        for (const listener of portfolioListeners) listener(cell);
      };
      const plan =
        portfolio.ready(table, headers, assumptions, format, solved) ??
        optimisingTable(portfolioHeight(table, headers));
      return plan instanceof CellError ? plan : SimpleRangeValue.onlyValues(plan);
    });
  }

  /**
   * PORTFOLIO spills 3 columns and a row per table row, plus the header row when the table has none of its own. The
   * size is fixed when the formula is parsed, and then the table's cells may still read blank (the playground loads a
   * workbook in one batch), so it is taken from the table's shape, never its contents: one row more than the table
   * (its own header row, if any, leaves one blank row under the spill), never fewer rows than the plan needs.
   */
  portfolioSize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const table = this.argumentAtParse(ast, 0, state);
    const tableRows = Array.isArray(table) ? table.length : undefined;
    return new ArraySize(
      PORTFOLIO_HEADERS.length,
      tableRows === undefined ? portfolioHeight(table, this.argumentAtParse(ast, 1, state)) : tableRows + 1,
    );
  }

  /** An argument as it stands at parse time (literal cells; formulas there are not computed yet), or undefined. */
  private argumentAtParse(ast: ProcedureAst, index: number, state: InterpreterState): unknown {
    const argument = ast.args[index];
    if (argument === undefined || argument.type === "EMPTY") return undefined;
    try {
      return toExcelArgument(this.evaluateAst(argument, state));
    } catch {
      return undefined; // not readable at parse time: the default size
    }
  }
}

export const SOURCING_TRANSLATIONS = {
  enGB: Object.fromEntries(Object.keys(SourcingPlugin.implementedFunctions).map((name) => [name, name])),
};

let registered = false;

/** Registers the plugin once per process (HyperFormula's registry is global). */
export function registerSourcingPlugin(): void {
  if (registered || HyperFormula.getRegisteredFunctionNames("enGB").includes("SOURCING.DECIDE")) {
    registered = true;
    return;
  }
  HyperFormula.registerFunctionPlugin(SourcingPlugin, SOURCING_TRANSLATIONS);
  registered = true;
}
