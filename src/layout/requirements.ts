/**
 * The requirement sets manifest.xml declares in <Requirements><Sets>: Excel loads the add-in only where all of them
 * are supported, so the add-in may use any member up to these versions (anything above sits behind
 * Office.context.requirements.isSetSupported). Shared by the add-in (src/excel/requirements.ts) and the stand-in,
 * whose API level defaults to it. test/excel/requirement-sets.test.ts keeps it equal to the manifest.
 */
export const DECLARED_REQUIREMENTS = { ExcelApi: "1.8", CustomFunctionsRuntime: "1.3", SharedRuntime: "1.1" } as const;
