/**
 * The two copies of the workbook the task pane can open for sending to people without the add-in:
 *  - exportNativeWorkbook: the inputs of this workbook as a new workbook whose results are ordinary Excel formulas
 *    (src/export builds it, fflate zips it: no ExcelJS in the pane);
 *  - freezeWorkbookCopy: this workbook with every SOURCING formula replaced by its current value.
 * Both open the copy with Excel.createWorkbook (ExcelApi 1.8), which shows it in a new window; nothing in this
 * workbook changes. Excel on the web asks the user before it opens the window, and a declined or blocked
 * window fails the call: every failure of createWorkbook becomes a message saying what to do.
 *
 * Freeze needs the open workbook's file (getFileAsync(Compressed), requirement sets File and CompressedFile):
 * Excel on Windows and Mac hand it over, Excel on the web does not (it offers only Pdf), so Freeze is offered
 * only where Office.context.requirements.isSetSupported says both are there (freezeAvailable).
 */
import type { ExportOptions } from "../export";
import { concatBytes } from "../export/bytes";
import { type ExcelRun, SourcingUserError, excelRun } from "./host";
import { locateErrors } from "./locate";
import { NO_FUNCTIONS_TABLE, readInputs } from "./read";

/**
 * The export's code (the formula spec, the .xlsx writer, freeze) is loaded the first time someone exports or
 * freezes: it is a quarter of the pane's script, and most sessions never use it (webpack makes it its own chunk).
 */
const loadExport = () => import(/* webpackChunkName: "export" */ "../export");

export interface CopyOutcome {
  message: string;
}

/** Opens xlsx bytes as a new workbook. */
export type OpenWorkbook = (base64: string) => Promise<void>;

export const excelOpenWorkbook: OpenWorkbook = (base64) => Excel.createWorkbook(base64);

/** The bytes of the open workbook as Excel would save it (Office.FileType.Compressed), read slice by slice. */
export type ReadWorkbookBytes = () => Promise<Uint8Array>;

const SLICE_SIZE = 4 * 1024 * 1024;

/** The part of the Office namespace that reads the open workbook's file (the real one, or the stand-in's). */
export interface OfficeFileAccess {
  FileType: { Compressed: Office.FileType };
  AsyncResultStatus: { Succeeded: Office.AsyncResultStatus };
  context: {
    document: Pick<Office.Document, "getFileAsync">;
    requirements: Pick<Office.RequirementSetSupport, "isSetSupported">;
  };
}

export const FREEZE_NEEDS_DESKTOP =
  "Freeze values needs Excel on Windows or Mac: Excel on the web cannot hand an add-in a copy of the open workbook. Open the workbook in the desktop app, or freeze a saved copy with the command line: sourcing-model freeze IN.xlsx OUT.xlsx";

/** Whether this Excel can hand over the open workbook's file (requirement sets File and CompressedFile). */
export function freezeAvailable(office: OfficeFileAccess): boolean {
  return (
    office.context.requirements.isSetSupported("File") && office.context.requirements.isSetSupported("CompressedFile")
  );
}

/** Reads the open workbook's bytes through `office` (Office itself in the add-in). */
export const workbookBytesThrough =
  (office: OfficeFileAccess): ReadWorkbookBytes =>
  () =>
    new Promise((resolve, reject) => {
      // Spelled out (not freezeAvailable): test/excel/requirement-sets.test.ts wants the guard beside the call.
      if (!(
        office.context.requirements.isSetSupported("File") &&
        office.context.requirements.isSetSupported("CompressedFile")
      )) {
        reject(new SourcingUserError(FREEZE_NEEDS_DESKTOP));
        return;
      }
      office.context.document.getFileAsync(office.FileType.Compressed, { sliceSize: SLICE_SIZE }, (opened) => {
        if (opened.status !== office.AsyncResultStatus.Succeeded) {
          reject(new SourcingUserError(`Excel could not hand over a copy of this workbook (${opened.error.message}).`));
          return;
        }
        const file = opened.value;
        const slices: Uint8Array[] = [];
        const finish = (error?: Error) => file.closeAsync(() => (error ? reject(error) : resolve(concatBytes(slices))));
        const next = (index: number) => {
          if (index >= file.sliceCount) {
            finish();
            return;
          }
          file.getSliceAsync(index, (sliced) => {
            if (sliced.status !== office.AsyncResultStatus.Succeeded) {
              finish(
                new SourcingUserError(
                  `Excel stopped handing over the workbook at part ${index + 1} of ${file.sliceCount} (${sliced.error.message}).`,
                ),
              );
              return;
            }
            slices.push(new Uint8Array(sliced.value.data as ArrayLike<number>));
            next(index + 1);
          });
        };
        next(0);
      });
    });

export const officeWorkbookBytes: ReadWorkbookBytes = () => workbookBytesThrough(Office)();

/**
 * Opens the copy; any failure (declined on the web, a blocked window, an older Excel) becomes a message. Microsoft
 * documents no error code for a declined window, so every failure is treated alike.
 */
async function openCopy(open: OpenWorkbook, base64: string, what: string): Promise<void> {
  try {
    await open(base64);
  } catch (error) {
    const detail = error instanceof Error && error.message ? ` (Excel said: ${error.message})` : "";
    throw new SourcingUserError(
      `Excel did not open the ${what}${detail}. On Excel on the web, allow the new window when Excel or the browser asks (pop-ups for this site), then try again. Nothing in this workbook changed.`,
    );
  }
}

/** Reads this workbook's inputs and opens the native-formula export of them as a new workbook. */
export async function exportNativeWorkbook(
  run: ExcelRun = excelRun,
  open: OpenWorkbook = excelOpenWorkbook,
  options: ExportOptions = {},
): Promise<CopyOutcome> {
  const inputs = await readInputs(run);
  if (!inputs.functions) throw new SourcingUserError(inputs.notFoundReason ?? NO_FUNCTIONS_TABLE);
  const { ExportInputError, ExportLimitError, buildNativeExportWithPortfolio, toBase64, writeXlsx } =
    await loadExport();
  let exported;
  try {
    exported = await buildNativeExportWithPortfolio(inputs.input, options);
  } catch (error) {
    if (error instanceof ExportInputError) {
      const where = locateErrors(error.errors, inputs.functions, inputs.assumptions).find((e) => e.address)?.address;
      throw new SourcingUserError(
        `${error.message}${where ? ` (first at ${where})` : ""} Fix the inputs, or Run model to see every error.`,
      );
    }
    if (error instanceof ExportLimitError) {
      throw new SourcingUserError(`Nothing exported: ${error.message} Export fewer functions or a shorter horizon.`);
    }
    throw error;
  }
  await openCopy(open, toBase64(writeXlsx(exported.workbook)), "new workbook with native formulas");
  const count = exported.result.results.length;
  const skipped = exported.skipped.length;
  return {
    message:
      `Opened a new workbook with ${count} function${count === 1 ? "" : "s"} as ordinary Excel formulas (horizon up to ${exported.maxHorizon} months). Save it and send it: it works without the add-in.` +
      (skipped > 0
        ? ` ${skipped} input error${skipped === 1 ? "" : "s"}: the rows concerned were left out; Run model lists them.`
        : ""),
  };
}

/** Opens a copy of this workbook in which every SOURCING formula is replaced by its current value. */
export async function freezeWorkbookCopy(
  read: ReadWorkbookBytes = officeWorkbookBytes,
  open: OpenWorkbook = excelOpenWorkbook,
  now: () => Date = () => new Date(),
): Promise<CopyOutcome> {
  const bytes = await read();
  const { FreezeError, freezeWorkbook, toBase64 } = await loadExport();
  let frozen;
  try {
    frozen = freezeWorkbook(bytes, now());
  } catch (error) {
    if (error instanceof FreezeError) throw new SourcingUserError(`This workbook cannot be frozen: ${error.message}`);
    throw error;
  }
  if (frozen.frozenCells === 0) {
    return {
      message:
        "This workbook has no SOURCING formulas, so there is nothing to freeze: it already works without the add-in.",
    };
  }
  await openCopy(open, toBase64(frozen.bytes), "frozen copy");
  const blank = frozen.sheets.reduce((n, s) => n + s.withoutValue, 0);
  const sheets = frozen.sheets.map((s) => `"${s.name}"`).join(", ");
  return {
    message:
      `Opened a copy with ${frozen.frozenCells} SOURCING formula cell${frozen.frozenCells === 1 ? "" : "s"} replaced by their values (on ${sheets}); a note on each of those sheets says so. Save the copy and send it.` +
      (blank > 0
        ? ` ${blank} cell${blank === 1 ? " was" : "s were"} never calculated and ${blank === 1 ? "is" : "are"} blank in the copy: calculate (F9) and freeze again.`
        : ""),
  };
}
