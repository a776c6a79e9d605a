import type { ConformanceLevel } from './spec-matrix.js';
import type { RuntimeFactory, SpecEntry, Tolerance } from './types.js';

/**
 * A case the runtime does not run, and why (the reason is printed in the report and the test name).
 *
 * @example
 * const exclusion: Exclusion = { case: 'resource-hygiene', reason: 'the wasm backend frees tensors lazily' };
 */
export interface Exclusion {
  /** A case id, e.g. `gradients`. */
  case: string;
  /** Required: why the case does not apply or is known to fail. */
  reason: string;
  /** Only this spec entry (by name); default every entry. */
  spec?: string;
}

/**
 * Options of `runConformance` and `describeRuntime`.
 *
 * @example
 * const options: ConformanceOptions = { tolerance: { atol: 1e-4, rtol: 1e-4 }, level: 'quick' };
 */
export interface ConformanceOptions {
  /** `|a - b| <= atol + rtol |b|`; default by `capabilities.precision` (see {@link defaultTolerance}). */
  tolerance?: Tolerance;
  /** Cases not run, each with its reason. */
  exclude?: Exclusion[];
  /** The spec matrix; default `specMatrix(level)`. */
  specs?: SpecEntry[];
  /** Size of the default matrix; default `quick` (affordable on slow backends). */
  level?: ConformanceLevel;
  /** Only these case ids; default all. */
  cases?: string[];
  /** Seeds every input and weight of the suite; default 0. */
  seed?: number;
  /**
   * Other runtimes that must load the checkpoint the runtime under test writes and give the same eval logits
   * (case 7); default none (the reference and a fresh executor of the runtime under test always do).
   */
  peers?: RuntimeFactory[];
}

/**
 * The default tolerance of a precision: float32 runtimes start at 1e-4/1e-4 (the starting point; tighten
 * where they pass); float64 ones differ from the reference only by the float32 rounding of the `WeightMap` and logits
 * at the executor boundary, so 1e-6/1e-6.
 *
 * @example
 * defaultTolerance('float32'); // { atol: 1e-4, rtol: 1e-4 }
 */
export function defaultTolerance(precision: 'float32' | 'float64'): Tolerance {
  return precision === 'float64' ? { atol: 1e-6, rtol: 1e-6 } : { atol: 1e-4, rtol: 1e-4 };
}

/**
 * The looser of two tolerances, field by field.
 *
 * @example
 * looserTolerance({ atol: 1e-6, rtol: 1e-6 }, { atol: 1e-4, rtol: 1e-5 }); // { atol: 1e-4, rtol: 1e-5 }
 */
export function looserTolerance(first: Tolerance, second: Tolerance): Tolerance {
  return { atol: Math.max(first.atol, second.atol), rtol: Math.max(first.rtol, second.rtol) };
}
