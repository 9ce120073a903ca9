/**
 * A workbook as the add-in leaves it: SOURCING custom-function formulas with the values Excel last calculated
 * (in both spellings Excel saves: SOURCING.X and _xldudf_SOURCING_X), a shared SOURCING formula, an error value, a
 * plain formula beside them, a sheet without SOURCING formulas, and a calcChain.xml part.
 */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

export async function sourcingWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const live = workbook.addWorksheet("Live");
  live.getCell("A1").value = "Function";
  live.getCell("B1").value = "Recommendation";
  live.getCell("A2").value = "Customer support";
  live.getCell("B2").value = {
    formula: "SOURCING.DECIDE(INDEX(SourcingFunctions,1,0))",
    result: "BPO",
  } as ExcelJS.CellFormulaValue;
  live.getCell("C2").value = {
    formula: "_xldudf_SOURCING_CROSSOVER(INDEX(SourcingFunctions,1,0))",
    result: 6,
  } as ExcelJS.CellFormulaValue;
  live.getCell("D2").value = {
    formula: 'SOURCING.NPV(A2,"BPO")',
    result: { error: "#N/A" },
  } as ExcelJS.CellFormulaValue;
  live.getCell("E2").value = { formula: "SUM(C2,1)", result: 7 } as ExcelJS.CellFormulaValue;
  live.getCell("F2").value = {
    formula: 'SOURCING.EXPLAIN(A2) & " (as of today)"',
    result: "  BPO: cheaper <sooner> & safer ",
  } as ExcelJS.CellFormulaValue;
  live.getCell("B4").value = {
    formula: 'SOURCING.TOTAL(A4,"BPO")',
    result: 100,
    shareType: "shared",
    ref: "B4:B6",
  } as unknown as ExcelJS.CellFormulaValue;
  live.getCell("B5").value = { sharedFormula: "B4", result: 200 } as ExcelJS.CellSharedFormulaValue;
  live.getCell("B6").value = { sharedFormula: "B4", result: 300 } as ExcelJS.CellSharedFormulaValue;
  live.getCell("C4").value = {
    formula: "B4*2",
    result: 200,
    shareType: "shared",
    ref: "C4:C5",
  } as unknown as ExcelJS.CellFormulaValue;
  live.getCell("C5").value = { sharedFormula: "C4", result: 400 } as ExcelJS.CellSharedFormulaValue;
  const plain = workbook.addWorksheet("Plain");
  plain.getCell("A1").value = 2;
  plain.getCell("A2").value = { formula: "A1*21", result: 42 } as ExcelJS.CellFormulaValue;

  const files = unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
  files["xl/calcChain.xml"] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B2" i="1"/><c r="E2"/></calcChain>',
  );
  const rels = "xl/_rels/workbook.xml.rels";
  files[rels] = strToU8(
    strFromU8(files[rels]).replace(
      "</Relationships>",
      '<Relationship Id="rIdChain" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    ),
  );
  const types = "[Content_Types].xml";
  files[types] = strToU8(
    strFromU8(files[types]).replace(
      "</Types>",
      '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
    ),
  );
  return zipSync(files);
}
