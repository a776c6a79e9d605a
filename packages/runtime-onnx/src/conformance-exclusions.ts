import type { ConformanceExclusion, ConformanceTimeLimit } from '@wrn/core';

/**
 * The conformance cases this runtime cannot run, each with its reason: none. It is an inference runtime, so the
 * training cases skip by capability (`supportsTraining` is false) and `determinism` compares only what it can run.
 *
 * @example
 * await describeRuntime(() => createOnnxRuntime(), { exclude: [...CONFORMANCE_EXCLUSIONS] });
 */
export const CONFORMANCE_EXCLUSIONS: readonly ConformanceExclusion[] = [];

/**
 * Per-case time limits beyond the suite's default: none. Inference on onnxruntime takes well under a second a case
 * here, far within the default (the test configuration's 120 s).
 *
 * @example
 * await describeRuntime(() => createOnnxRuntime(), { timeLimits: [...CONFORMANCE_TIME_LIMITS] });
 */
export const CONFORMANCE_TIME_LIMITS: readonly ConformanceTimeLimit[] = [];
