/**
 * The simulation's random numbers: seeded, and the same on every machine and in every browser, because they come
 * from 32-bit integer arithmetic (Math.imul, >>>) only — never from Math.random.
 *
 * Generator (counter-based): the uniform number of a draw is a pure function of (stream, input, trial) —
 * `drawUniform` — so the draws of trial t are the same whether the trials run in one thread or are split across
 * several workers, in any order or chunking. It hashes the three counters with keyed rounds of a 32-bit integer
 * finaliser (lowbias32's constants, Chris Wellons, public domain): each round is a bijection of 32-bit integers,
 * so for one (stream, input) the trials 0..2^32 − 1 give 2^32 different numbers (no repeat within a run).
 * Until version 1.x the simulation drew sequentially from mulberry32 (kept below for test inputs): the same seed
 * now gives different, equally valid, draws (docs/analysis.md).
 *
 * Streams: every business function draws from its own stream, `streamSeed(seed, name)` — the run's seed mixed
 * with the FNV-1a hash of the function's name (trimmed, lower case, UTF-16 code units). So a function's draws
 * depend only on the seed and its name: not on the other rows, their order, or whether it is simulated from the
 * command line, the task pane or SOURCING.PROBABILITY.
 */

/** Seeds are whole numbers from 0 to 2^32 − 1. */
export const MAX_SEED = 0xffffffff;

/** A stream of uniform numbers in [0, 1), each a multiple of 2^−32. */
export type Uniform = () => number;

/** A sequential generator (Tommy Ettinger, public domain): the simulation's until the counter-based one; test inputs still draw from it. */
export function mulberry32(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One keyed round: a bijection of 32-bit integers that spreads every input bit over the output. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The key of one input's draws in a stream, derived once per (stream, input) by two keyed rounds. */
export function inputKey(stream: number, input: number): number {
  return mix32(mix32(stream ^ Math.imul(input + 1, 0x9e3779b9)) ^ 0x632be5ab);
}

/** The uniform number of a trial under an input's key: the trial mixed in by two more rounds keyed on it. */
export function keyedUniform(key: number, trial: number): number {
  return mix32((mix32(trial ^ key) + key) | 0) / 4294967296;
}

/**
 * The uniform number in [0, 1) (a multiple of 2^−32) of draw (stream, input, trial): `input` is the input's
 * index in UNCERTAIN_KEYS, `trial` the 0-based trial. Loops derive the key once (inputKey) and call keyedUniform.
 */
export function drawUniform(stream: number, input: number, trial: number): number {
  return keyedUniform(inputKey(stream, input), trial);
}

/** FNV-1a, 32 bits, over the UTF-16 code units of the text. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The seed of one function's stream: the run's seed mixed with the hash of the function's identity. */
export function streamSeed(seed: number, functionName: string): number {
  // One round of a murmur3-style finaliser so that nearby seeds give unrelated streams.
  let h = (seed ^ fnv1a(functionName.trim().toLowerCase())) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const DOWN = 2 ** -600;
const UP = 2 ** 600;

/**
 * Inverse CDF of the triangular distribution (min a, most likely c, max b) at u in [0, 1). A zero-width range
 * returns the most likely value itself, so a simulation without uncertainty reproduces the model exactly.
 */
export function triangular(min: number, mode: number, max: number, u: number): number {
  // width × (mode − min) overflows once the ends pass about 1.3e154: work on the ends scaled down by 2^600 (exact,
  // a power of two), then scale back. Ranges below 1e150 never take this path, so their draws are unchanged.
  if ((Math.abs(min) >= 1e150 || Math.abs(max) >= 1e150) && Number.isFinite(min) && Number.isFinite(max))
    return triangular(min * DOWN, mode * DOWN, max * DOWN, u) * UP;
  const width = max - min;
  if (width === 0) return mode;
  const cut = (mode - min) / width;
  const x = u < cut ? min + Math.sqrt(u * width * (mode - min)) : max - Math.sqrt((1 - u) * width * (max - mode));
  // Rounding must never leave the range (the field's validity depends on it).
  return x < min ? min : x > max ? max : x;
}
