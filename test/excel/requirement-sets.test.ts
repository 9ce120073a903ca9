/**
 * The requirement-set check: every Office.js member the add-in uses (src/excel, src/functions, src/taskpane and the
 * Diagnostics page, src/selftest), resolved with the TypeScript checker to its declaration in @types/office-js (and
 * the custom-functions and OfficeRuntime typings), must come from a requirement set manifest.xml declares at that
 * version, or sit behind Office.context.requirements.isSetSupported. Prints the minimum sets this implies. Also
 * checks that the stand-in's own table of member sets (src/office-standin/api-sets.ts) matches the typings, and
 * that the stand-in refuses a member above its API level.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { DECLARED_REQUIREMENTS } from "../../src/excel/requirements";
import { MEMBER_API_SETS, OFFICE_TYPE_OF, WorkbookModel, createStandin, versionAtMost } from "../../src/office-standin";

const root = resolve(__dirname, "../..");
const TYPINGS = /node_modules[\\/]@types[\\/](office-js|custom-functions-runtime|office-runtime)[\\/]/;

function manifestSets(): Record<string, string> {
  const xml = readFileSync(join(root, "manifest.xml"), "utf8");
  const block = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(xml.replace(/<!--[\s\S]*?-->/g, ""))?.[1] ?? "";
  const fallback = /DefaultMinVersion="([\d.]+)"/.exec(block)?.[1] ?? "1.1";
  const sets: Record<string, string> = {};
  for (const match of block.matchAll(/<Set\s+Name="(\w+)"(?:\s+MinVersion="([\d.]+)")?\s*\/>/g))
    sets[match[1]] = match[2] ?? fallback;
  return sets;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [join(root, path)] : [];
  });
}

interface Requirement {
  set: string;
  version: string;
}

/**
 * The sets a declaration needs: "[Api set: ExcelApi 1.4]" tags, and the "**Requirement sets**" lists of the
 * common API (getFileAsync: File, and CompressedFile "when using `Office.FileType.Compressed`").
 */
function declarationSets(declaration: ts.Declaration, callText: string): Requirement[] {
  const text = declaration.getFullText().slice(0, declaration.getLeadingTriviaWidth());
  const out: Requirement[] = [];
  for (const m of text.matchAll(/\[Api set: (\w+) ([\d.]+)/g)) out.push({ set: m[1], version: m[2] });
  const list = /\*\*Requirement sets\*\*:([\s\S]*?)(\n\s*\*\s*\n\s*\*\s*[A-Z]|$)/.exec(text)?.[1] ?? "";
  for (const line of list.split("\n")) {
    const link = /\|\s*(\w+)\}\s*(\(when using `Office\.FileType\.(\w+)`\))?/.exec(line);
    if (!link) continue;
    if (link[3] && !callText.includes(`FileType.${link[3]}`)) continue;
    out.push({ set: link[1], version: "1.1" });
  }
  return out;
}

/** Sets (with the version checked, "1.1" when none is given) that an enclosing isSetSupported check guards at `node`. */
function guardedSets(node: ts.Node): Map<string, string> {
  const sets = new Map<string, string>();
  const collect = (condition: ts.Node) => {
    const visit = (n: ts.Node): void => {
      if (
        ts.isCallExpression(n) &&
        /isSetSupported$/i.test(n.expression.getText()) &&
        n.arguments[0] &&
        ts.isStringLiteral(n.arguments[0])
      ) {
        const version = n.arguments[1] && ts.isStringLiteral(n.arguments[1]) ? n.arguments[1].text : "1.1";
        sets.set(n.arguments[0].text, version);
      }
      ts.forEachChild(n, visit);
    };
    visit(condition);
  };
  const exits = (statement: ts.Statement): boolean => {
    if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
    return (
      ts.isBlock(statement) &&
      statement.statements.length > 0 &&
      exits(statement.statements[statement.statements.length - 1])
    );
  };
  for (let child: ts.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child) collect(parent.expression);
    if (ts.isConditionalExpression(parent) && parent.whenTrue === child) collect(parent.condition);
    if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      parent.right === child
    )
      collect(parent.left);
    // `if (!isSetSupported(…)) return/throw;` earlier in the same block.
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      for (const statement of parent.statements) {
        if (statement === child) break;
        if (ts.isIfStatement(statement) && exits(statement.thenStatement)) collect(statement.expression);
      }
    }
  }
  return sets;
}

interface Use {
  member: string;
  where: string;
  set: string;
  version: string;
  guarded: boolean;
}

function officeUses(
  files: string[] = ["src/excel", "src/functions", "src/taskpane", "src/selftest"].flatMap(sourceFiles),
): Use[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error("tsconfig.json could not be read");
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const visit = (node: ts.Node): void => {
      // Members are reached through property accesses (Excel.createWorkbook, range.values) or qualified type names.
      const name = ts.isPropertyAccessExpression(node) ? node.name : ts.isQualifiedName(node) ? node.right : undefined;
      if (name) {
        let symbol = checker.getSymbolAtLocation(name);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const call =
          ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent.getText() : node.getText();
        for (const declaration of symbol?.declarations ?? []) {
          if (!TYPINGS.test(declaration.getSourceFile().fileName)) continue;
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          const guards = guardedSets(node);
          for (const need of declarationSets(declaration, call)) {
            uses.push({
              member: `${checker.getFullyQualifiedName(symbol as ts.Symbol)}`,
              where: `${relative(root, file)}:${line + 1}`,
              ...need,
              guarded: versionAtMost(need.version, guards.get(need.set) ?? "0"),
            });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

/** The TypeScript type checker over three folders takes a few seconds on a shared machine. */
const SLOW = 120_000;

describe("requirement sets", () => {
  it("src/excel/requirements.ts says what manifest.xml declares", () => {
    expect(manifestSets()).toEqual({ ...DECLARED_REQUIREMENTS });
  });

  it(
    "every Office.js member the add-in uses is within the declared sets or guarded by isSetSupported",
    () => {
      const declared = manifestSets();
      const uses = officeUses();
      expect(uses.length).toBeGreaterThan(50);
      const above = uses.filter(
        (u) => !u.guarded && !(declared[u.set] !== undefined && versionAtMost(u.version, declared[u.set])),
      );
      expect(above.map((u) => `${u.where}: ${u.member} needs ${u.set} ${u.version}`)).toEqual([]);

      // The minimum sets the code implies (unguarded uses), and what runs only where a guard allows it.
      const minimum = new Map<string, Use>();
      for (const u of uses.filter((x) => !x.guarded)) {
        const seen = minimum.get(u.set);
        if (!seen || !versionAtMost(u.version, seen.version)) minimum.set(u.set, u);
      }
      const guarded = [...new Set(uses.filter((u) => u.guarded).map((u) => `${u.set} ${u.version} (${u.member})`))];
      console.log(
        [
          "Minimum requirement sets used by the add-in (highest unguarded use):",
          ...[...minimum.values()]
            .sort((a, b) => a.set.localeCompare(b.set))
            .map((u) => `  ${u.set} ${u.version}: ${u.member} (${u.where})`),
          "Used only behind isSetSupported:",
          ...guarded.map((g) => `  ${g}`),
        ].join("\n"),
      );
      // The declared sets are the minimum, not more: each is needed at its version.
      for (const [set, version] of Object.entries(declared)) {
        if (set === "SharedRuntime") continue; // the manifest's <Runtimes lifetime="long"> needs it; no API call does
        expect(minimum.get(set)?.version, `${set} is declared at ${version}`).toBe(version);
      }
    },
    SLOW,
  );

  it(
    "the check itself: an ExcelApi 1.14 member is found unguarded, and guarded inside isSetSupported or after an early return",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "requirement-sets-"));
      const file = join(dir, "probe.ts");
      writeFileSync(
        file,
        [
          "export async function probe(context: Excel.RequestContext): Promise<void> {",
          "  const formats = context.workbook.worksheets.getItem('S').getRange('A1').conditionalFormats;",
          "  formats.getItemOrNullObject('a');",
          "  if (Office.context.requirements.isSetSupported('ExcelApi', '1.14')) formats.getItemOrNullObject('b');",
          "  if (Office.context.requirements.isSetSupported('ExcelApi', '1.13')) formats.getItemOrNullObject('too low');",
          "  if (!Office.context.requirements.isSetSupported('ExcelApi', '1.14')) return;",
          "  formats.getItemOrNullObject('c');",
          "  await context.sync();",
          "}",
        ].join("\n"),
      );
      const found = officeUses([file]).filter((u) => u.set === "ExcelApi" && u.version === "1.14");
      expect(found.map((u) => [u.where.replace(/^.*:/, "line "), u.guarded])).toEqual([
        ["line 3", false],
        ["line 4", true],
        ["line 5", false],
        ["line 7", true],
      ]);
    },
    SLOW,
  );

  it("the stand-in's table of member sets matches the typings", () => {
    const file = join(root, "node_modules/@types/office-js/index.d.ts");
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const tags = new Map<string, string>();
    const visit = (node: ts.Node, path: string[]): void => {
      if (ts.isModuleDeclaration(node) && node.body) {
        const inner = [...path, node.name.getText()];
        if (ts.isModuleBlock(node.body)) node.body.statements.forEach((s) => visit(s, inner));
        else visit(node.body, inner);
      } else if (
        (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) &&
        node.name &&
        path.join(".") === "Excel"
      ) {
        for (const member of node.members) {
          const tag = /\[Api set: (\w+ [\d.]+)/.exec(member.getFullText())?.[1];
          const key = `${node.name.text}.${member.name?.getText() ?? ""}`;
          if (tag && !tags.has(key)) tags.set(key, tag);
        }
      }
    };
    source.statements.forEach((s) => visit(s, []));
    for (const [member, tag] of Object.entries(MEMBER_API_SETS)) {
      const [className, name] = member.split(".");
      expect(tags.get(`${OFFICE_TYPE_OF[className] ?? className}.${name}`), member).toBe(tag);
    }
  });

  it("the stand-in refuses a member above its API level with ApiNotFound (the old stand-in allowed every member)", async () => {
    const model = new WorkbookModel(["Sheet1"]);
    model.userInput("Sheet1", "A1", [[1]]);
    const lookUpFormat = async (standin: ReturnType<typeof createStandin>) =>
      standin.run(async (context) => {
        const format = context.workbook.worksheets
          .getItem("Sheet1")
          .getRange("A1")
          .conditionalFormats.getItemOrNullObject("{nope}");
        await context.sync();
        return format.isNullObject;
      });
    // The manifest's level (ExcelApi 1.8) is the default: getItemOrNullObject of a conditional format is ExcelApi 1.14.
    await expect(lookUpFormat(createStandin(model))).rejects.toMatchObject({ code: "ApiNotFound" });
    expect(await lookUpFormat(createStandin(model, { apiLevel: { ...DECLARED_REQUIREMENTS, ExcelApi: "1.14" } }))).toBe(
      true,
    );
    // Below the level of a member the add-in uses, Excel.run fails the same way.
    const old = createStandin(model, { apiLevel: { ExcelApi: "1.6" } });
    await expect(
      old.run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRangeByIndexes(0, 0, 1, 1).load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});
