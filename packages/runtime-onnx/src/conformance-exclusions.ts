import type { ConformanceExclusion, ConformanceTimeLimit } from '@wrn/core';

/**
 * The conformance cases this runtime cannot run, each with its reason: none. It trains through its standard-op
 * training graphs, so every case runs, the training cases included.
 *
 * @example
 * await describeRuntime(() => createOnnxRuntime(), { exclude: [...CONFORMANCE_EXCLUSIONS] });
 */
export const CONFORMANCE_EXCLUSIONS: readonly ConformanceExclusion[] = [];

/**
 * Per-case time limits beyond the suite's default: none. onnxruntime takes seconds at most a case here (the
 * real-size step about 6 s), far within the default (the test configuration's 120 s).
 *
 * @example
 * await describeRuntime(() => createOnnxRuntime(), { timeLimits: [...CONFORMANCE_TIME_LIMITS] });
 */
export const CONFORMANCE_TIME_LIMITS: readonly ConformanceTimeLimit[] = [];
