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
  /** Only this backend (`runtime.backend`); default every backend. */
  backend?: string;
}

/**
 * How long a case may take on the runtime, and why that long: a case over its limit fails (a time-out in
 * `describeRuntime`, a failed row in `runConformance`). The first matching limit applies.
 *
 * @example
 * const limit: TimeLimit = { backend: 'webgpu', milliseconds: 300_000, reason: 'SwiftShader emulates the GPU on the CPU' };
 */
export interface TimeLimit {
  /** The most one case on one spec entry may take, in milliseconds. */
  milliseconds: number;
  /** Required: why that long. */
  reason: string;
  /** Only this case id; default every case. */
  case?: string;
  /** Only this backend (`runtime.backend`); default every backend. */
  backend?: string;
}

/**
 * One case on one spec entry, as it finishes (`runConformance`'s `onCase`).
 *
 * @example
 * const finished: FinishedCase = { runtime: 'tfjs', backend: 'wasm', case: 'train-step', spec: 'WRN-10-1 paper B(3,3) 8x8 batch 3', status: 'pass', milliseconds: 412 };
 */
export interface FinishedCase {
  runtime: string;
  backend?: string;
  case: string;
  spec: string;
  status: 'pass' | 'fail' | 'skip';
  reason?: string;
  milliseconds: number;
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
  /** Per-case time limits, each with its reason; default none (vitest's `testTimeout`; no limit in `runConformance`). */
  timeLimits?: TimeLimit[];
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
  /** Called as each case finishes on each spec entry (`runConformance` only); default none. */
  onCase?: (finished: FinishedCase) => void;
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
