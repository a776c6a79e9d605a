import type { ConformanceExclusion, ConformanceTimeLimit } from '@wrn/core';

const EVAL_ONLY = 'the exported ONNX graph is the eval-mode network (no batch statistics, no dropout masks)';

/**
 * The conformance cases this runtime cannot run, each with its reason; its own tests and `wrn conformance` pass
 * them to the shared suite (training cases skip by capability already).
 *
 * @example
 * await describeRuntime(() => createOnnxRuntime(), { exclude: [...CONFORMANCE_EXCLUSIONS] });
 */
export const CONFORMANCE_EXCLUSIONS: readonly ConformanceExclusion[] = [
  { case: 'training-forward', reason: `forward(..., { training: true }) is not supported: ${EVAL_ONLY}` },
  {
    case: 'determinism',
    reason: `it compares training-mode (dropout) logits, and ${EVAL_ONLY}; eval logits per image vs in a batch are checked by batch-independence`,
  },
];

/**
 * Per-case time limits beyond the suite's default: none. Inference on onnxruntime takes well under a second a case
 * here, far within the default (the test configuration's 120 s).
 *
 * @example
 * await describeRuntime(() => createOnnxRuntime(), { timeLimits: [...CONFORMANCE_TIME_LIMITS] });
 */
export const CONFORMANCE_TIME_LIMITS: readonly ConformanceTimeLimit[] = [];
