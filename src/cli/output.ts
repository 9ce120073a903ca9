/**
 * Output of any size in bounded memory: text is collected into chunks of about a megabyte and written as each
 * fills, waiting whenever the reader is behind; JSON is written value by value, never built as one string (a
 * string of a few hundred megabytes is beyond what V8 allows: "Invalid string length").
 */
import type { CliContext } from "./context";

const CHUNK_CHARS = 1 << 20;

/** Buffers text and hands it to stdout a chunk at a time. Call `end()` once at the end. */
export class ChunkedOutput {
  private buffer = "";

  constructor(private readonly context: CliContext) {}

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= CHUNK_CHARS) await this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer === "") return;
    const text = this.buffer;
    this.buffer = "";
    await this.context.stdout(text);
  }
}

/**
 * A value that writes its own JSON (a model result, written from its typed series instead of its month rows):
 * `text(indent)` is exactly what JSON.stringify(value, null, 2) writes, each line after the first starting with
 * `indent`, the indentation of the place it is written at. It goes where writeJson writes item by item (a member
 * or an item of a container at most STREAMED_DEPTH deep); deeper, inside a value written whole, it throws rather
 * than come out as {}.
 */
export class WrittenJson {
  constructor(readonly text: (indent: string) => string) {}

  toJSON(): never {
    throw new Error("WrittenJson nested too deep: writeJson streams it only at depth 3 or less");
  }
}

/** Containers nested at most this deep are written piece by piece; deeper values (one result's months) whole. */
const STREAMED_DEPTH = 2;

/** A generator or other iterator (not a Map or Set, which JSON.stringify writes as {}): written as an array. */
const isIterator = (value: object): value is Iterable<unknown> =>
  typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function" &&
  typeof (value as { next?: unknown }).next === "function";
/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const isOmitted = (value: unknown): boolean =>
  value === undefined || typeof value === "function" || typeof value === "symbol";
/** A value JSON.stringify writes as a container of its own keys (not via toJSON, not a boxed primitive). */
const isPlainContainer = (value: unknown): value is object =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { toJSON?: unknown }).toJSON !== "function" &&
  !(value instanceof Number || value instanceof String || value instanceof Boolean);

/**
 * A value as JSON.stringify(value, null, 2) writes it, indented to sit at `indent`: stringified inside as many
 * one-item arrays as indent levels, which gives exactly that indentation, and cut out (faster than re-indenting).
 */
function leaf(value: unknown, indent: string): string {
  const levels = indent.length / 2;
  let wrapped = value;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2) as string;
  let head = 0;
  for (let i = 1; i <= levels; i++) head += 2 + 2 * i; // "[\n" and the next level's indent
  let tail = 0;
  for (let i = 0; i < levels; i++) tail += 2 + 2 * i; // "\n", that level's indent and "]"
  return text.slice(head, text.length - tail);
}

/**
 * Writes `value` exactly as `JSON.stringify(value, null, 2)` would, followed by a newline. Arrays and any other
 * iterable (a generator of results computed one at a time) are written item by item, so the document is never
 * whole in memory. A {@link WrittenJson} is written as its text.
 */
export async function writeJson(value: unknown, out: ChunkedOutput): Promise<void> {
  await writeValue(value, out, "", 0);
  await out.write("\n");
}

async function writeValue(value: unknown, out: ChunkedOutput, indent: string, depth: number): Promise<void> {
  if (value instanceof WrittenJson) {
    await out.write(value.text(indent));
    return;
  }
  if (depth > STREAMED_DEPTH || !isPlainContainer(value)) {
    await out.write(leaf(value, indent));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value) || isIterator(value)) {
    let first = true;
    for (const item of value as Iterable<unknown>) {
      await out.write(`${first ? "[" : ","}\n${inner}`);
      first = false;
      if (isOmitted(item)) await out.write("null");
      else await writeValue(item, out, inner, depth + 1);
    }
    await out.write(first ? "[]" : `\n${indent}]`);
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (isOmitted(member)) continue;
    await out.write(`${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `);
    first = false;
    await writeValue(member, out, inner, depth + 1);
  }
  await out.write(first ? "{}" : `\n${indent}}`);
}

/** Writes `value` as JSON to the command's stdout, streamed (see writeJson). */
export async function printJson(value: unknown, context: CliContext): Promise<void> {
  const out = new ChunkedOutput(context);
  await writeJson(value, out);
  await out.end();
}
