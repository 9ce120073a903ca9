/**
 * SOURCING.PROBABILITY, BREAKEVENFEE and BREAKEVENRATE as a HyperFormula plugin for the tests, calling the same
 * core as the add-in (src/functions/analysis.ts). HyperFormula is GPL/commercial: tests only.
 */
import { CellError, EmptyValue, ErrorType, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue } from "hyperformula";
import type { ImplementedFunctions } from "hyperformula";
import type { InterpreterState } from "hyperformula/typings/interpreter/InterpreterState";
import type { InterpreterValue } from "hyperformula/typings/interpreter/InterpreterValue";
import type { ProcedureAst } from "hyperformula/typings/parser/Ast";
import { createAnalysisFunctions } from "../../src/functions/analysis";

export const analysis = createAnalysisFunctions<CellError>({
  invalidValue: (message) => new CellError(ErrorType.VALUE, message),
  notAvailable: (message) => new CellError(ErrorType.NA, message),
});

/** Arguments as Excel hands them to a custom function: ranges as any[][], blanks as "", omitted as undefined. */
function toExcel(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value instanceof SimpleRangeValue) return value.rawData().map((row) => row.map((v) => (v === EmptyValue || v === null ? "" : v)));
  return value === EmptyValue ? "" : value;
}

const range = { argumentType: FunctionArgumentType.RANGE };
const optionalRange = { argumentType: FunctionArgumentType.RANGE, optionalArg: true };
const scalar = { argumentType: FunctionArgumentType.SCALAR };
const optionalScalar = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };

export class AnalysisPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {
    "SOURCING.PROBABILITY": { method: "probability", parameters: [range, optionalRange, optionalRange, optionalScalar, optionalScalar] },
    "SOURCING.BREAKEVENFEE": { method: "breakEvenFee", parameters: [range, scalar, optionalRange, optionalRange] },
    "SOURCING.BREAKEVENRATE": { method: "breakEvenRate", parameters: [range, scalar, optionalRange, optionalRange] },
  };

  private call(name: string, ast: ProcedureAst, state: InterpreterState, body: (...args: unknown[]) => number | CellError): InterpreterValue {
    return this.runFunction(ast.args, state, this.metadata(name), (...args: unknown[]) => body(...args.map(toExcel)));
  }

  probability(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    return this.call("SOURCING.PROBABILITY", ast, state, (row, headers, assumptions, trials, seed) => analysis.probability(row, headers, assumptions, trials, seed));
  }

  breakEvenFee(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    return this.call("SOURCING.BREAKEVENFEE", ast, state, (row, month, headers, assumptions) => analysis.breakEvenFee(row, month, headers, assumptions));
  }

  breakEvenRate(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    return this.call("SOURCING.BREAKEVENRATE", ast, state, (row, month, headers, assumptions) => analysis.breakEvenRate(row, month, headers, assumptions));
  }
}

export function registerAnalysisPlugin(): void {
  if (HyperFormula.getRegisteredFunctionNames("enGB").includes("SOURCING.PROBABILITY")) return;
  HyperFormula.registerFunctionPlugin(AnalysisPlugin, {
    enGB: Object.fromEntries(Object.keys(AnalysisPlugin.implementedFunctions).map((name) => [name, name])),
  });
}
