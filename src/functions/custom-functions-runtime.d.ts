/**
 * The part of Excel's custom-functions runtime global the add-in uses. The official typings
 * (@types/custom-functions-runtime) are not a dependency of the project, so this declares only what
 * functions.ts calls, with the documented names and values.
 */
declare namespace CustomFunctions {
  /** Error values a custom function may raise; the value is the error Excel shows. */
  enum ErrorCode {
    invalidValue = "#VALUE!",
    notAvailable = "#N/A",
    divisionByZero = "#DIV/0!",
    invalidNumber = "#NUM!",
    nullReference = "#NULL!",
    invalidName = "#NAME?",
    invalidReference = "#REF!",
  }

  /** Thrown (or returned) by a custom function to show an Excel error with a message in the cell. */
  class Error {
    constructor(errorCode: ErrorCode, errorMessage?: string);
    code: ErrorCode;
    message?: string;
  }

  /** Binds a function id of functions.json to its implementation (the metadata plugin writes these calls). */
  function associate(id: string, functionObject: (...args: never[]) => unknown): void;
}
