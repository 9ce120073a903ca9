/**
 * "Add a scenarios table" (the analysis panel): a SourcingScenarios table with its header and one example row,
 * written on the inputs sheet below everything already there, so a workbook without scenarios gets a place to
 * type its what-ifs. It never overwrites anything: below the sheet's used range is empty by definition, and an
 * existing SourcingScenarios table is left as it is (the answer says where it is).
 */
import { SCENARIOS_TABLE, SCENARIO_HEADERS, SCENARIO_TEMPLATE_ROW, FUNCTIONS_TABLE } from "../layout/workbook";
import { type ExcelRun, excelRun } from "./host";
import { type TemplateOutcome, addTemplateTable } from "./template-table";

export type ScenariosTemplateOutcome = TemplateOutcome;

export const addScenariosTable = (run: ExcelRun = excelRun): Promise<ScenariosTemplateOutcome> =>
  addTemplateTable(
    {
      name: SCENARIOS_TABLE,
      title:
        "Scenarios: each row overrides one input (for one function, or every row when Function is blank). Run analysis compares each scenario with the base.",
      headers: SCENARIO_HEADERS,
      example: SCENARIO_TEMPLATE_ROW,
      // Names, keys and functions as Text (a scenario called "=x" stays a name); the value as typed.
      textColumns: [0, 1, 3],
      exists: (sheet) =>
        `This workbook already has a ${SCENARIOS_TABLE} table (on the sheet "${sheet}"), so nothing was added. Add your scenarios as rows of that table: Scenario, Key (an input's name), Value, and Function (blank: every row).`,
      noInputsSheet: `No ${FUNCTIONS_TABLE} table found, so there is no inputs sheet to put scenarios on. Insert the sample model or add your functions table first, then add the scenarios table.`,
      added: (sheet, header) =>
        `Added a ${SCENARIOS_TABLE} table on the sheet "${sheet}" at ${header}, with one example row (${SCENARIO_TEMPLATE_ROW[0]}: ${SCENARIO_TEMPLATE_ROW[1]} = ${SCENARIO_TEMPLATE_ROW[2]}). Add a row per input a scenario changes, then Run analysis.`,
    },
    run,
  );
