/**
 * Which functions a formula calls, read the way Excel reads formula text: string literals ("…", with "" inside),
 * quoted sheet names ('…', with '' inside) and bracketed parts ([2] external books, Table[[#This Row],[Col]]
 * structured references) are skipped, so text that merely looks like a call is not one.
 *
 * Why a small scanner of our own: excel-formula-tokenizer is not installed, and HyperFormula's lexer is GPL (it
 * may not ship in the task pane, where freezing runs). Only the lexical layer is needed here, not a parser.
 */

/** Characters of a name in a formula: function names, defined names, unquoted sheet names, cell references. */
const NAME_CHAR = /[\p{L}\p{N}_.\\?]/u;

/** The name of every function the formula calls, as written (e.g. "SUM", "_xldudf_SOURCING_NPV", "SOURCING.DECIDE"). */
function calledFunctions(formula: string): string[] {
  const called: string[] = [];
  let i = 0;
  const n = formula.length;
  const skipQuoted = (quote: string): void => {
    i++; // opening quote
    while (i < n) {
      if (formula[i] === quote) {
        if (formula[i + 1] === quote)
          i += 2; // doubled quote inside
        else {
          i++;
          return;
        }
      } else i++;
    }
  };
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      skipQuoted(ch);
    } else if (ch === "[") {
      let depth = 0;
      do {
        if (formula[i] === "[") depth++;
        else if (formula[i] === "]") depth--;
        else if (formula[i] === "'" && depth > 0) i++; // ' escapes a bracket inside a structured reference
        i++;
      } while (i < n && depth > 0);
    } else if (NAME_CHAR.test(ch)) {
      const start = i;
      while (i < n && NAME_CHAR.test(formula[i])) i++;
      if (formula[i] === "(") called.push(formula.slice(start, i));
    } else {
      i++;
    }
  }
  return called;
}

/** Prefixes Excel adds to newer function names in the file (_xlfn.X, _xlws.X). */
const FILE_PREFIX = /^_xl(?:fn|ws)\./i;
/** A SOURCING custom function: SOURCING.NAME as typed, or _xldudf_SOURCING_NAME as Excel saves JavaScript functions. */
const SOURCING_FUNCTION = /^(?:SOURCING\.|_xldudf_SOURCING_)[\p{L}\p{N}_.]+$/iu;

/** Does this formula text call a SOURCING custom function? */
export const isSourcingFormula = (formula: string): boolean =>
  calledFunctions(formula).some((name) => SOURCING_FUNCTION.test(name.replace(FILE_PREFIX, "")));
