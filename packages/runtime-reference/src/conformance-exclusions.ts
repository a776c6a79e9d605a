import type { ConformanceExclusion, ConformanceTimeLimit } from '@wrn/core';

/**
 * The conformance cases this runtime does not run: none. The reference computes the suite's expected values, so every
 * case runs on it at every level (about 20 s for the quick level here).
 *
 * @example
 * await describeRuntime(() => createReferenceRuntime(), { exclude: [...CONFORMANCE_EXCLUSIONS] });
 */
export const CONFORMANCE_EXCLUSIONS: readonly ConformanceExclusion[] = [];

/**
 * Per-case time limits beyond the suite's default: none. Its slowest case, `real-size-step`, takes about 7 s here,
 * well within the default (the test configuration's 120 s).
 *
 * @example
 * await describeRuntime(() => createReferenceRuntime(), { timeLimits: [...CONFORMANCE_TIME_LIMITS] });
 */
export const CONFORMANCE_TIME_LIMITS: readonly ConformanceTimeLimit[] = [];
