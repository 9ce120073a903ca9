/**
 * A small .xlsx writer for {@link WorkbookSpec}: sheets, shared strings, numbers, booleans, formulas without
 * cached values (the workbook asks for a full calculation on load, so Excel and LibreOffice compute every
 * formula when they open it), defined names, Excel tables, column widths, a bold header style and a few number
 * formats. It exists because the task pane cannot ship ExcelJS (300 KB budget); fflate does the zipping.
 */
import { strToU8, zipSync } from "fflate";
import { columnLetters } from "../layout/address";
import type { CellSpec, CellStyle, SheetSpec, TableSpec, WorkbookSpec } from "./spec";
import { MAIN_NS, PACKAGE_REL_NS, REL_NS, XML_HEADER, escapeXml, textElement } from "./xml";

const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";
const DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** cellXfs index of each style (see stylesXml). */
const STYLE_INDEX: Record<CellStyle, number> = { header: 1, money: 2, share: 3, integer: 4, decimal: 0, text: 5 };

function stylesXml(): string {
  return (
    `${XML_HEADER}<styleSheet xmlns="${MAIN_NS}">` +
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>' +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="6">' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
    "</cellXfs>" +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    "</styleSheet>"
  );
}

/** Shared strings: each distinct text once, cells refer to it by index. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  private uses = 0;

  add(value: string): number {
    this.uses++;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(value, i);
      this.list.push(value);
    }
    return i;
  }

  xml(): string {
    const items = this.list.map((s) => `<si>${textElement(s)}</si>`).join("");
    return `${XML_HEADER}<sst xmlns="${MAIN_NS}" count="${this.uses}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

function cellXml(ref: string, cell: CellSpec, strings: SharedStrings): string {
  const style = cell.style ? STYLE_INDEX[cell.style] : 0;
  const s = style ? ` s="${style}"` : "";
  const c = cell.content;
  switch (c.kind) {
    case "number":
      if (!Number.isFinite(c.value)) throw new Error(`Cell ${ref}: ${c.value} is not a number a workbook can hold.`);
      return `<c r="${ref}"${s}><v>${c.value}</v></c>`;
    case "boolean":
      return `<c r="${ref}"${s} t="b"><v>${c.value ? 1 : 0}</v></c>`;
    case "text":
      return `<c r="${ref}"${s} t="s"><v>${strings.add(c.value)}</v></c>`;
    case "formula":
      return `<c r="${ref}"${s}><f>${escapeXml(c.formula)}</f></c>`;
  }
}

const tableRef = (t: TableSpec): string =>
  `${columnLetters(t.left)}${t.top}:${columnLetters(t.left + t.columns.length - 1)}${t.top + Math.max(1, t.rowCount)}`;

function tableXml(table: TableSpec, id: number): string {
  const ref = tableRef(table);
  const columns = table.columns.map((name, i) => `<tableColumn id="${i + 1}" name="${escapeXml(name)}"/>`).join("");
  return (
    `${XML_HEADER}<table xmlns="${MAIN_NS}" id="${id}" name="${escapeXml(table.name)}" displayName="${escapeXml(table.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${table.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${escapeXml(table.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

function sheetXml(sheet: SheetSpec, strings: SharedStrings, selected: boolean, tableRelIds: string[]): string {
  const rowNumbers = [...sheet.rows.keys()].sort((a, b) => a - b);
  let lastRow = 1;
  let lastColumn = 1;
  const rows: string[] = [];
  for (const r of rowNumbers) {
    const cells = sheet.rows.get(r) as Map<number, CellSpec>;
    const columns = [...cells.keys()].sort((a, b) => a - b);
    if (columns.length === 0) continue;
    lastRow = Math.max(lastRow, r);
    lastColumn = Math.max(lastColumn, columns[columns.length - 1]);
    rows.push(`<row r="${r}">${columns.map((col) => cellXml(`${columnLetters(col)}${r}`, cells.get(col) as CellSpec, strings)).join("")}</row>`);
  }
  const pane = sheet.freezeHeader ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' : "";
  const widths = [...sheet.widths.entries()].sort((a, b) => a[0] - b[0]);
  const cols = widths.length === 0 ? "" : `<cols>${widths.map(([col, w]) => `<col min="${col}" max="${col}" width="${w}" customWidth="1"/>`).join("")}</cols>`;
  const parts = tableRelIds.length === 0 ? "" : `<tableParts count="${tableRelIds.length}">${tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`;
  return (
    `${XML_HEADER}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:${columnLetters(lastColumn)}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ""}>${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rows.join("")}</sheetData>${parts}</worksheet>`
  );
}

const relationships = (rels: { id: string; type: string; target: string }[], ns = PACKAGE_REL_NS): string =>
  `${XML_HEADER}<Relationships xmlns="${ns}">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`).join("")}</Relationships>`;

/** The workbook as the bytes of an .xlsx file. */
export function writeXlsx(workbook: WorkbookSpec): Uint8Array {
  const strings = new SharedStrings();
  const files: Record<string, Uint8Array> = {};
  const overrides: string[] = [];
  let tableId = 0;
  const sheetEntries: string[] = [];

  workbook.sheets.forEach((sheet, i) => {
    const n = i + 1;
    const tableRels = sheet.tables.map((table, t) => {
      tableId++;
      files[`xl/tables/table${tableId}.xml`] = strToU8(tableXml(table, tableId));
      overrides.push(`<Override PartName="/xl/tables/table${tableId}.xml" ContentType="${CT}.table+xml"/>`);
      return { id: `rId${t + 1}`, type: `${DOC_REL}/table`, target: `../tables/table${tableId}.xml` };
    });
    files[`xl/worksheets/sheet${n}.xml`] = strToU8(sheetXml(sheet, strings, i === 0, tableRels.map((r) => r.id)));
    if (tableRels.length > 0) files[`xl/worksheets/_rels/sheet${n}.xml.rels`] = strToU8(relationships(tableRels));
    overrides.push(`<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${CT}.worksheet+xml"/>`);
    sheetEntries.push(`<sheet name="${escapeXml(sheet.name)}" sheetId="${n}" r:id="rId${n}"/>`);
  });

  const names = workbook.definedNames.map((d) => `<definedName name="${escapeXml(d.name)}">${escapeXml(d.refersTo)}</definedName>`).join("");
  files["xl/workbook.xml"] = strToU8(
    `${XML_HEADER}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews>` +
      `<sheets>${sheetEntries.join("")}</sheets>${names ? `<definedNames>${names}</definedNames>` : ""}` +
      '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>',
  );
  const count = workbook.sheets.length;
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    relationships([
      ...workbook.sheets.map((_, i) => ({ id: `rId${i + 1}`, type: `${DOC_REL}/worksheet`, target: `worksheets/sheet${i + 1}.xml` })),
      { id: `rId${count + 1}`, type: `${DOC_REL}/styles`, target: "styles.xml" },
      { id: `rId${count + 2}`, type: `${DOC_REL}/sharedStrings`, target: "sharedStrings.xml" },
    ]),
  );
  files["xl/styles.xml"] = strToU8(stylesXml());
  files["xl/sharedStrings.xml"] = strToU8(strings.xml());
  files["_rels/.rels"] = strToU8(relationships([{ id: "rId1", type: `${DOC_REL}/officeDocument`, target: "xl/workbook.xml" }]));
  const contentTypes =
    `${XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>` +
    `${overrides.join("")}</Types>`;

  // [Content_Types].xml first, as Excel writes it; then the package in a stable order.
  const ordered: Record<string, Uint8Array> = { "[Content_Types].xml": strToU8(contentTypes) };
  for (const path of Object.keys(files).sort()) ordered[path] = files[path];
  return zipSync(ordered, { level: 6 });
}
