/** Excel's structured references and whole-row INDEX, translated for HyperFormula. */
import { describe, expect, it } from "vitest";
import { type TableGeometry, translateFormula } from "../../src/playground/structured-refs";

const tables: Record<string, TableGeometry> = {
  sourcingfunctions: {
    sheet: "Sourcing Inputs",
    rect: { row: 3, column: 0, rowCount: 5, columnCount: 4 },
    headers: ["Function", "Headcount (FTE)", "SA [rate]", "BPO fee"],
  },
  data: { sheet: "Data", rect: { row: 0, column: 2, rowCount: 3, columnCount: 2 }, headers: ["A", "B"] },
};
const translate = (formula: string, row = 5) =>
  translateFormula(formula, { table: (name) => tables[name.toLowerCase()], row });

describe("structured references → A1", () => {
  it("translates the areas and columns Excel writes", () => {
    expect(translate("=SourcingFunctions[#Headers]")).toBe("='Sourcing Inputs'!$A$4:$D$4");
    expect(translate("=SUM(SourcingFunctions[Headcount (FTE)])")).toBe("=SUM('Sourcing Inputs'!$B$5:$B$8)");
    expect(translate("=SourcingFunctions[[#All],[Function]:[Headcount (FTE)]]")).toBe("='Sourcing Inputs'!$A$4:$B$8");
    expect(translate("=SourcingFunctions[[#Headers],[#Data],[BPO fee]]")).toBe("='Sourcing Inputs'!$D$4:$D$8");
    expect(translate("=SourcingFunctions[#All]")).toBe("='Sourcing Inputs'!$A$4:$D$8");
    expect(translate("=SourcingFunctions[SA '[rate']]")).toBe("='Sourcing Inputs'!$C$5:$C$8");
    expect(translate("=ROWS(Data)")).toBe("=ROWS(Data!$C$2:$D$3)");
    expect(translate("=sourcingfunctions[#headers]")).toBe("='Sourcing Inputs'!$A$4:$D$4");
  });

  it("resolves this-row references against the formula's row, and reports what names nothing", () => {
    expect(translate("=SourcingFunctions[@]", 5)).toBe("='Sourcing Inputs'!$A$6:$D$6");
    expect(translate("=SourcingFunctions[@[BPO fee]]*2", 4)).toBe("='Sourcing Inputs'!$D$5*2");
    expect(translate("=SourcingFunctions[@Function]", 20)).toBe("=#VALUE!");
    expect(translate("=SourcingFunctions[Nope]")).toBe("=#REF!");
    expect(translate("=SourcingFunctions[#Totals]")).toBe("=#REF!");
  });

  it("turns whole-row and whole-column INDEX into the row or column itself", () => {
    expect(translate("=SOURCING.DECIDE(INDEX(SourcingFunctions,2,0),SourcingFunctions[#Headers])")).toBe(
      "=SOURCING.DECIDE('Sourcing Inputs'!A6:D6,'Sourcing Inputs'!$A$4:$D$4)",
    );
    expect(translate("=SUM(INDEX(Data!A1:C9, 0, 2))")).toBe("=SUM(Data!B1:B9)");
    expect(translate("=INDEX(SourcingFunctions,9,0)")).toBe("=#REF!");
    expect(translate("=INDEX(SourcingFunctions[Function],2)")).toBe("=INDEX('Sourcing Inputs'!$A$5:$A$8,2)");
  });

  it("leaves strings, sheet names, functions and unknown names alone", () => {
    expect(translate('="SourcingFunctions[#All]"&Data')).toBe('="SourcingFunctions[#All]"&Data!$C$2:$D$3');
    expect(translate("='Data'!A1+Data!B2")).toBe("='Data'!A1+Data!B2");
    expect(translate("=Other[#All]+MySourcingFunctions")).toBe("=Other[#All]+MySourcingFunctions");
  });
});
