/**
 * `--set key=value` and `--horizon N`: assumptions given on the command line, which override the file's.
 * For a per-function field (e.g. saRampDays) the value is the default for rows that leave that cell blank,
 * exactly as in the assumptions table.
 */
import { ASSUMPTION_TABLE_FIELDS, assumptionKeyMatcher, type CellValue, type ModelInput } from "../model";
import { UsageError } from "./context";
import { READ_LIMIT_OPTIONS } from "./read-limits";

/** The options every command that reads an input file shares (parseArgs form): --horizon, --set, the read limits. */
export const INPUT_OPTIONS = {
  horizon: { type: "string" },
  set: { type: "string", multiple: true },
  ...READ_LIMIT_OPTIONS,
} as const;

export interface Override {
  key: string;
  value: string;
  /** The flag as typed, to point at it in error messages. */
  flag: string;
}

/** Parses the flags in order; a later value for the same assumption wins. --horizon counts as given last. */
export function parseOverrides(sets: readonly string[], horizon: string | undefined): Map<string, Override> {
  const overrides = new Map<string, Override>();
  for (const text of sets) {
    const equals = text.indexOf("=");
    if (equals <= 0) throw new UsageError(`--set needs KEY=VALUE, e.g. --set horizonMonths=48; got "${text}".`);
    const name = text.slice(0, equals).trim();
    const field = assumptionKeyMatcher.match(name);
    if (!field) {
      throw new UsageError(
        `--set ${name}: not an assumption. Known keys: ${ASSUMPTION_TABLE_FIELDS.map((f) => f.key).join(", ")} (labels work too).`,
      );
    }
    overrides.delete(field.key); // keep insertion order = order of the last mention
    overrides.set(field.key, { key: field.key, value: text.slice(equals + 1), flag: `--set ${text}` });
  }
  if (horizon !== undefined) {
    overrides.delete("horizonMonths");
    overrides.set("horizonMonths", { key: "horizonMonths", value: horizon, flag: `--horizon ${horizon}` });
  }
  return overrides;
}

/** The file's assumptions with every overridden one removed (whatever key or label it used), then the flags'. */
export function applyOverrides(input: ModelInput, overrides: ReadonlyMap<string, Override>): ModelInput {
  if (overrides.size === 0) return input;
  const given = input.assumptions;
  const pairs: [CellValue, CellValue][] = !given
    ? []
    : Array.isArray(given)
      ? (given as ReadonlyArray<readonly CellValue[]>).map((pair) => [pair[0], pair[1]])
      : Object.entries(given as Record<string, CellValue>);
  const kept = pairs.filter(([key]) => {
    const field =
      typeof key === "string" || typeof key === "number" ? assumptionKeyMatcher.match(String(key).trim()) : undefined;
    return !(field && overrides.has(field.key));
  });
  return {
    ...input,
    assumptions: [...kept, ...[...overrides.values()].map((o): [CellValue, CellValue] => [o.key, o.value])],
  };
}
