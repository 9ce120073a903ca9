/**
 * Requirement sets: what manifest.xml declares (src/layout/requirements.ts, checked against the manifest and
 * against every Office.js member used by test/excel/requirement-sets.test.ts), and the runtime check for the rest.
 */
export { DECLARED_REQUIREMENTS } from "../layout/requirements";

/** Office.context.requirements.isSetSupported, injectable for tests and the stand-in. */
export type IsSetSupported = (name: string, minVersion?: string) => boolean;

export const officeIsSetSupported: IsSetSupported = (name, minVersion) =>
  Office.context.requirements.isSetSupported(name, minVersion);
