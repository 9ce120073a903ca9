/**
 * Every citation of the specification must lead somewhere: "docs/model.md §4.2", "MODEL.md §4.2" (the older
 * form, until the citations are rewritten) or a "§4.2" on a line that names model.md must be a heading of
 * docs/model.md, and a cited project rule ("P2.3") must be one of its rules. A citation that points nowhere
 * fails with its file and line.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const SPEC = join(ROOT, "docs", "model.md");
const SCANNED_FOLDERS = ["src", "test", "scripts", "bench", "docs"];
const SCANNED_FILES = ["README.md", "CONTRIBUTING.md"];
const TEXT_FILE = /\.(ts|mts|cts|js|mjs|cjs|md|html|css|json|txt)$/i;

/** Section numbers of the headings: "## 4. Monthly cost" → "4", "### 4.2 BPO" → "4.2". */
export function headingSections(markdown: string): string[] {
  const sections: string[] = [];
  for (const line of markdown.split("\n")) {
    const match = /^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/.exec(line);
    if (match) sections.push(match[1]);
  }
  return sections;
}

/** Project rules defined in the spec: a bold "**P2.3 …**" at the start of a list item. */
export function definedRules(markdown: string): string[] {
  return [...markdown.matchAll(/^\s*-\s+\*\*(P\d+\.\d+)\b/gm)].map((m) => m[1]);
}

export interface Citation {
  line: number;
  kind: "section" | "rule";
  id: string;
}

/** Citations on lines that name model.md (either spelling): every "§n[.n…]" and every "Pn.n" on such a line. */
export function citationsIn(text: string): Citation[] {
  const found: Citation[] = [];
  text.split("\n").forEach((content, index) => {
    if (!/model\.md/i.test(content)) return;
    for (const m of content.matchAll(/§\s?(\d+(?:\.\d+)*)/g))
      found.push({ line: index + 1, kind: "section", id: m[1] });
    for (const m of content.matchAll(/\b(P\d+\.\d+)\b/g)) found.push({ line: index + 1, kind: "rule", id: m[1] });
  });
  return found;
}

function scannedFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (TEXT_FILE.test(name)) files.push(path);
    }
  };
  for (const folder of SCANNED_FOLDERS) walk(join(ROOT, folder));
  for (const file of SCANNED_FILES) {
    try {
      if (statSync(join(ROOT, file)).isFile()) files.push(join(ROOT, file));
    } catch {
      // Not every checkout has every top-level file yet.
    }
  }
  return files;
}

describe("citations of the specification (docs/model.md)", () => {
  const spec = readFileSync(SPEC, "utf8");
  const sections = new Set(headingSections(spec));
  const rules = new Set(definedRules(spec));

  it("keeps the section numbers code has cited since the start (§1–§8 and their subsections)", () => {
    for (const required of ["1", "2", "2.1", "2.2", "3", "4", "5", "6", "7", "8", "8.1", "8.2", "8.3", "8.4"]) {
      expect(sections.has(required), `docs/model.md has no heading for §${required}`).toBe(true);
    }
    expect(new Set(headingSections(spec)).size, "a section number is used by two headings").toBe(
      headingSections(spec).length,
    );
    expect(new Set(definedRules(spec)).size, "a rule number is defined twice").toBe(definedRules(spec).length);
  });

  it("finds sections, rules and citations in both spellings", () => {
    const heading = "## 4. Monthly cost\n### 4.2 BPO\n- **P4.1 Onboarding** …";
    expect(headingSections(heading)).toEqual(["4", "4.2"]);
    expect(definedRules(heading)).toEqual(["P4.1"]);
    // Built from pieces so that this file does not cite a missing section itself.
    const old = "MODEL" + ".md §" + "9.4 and §3–§" + "4";
    const current = "see docs/model" + ".md P" + "2.3, §" + "5.";
    expect(citationsIn(`x\n${old}\nno citation §7\n${current}`)).toEqual([
      { line: 2, kind: "section", id: "9.4" },
      { line: 2, kind: "section", id: "3" },
      { line: 2, kind: "section", id: "4" },
      { line: 4, kind: "section", id: "5" },
      { line: 4, kind: "rule", id: "P2.3" },
    ]);
  });

  it("every citation in the source, tests, scripts, benchmarks and documents names a section or rule that exists", () => {
    const broken: string[] = [];
    let count = 0;
    for (const file of scannedFiles()) {
      for (const citation of citationsIn(readFileSync(file, "utf8"))) {
        count++;
        const exists = citation.kind === "section" ? sections.has(citation.id) : rules.has(citation.id);
        if (!exists) {
          const shown = citation.kind === "section" ? `§${citation.id}` : citation.id;
          broken.push(`${relative(ROOT, file)}:${citation.line} cites ${shown}, which docs/model.md does not have`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(count, "the scan found no citation at all: is the pattern still right?").toBeGreaterThan(20);
  });
});
