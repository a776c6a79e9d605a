/**
 * A conformance case a runtime package's CI does not run, and why. Each runtime package exports its list as
 * `CONFORMANCE_EXCLUSIONS`; its own tests and `wrn conformance --level quick` pass that one list to the suite.
 *
 * @example
 * const exclusion: ConformanceExclusion = {
 *   case: 'real-size-step',
 *   backend: 'cpu',
 *   reason: 'one step at 32x32, batch 64 takes minutes on pure JavaScript; run with WRN_CONFORMANCE_CPU=full',
 * };
 */
export interface ConformanceExclusion {
  /** A conformance case id, e.g. `gradients`. */
  case: string;
  /** Why the case does not run (printed in the report and the test name). */
  reason: string;
  /** Only this spec entry (by name); default every entry. */
  spec?: string;
  /** Only this backend (`runtime.backend`); default every backend of the runtime. */
  backend?: string;
}

/**
 * How long one conformance case may take on a runtime, and why that long. Each runtime package exports its list as
 * `CONFORMANCE_TIME_LIMITS`; a case over its limit fails (a vitest time-out in the package's tests, a failed row in
 * `wrn conformance`).
 *
 * @example
 * const limit: ConformanceTimeLimit = {
 *   backend: 'cpu',
 *   milliseconds: 120_000,
 *   reason: 'pure JavaScript kernels: a step of the 32x32 entry takes ~4 s, a multi-step case tens of seconds',
 * };
 */
export interface ConformanceTimeLimit {
  /** The most a case may take, in milliseconds. */
  milliseconds: number;
  /** Why that long (the runtime's speed on the machines it is tested on). */
  reason: string;
  /** Only this case id; default every case. */
  case?: string;
  /** Only this backend (`runtime.backend`); default every backend of the runtime. */
  backend?: string;
}
