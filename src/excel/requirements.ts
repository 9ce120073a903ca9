/**
 * The requirement sets manifest.xml declares in <Requirements><Sets>: Excel loads the add-in only where all of them
 * are supported, so code may use any member up to these versions. Anything above must sit behind
 * Office.context.requirements.isSetSupported with a fallback. test/excel/requirement-sets.test.ts keeps this
 * constant equal to the manifest and checks every Office.js member the add-in uses against it.
 */
export const DECLARED_REQUIREMENTS = { ExcelApi: "1.8", CustomFunctionsRuntime: "1.3", SharedRuntime: "1.1" } as const;

/** Office.context.requirements.isSetSupported, injectable for tests and the stand-in. */
export type IsSetSupported = (name: string, minVersion?: string) => boolean;

export const officeIsSetSupported: IsSetSupported = (name, minVersion) => Office.context.requirements.isSetSupported(name, minVersion);
