/**
 * Correlated ranges: a CFO knows that SA rates and BPO fees move with the same labour market.
 * A list of pairs of range inputs, each with a rank correlation in −1..1, is validated, made consistent, and applied
 * to a simulation's draws by the Iman–Conover method, which only reorders each input's draws across the trials: every
 * triangular marginal keeps its drawn values bit for bit, only which trial gets which value changes.
 *
 * Iman & Conover (1982), "A distribution-free approach to inducing rank correlation among input variables":
 *  1. score matrix M: trial t, input j holds the van der Waerden score Φ⁻¹(r/(T+1)) of the rank r of its draw (the
 *     draws are independent, so the columns are independent permutations of the scores);
 *  2. whiten and colour: with E = corr(M) = F·Fᵀ and the target S = P·Pᵀ (Cholesky), M·F⁻ᵀ·Pᵀ has correlation
 *     exactly S;
 *  3. each input's draws, sorted, are handed out in the rank order of its column of that matrix.
 * For normal scores a Pearson correlation r gives the rank correlation (6/π)·asin(r/2), so the target rank
 * correlation ρ is turned into S = 2·sin(π·ρ/6) before step 2.
 *
 * The matrices are at most 8 × 8 (one row per range input): the small routines below (Jacobi eigenvalues, Cholesky)
 * are exact enough at that size and keep the model free of a linear-algebra dependency.
 */
import { z } from "zod";
import { FUNCTION_FIELDS, UNCERTAIN_KEYS, type FieldSpec, type UncertainKey } from "./fields";
import { HeaderMatcher } from "./headers";
import { isBlank, validateField } from "./parse";
import type { CellValue, InputError, InputWarning } from "./types";

// ---- The list of pairs -------------------------------------------------------------------------------------------

/** One row of a SourcingCorrelations table, or one item of a JSON `correlations` list. */
export interface CorrelationEntry {
  first?: CellValue;
  second?: CellValue;
  correlation?: CellValue;
}

/** A valid pair: two different range inputs and their rank correlation. */
export interface CorrelationPair {
  /** 1-based row of the list it came from. */
  row: number;
  first: UncertainKey;
  second: UncertainKey;
  correlation: number;
}

export interface ParsedCorrelations {
  pairs: CorrelationPair[];
  /** A row with an error is left out; the other rows apply. */
  errors: InputError[];
}

const RANGE_INPUT_FIELDS: readonly FieldSpec[] = FUNCTION_FIELDS.filter((f) =>
  (UNCERTAIN_KEYS as readonly string[]).includes(f.key),
);
const rangeInputs = new HeaderMatcher(RANGE_INPUT_FIELDS);
const LABEL_OF = new Map(RANGE_INPUT_FIELDS.map((f) => [f.key, f.label]));
const labelOf = (key: UncertainKey): string => LABEL_OF.get(key) ?? key;

/** The correlation column as a field: a number from −1 to 1, "50%" read as 0.5. */
export const CORRELATION_FIELD: FieldSpec = {
  key: "correlation",
  label: "Rank correlation",
  type: "number",
  schema: z.number().min(-1).max(1),
  range: { min: -1, max: 1 },
  rule: "a number from -1 to 1 (a rank correlation)",
  source: "How strongly two range inputs move together: 1 in step, -1 opposite, 0 independently.",
};

const INPUT_RULE = `one of the inputs that take a range (${RANGE_INPUT_FIELDS.map((f) => f.label).join(", ")})`;

/**
 * Validates a list of correlation pairs. Inputs are named by key or label, matched as column headers are (any case,
 * spaces, punctuation and text in parentheses ignored). Errors (row, column, value, message): an input that is not
 * a range input, a pair of one input with itself, a correlation outside −1..1, a pair given twice (in either order;
 * the first stays). Rows that are entirely blank are skipped.
 */
export function parseCorrelations(entries: readonly CorrelationEntry[]): ParsedCorrelations {
  const pairs: CorrelationPair[] = [];
  const errors: InputError[] = [];
  const rowOfPair = new Map<string, number>();
  entries.forEach((entry, index) => {
    const row = index + 1;
    const { first, second, correlation } = entry;
    if (isBlank(first) && isBlank(second) && isBlank(correlation)) return;
    const before = errors.length;
    const input = (column: "first" | "second", value: CellValue): UncertainKey | undefined => {
      const key = rangeInputs.match(value)?.key as UncertainKey | undefined;
      if (key === undefined) {
        const got = isBlank(value) ? "the cell is blank" : `got "${String(value)}"`;
        errors.push({ row, column, value, message: `The ${column} input must be ${INPUT_RULE}; ${got}.` });
      }
      return key;
    };
    const a = input("first", first);
    const b = input("second", second);
    let value: number | undefined;
    if (isBlank(correlation)) {
      errors.push({
        row,
        column: "correlation",
        value: correlation,
        message: "Rank correlation is required; the cell is blank.",
      });
    } else {
      const outcome = validateField(CORRELATION_FIELD, correlation);
      if (outcome.ok) value = outcome.value as number;
      else errors.push({ row, column: "correlation", value: correlation, message: outcome.message });
    }
    if (a !== undefined && a === b) {
      errors.push({
        row,
        column: "second",
        value: second,
        message: `An input cannot be correlated with itself (${labelOf(a)}); name two different inputs.`,
      });
    }
    if (errors.length > before || a === undefined || b === undefined || value === undefined) return;
    const pairKey = [a, b].sort().join("|");
    const earlier = rowOfPair.get(pairKey);
    if (earlier !== undefined) {
      errors.push({
        row,
        column: "second",
        value: second,
        message: `The pair ${labelOf(a)} and ${labelOf(b)} is already given in row ${earlier}; give each pair once.`,
      });
      return;
    }
    rowOfPair.set(pairKey, row);
    pairs.push({ row, first: a, second: b, correlation: value });
  });
  return { pairs, errors };
}

// ---- The matrix of one row's range inputs --------------------------------------------------------------------------

/** A pair whose correlation the repair changed. */
export interface CorrelationChange {
  first: UncertainKey;
  second: UncertainKey;
  given: number;
  used: number;
}

export interface CorrelationTarget {
  /** The inputs of the matrix, in the order given (the draw order). */
  inputs: UncertainKey[];
  /** n × n rank correlations, row-major, unit diagonal, positive semi-definite. */
  matrix: Float64Array;
  /** Pairs the repair changed by more than 0.005; empty when the list was consistent. */
  changes: CorrelationChange[];
  /** One warning naming the changes, when there are any. */
  warnings: InputWarning[];
}

/** Smallest eigenvalue a consistent matrix may have (rounding allowance). */
const PSD_TOLERANCE = 1e-10;
/** A repaired pair is named in the warning when it moved by more than this. */
const REPORTED_CHANGE = 0.005;

/** Normal scores with Pearson correlation r have rank correlation (6/π)·asin(r/2); these convert between the two. */
const scoreCorrelation = (rank: number): number => 2 * Math.sin((Math.PI * rank) / 6);
const rankCorrelationOf = (score: number): number => (6 / Math.PI) * Math.asin(Math.max(-1, Math.min(1, score)) / 2);

/** The score correlations Iman–Conover aims at for a rank-correlation matrix, made valid if rounding left them not. */
function scoreTarget(rank: ArrayLike<number>, n: number): Float64Array {
  const scores = Float64Array.from(rank, scoreCorrelation);
  return minEigenvalue(scores, n) >= -PSD_TOLERANCE ? scores : nearestCorrelation(scores, n);
}

/**
 * The rank-correlation matrix of `inputs` (a row's range inputs, in draw order) from the valid pairs: pairs naming an
 * input outside `inputs` (one without a range in this row) are left out, unnamed pairs are 0. A list that no inputs
 * can have all at once is replaced by the nearest one that they can, with a warning naming each pair that moved and
 * how far. "Can have" is judged on the normal scores the method correlates (their correlation matrix must be positive
 * semi-definite), and "nearest" is Higham's nearest correlation matrix of those scores, turned back into rank
 * correlations: so the matrix returned is always one Iman–Conover reaches.
 */
export function correlationTarget(
  pairs: readonly CorrelationPair[],
  inputs: readonly UncertainKey[],
): CorrelationTarget {
  const n = inputs.length;
  const given = identity(n);
  for (const p of pairs) {
    const i = inputs.indexOf(p.first);
    const j = inputs.indexOf(p.second);
    if (i < 0 || j < 0) continue;
    given[i * n + j] = given[j * n + i] = p.correlation;
  }
  const scores = Float64Array.from(given, scoreCorrelation);
  if (n === 0 || minEigenvalue(scores, n) >= -PSD_TOLERANCE)
    return { inputs: [...inputs], matrix: given, changes: [], warnings: [] };
  const matrix = nearestCorrelation(scores, n).map(rankCorrelationOf);
  for (let i = 0; i < n; i++) matrix[i * n + i] = 1;
  const changes: CorrelationChange[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (Math.abs(matrix[i * n + j] - given[i * n + j]) > REPORTED_CHANGE)
        changes.push({ first: inputs[i], second: inputs[j], given: given[i * n + j], used: matrix[i * n + j] });
  const listed = changes
    .map((c) => `${labelOf(c.first)} with ${labelOf(c.second)} ${c.given.toFixed(2)} → ${c.used.toFixed(2)}`)
    .join("; ");
  const message = `The rank correlations given cannot all hold at once (no set of inputs has them); the nearest set that can is used instead${listed ? `: ${listed}` : ", changing no pair by more than 0.005"}.`;
  return { inputs: [...inputs], matrix, changes, warnings: [{ column: "correlation", message }] };
}

// ---- Iman–Conover ------------------------------------------------------------------------------------------------

/**
 * The draws reordered across the trials so that their rank correlations approach `rankCorrelation` (n × n,
 * row-major, unit diagonal, positive semi-definite: correlationTarget's matrix). Each returned array holds exactly
 * the values of the one it came from, in another order; ties are broken by trial index, so the result depends on
 * nothing but its arguments. With fewer than 2 inputs or 2 trials the draws come back unchanged (copied).
 */
export function imanConover(draws: readonly ArrayLike<number>[], rankCorrelation: ArrayLike<number>): Float64Array[] {
  const n = draws.length;
  const trials = n === 0 ? 0 : draws[0].length;
  if (draws.some((d) => d.length !== trials)) throw new RangeError("every input needs the same number of trials.");
  if (rankCorrelation.length !== n * n) throw new RangeError(`the correlation matrix must be ${n} × ${n}.`);
  if (n < 2 || trials < 2) return draws.map((d) => Float64Array.from(d));

  // 1. Van der Waerden scores in the rank order of each input's own draws.
  const scores = Float64Array.from({ length: trials }, (_, r) => normalQuantile((r + 1) / (trials + 1)));
  const order = draws.map((d) => sortedOrder(d));
  const m = new Float64Array(trials * n);
  order.forEach((trialsByRank, j) => trialsByRank.forEach((t, r) => (m[t * n + j] = scores[r])));

  // 2. Whiten (E = F·Fᵀ) and colour (S = P·Pᵀ) every trial's row: z = P·F⁻¹·m.
  const whitening = cholesky(sampleCorrelation(m, trials, n), n);
  const colouring = cholesky(scoreTarget(rankCorrelation, n), n);
  // A singular E (fewer trials than inputs, or tied draws) cannot be whitened: colour the scores as they are.
  const whiten = whitening.pivotsPositive;
  const target = new Float64Array(trials * n);
  const row = new Float64Array(n);
  for (let t = 0; t < trials; t++) {
    for (let i = 0; i < n; i++) {
      let x = m[t * n + i];
      if (whiten) {
        for (let k = 0; k < i; k++) x -= whitening.factor[i * n + k] * row[k];
        x /= whitening.factor[i * n + i];
      }
      row[i] = x;
    }
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let k = 0; k <= i; k++) z += colouring.factor[i * n + k] * row[k];
      target[t * n + i] = z;
    }
  }

  // 3. Input j's sorted draws, handed out in the rank order of column j.
  return draws.map((d, j) => {
    const sorted = Float64Array.from(order[j], (t) => d[t]);
    const column = Float64Array.from({ length: trials }, (_, t) => target[t * n + j]);
    const out = new Float64Array(trials);
    sortedOrder(column).forEach((t, r) => (out[t] = sorted[r]));
    return out;
  });
}

/** Trial indices in ascending order of their values, ties by trial index. */
function sortedOrder(values: ArrayLike<number>): Uint32Array {
  const order = Uint32Array.from({ length: values.length }, (_, t) => t);
  return order.sort((a, b) => values[a] - values[b] || a - b);
}

/** Pearson correlation matrix of the columns of a trials × n row-major matrix. */
function sampleCorrelation(m: Float64Array, trials: number, n: number): Float64Array {
  const means = new Float64Array(n);
  for (let t = 0; t < trials; t++) for (let j = 0; j < n; j++) means[j] += m[t * n + j] / trials;
  const cov = new Float64Array(n * n);
  for (let t = 0; t < trials; t++)
    for (let i = 0; i < n; i++) {
      const di = m[t * n + i] - means[i];
      for (let j = 0; j <= i; j++) cov[i * n + j] += di * (m[t * n + j] - means[j]);
    }
  const out = identity(n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const denominator = Math.sqrt(cov[i * n + i] * cov[j * n + j]);
      out[i * n + j] = out[j * n + i] = denominator > 0 ? cov[i * n + j] / denominator : 0;
    }
  return out;
}

// ---- Small dense linear algebra (n ≤ 8) ------------------------------------------------------------------------

function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations: `values[k]` with the eigenvector in
 * column k of `vectors` (row-major). Converges quadratically; sweeps stop when the off-diagonal part is negligible.
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): { values: Float64Array; vectors: Float64Array } {
  const s = Float64Array.from(a);
  const v = identity(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diagonal = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const x = s[i * n + j] ** 2;
        if (i === j) diagonal += x;
        else off += x;
      }
    if (off <= 1e-30 * diagonal) break;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = s[p * n + q];
        if (apq === 0) continue;
        const theta = (s[q * n + q] - s[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const skp = s[k * n + p];
          const skq = s[k * n + q];
          s[k * n + p] = c * skp - sn * skq;
          s[k * n + q] = sn * skp + c * skq;
        }
        for (let k = 0; k < n; k++) {
          const spk = s[p * n + k];
          const sqk = s[q * n + k];
          s[p * n + k] = c * spk - sn * sqk;
          s[q * n + k] = sn * spk + c * sqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - sn * vkq;
          v[k * n + q] = sn * vkp + c * vkq;
        }
      }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => s[i * n + i]), vectors: v };
}

const minEigenvalue = (a: ArrayLike<number>, n: number): number => Math.min(...symmetricEigen(a, n).values);

/** V·diag(max(λ, floor))·Vᵀ: the nearest matrix (Frobenius) whose eigenvalues are at least `floor`. */
function clipEigenvalues(a: Float64Array, n: number, floor: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, n);
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const lambda = Math.max(values[k], floor);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) out[i * n + j] += vectors[i * n + k] * lambda * vectors[j * n + k];
  }
  return out;
}

/**
 * The nearest correlation matrix (Frobenius norm) to a symmetric matrix with unit diagonal: Higham's alternating
 * projections with Dykstra's correction (Higham 2002, "Computing the nearest correlation matrix"), alternating between
 * the positive semi-definite matrices and those with unit diagonal until they meet. The result has unit diagonal and
 * eigenvalues of at least 0 (within rounding), and is symmetric.
 */
export function nearestCorrelation(a: ArrayLike<number>, n: number): Float64Array {
  let y = Float64Array.from(a);
  const correction = new Float64Array(n * n);
  for (let iteration = 0; iteration < 1000; iteration++) {
    const r = y.map((value, k) => value - correction[k]);
    const x = clipEigenvalues(r, n, 0);
    for (let k = 0; k < n * n; k++) correction[k] = x[k] - r[k];
    const next = Float64Array.from(x);
    for (let i = 0; i < n; i++) next[i * n + i] = 1;
    let change = 0;
    let size = 0;
    for (let k = 0; k < n * n; k++) {
      change += (next[k] - y[k]) ** 2;
      size += next[k] ** 2;
    }
    y = next;
    if (change <= 1e-24 * size) break;
  }
  // Symmetric to the last bit, with the unit diagonal exact.
  for (let i = 0; i < n; i++) {
    y[i * n + i] = 1;
    for (let j = 0; j < i; j++) y[i * n + j] = y[j * n + i] = (y[i * n + j] + y[j * n + i]) / 2;
  }
  return y;
}

/**
 * Lower-triangular L with L·Lᵀ = a for a positive semi-definite matrix: a pivot that rounding leaves at or below 0
 * (a singular matrix, e.g. a correlation of exactly 1) gives a zero column instead of a failure.
 */
export function cholesky(a: ArrayLike<number>, n: number): { factor: Float64Array; pivotsPositive: boolean } {
  const factor = new Float64Array(n * n);
  let pivotsPositive = true;
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= factor[j * n + k] ** 2;
    if (d <= 1e-12) {
      pivotsPositive = false;
      continue; // column j stays 0
    }
    const pivot = Math.sqrt(d);
    factor[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let x = a[i * n + j];
      for (let k = 0; k < j; k++) x -= factor[i * n + k] * factor[j * n + k];
      factor[i * n + j] = x / pivot;
    }
  }
  return { factor, pivotsPositive };
}

/**
 * Φ⁻¹(p), the standard normal quantile, for 0 < p < 1: Acklam's rational approximation (relative error below
 * 1.2e-9), ample for scores that only set an order.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`the normal quantile needs 0 < p < 1; got ${p}.`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}
